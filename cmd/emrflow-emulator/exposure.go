package main

import (
	"fmt"
	"net"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// exposure is what the emulator lets in, decided from the address it is bound to: on loopback
// only this host reaches it; beyond (an interface address, or every interface) anyone who can
// reach the host does, so the published default keys would let them sign requests, and the
// console page, which has no authentication, shows every project.
type exposure struct {
	loopback bool
	url      string // the address bound, as a URL
	note     string // said after the URL when other hosts can reach it
}

func exposureOf(a net.Addr) exposure {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return exposure{url: "http://" + a.String(), note: "(reachable from other hosts)"}
	}
	e := exposure{loopback: tcp.IP.IsLoopback(), url: "http://" + tcp.String()}
	switch {
	case e.loopback:
	case tcp.IP == nil || tcp.IP.IsUnspecified():
		e.note = fmt.Sprintf("(every interface: reachable from other hosts; from this one: http://%s)",
			net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port)))
	default:
		e.note = "(reachable from other hosts)"
	}
	return e
}

// check refuses the published default keys beyond loopback, and says whether the console page is
// served: as -console says when given, else on loopback only.
func (e exposure) check(keyID, keySecret string, console bool, consoleSet bool) (serveConsole bool, err error) {
	if !e.loopback && (keyID == emulator.DefaultAccessKeyID || keySecret == emulator.DefaultAccessKeySecret) {
		return false, fmt.Errorf("refusing to listen on %s %s with the published default keys: anyone who can reach it could "+
			"use them. Give keys of your own with -access-key-id and -access-key-secret, or listen on loopback (127.0.0.1:port)",
			e.url, e.note)
	}
	if consoleSet {
		return console, nil
	}
	return e.loopback, nil
}

// loopbackIfNoHost gives an address without a host ("host:port" with host "") the loopback host
// 127.0.0.1; other addresses, and text that is no address (net.Listen reports it), are kept.
func loopbackIfNoHost(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil || host != "" {
		return listen
	}
	return net.JoinHostPort("127.0.0.1", port)
}
