package provider

import (
	"fmt"
	"net"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// plainHTTPWarning says why an http:// endpoint on a host other than this one is a risk, or ""
// when it is not one (https, no endpoint, or loopback: the emulator). Every request carries the
// access key id and a signature, and with STS credentials the security token itself, readable by
// anyone on the way. Nothing is resolved: a host name other than localhost counts as remote.
func plainHTTPWarning(endpoint, source string, sendsToken bool) string {
	if endpoint == "" {
		return ""
	}
	scheme, host, err := emrapi.ParseEndpoint(endpoint)
	if err != nil || scheme != "http" {
		return ""
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.Trim(name, "[]")
	if strings.EqualFold(name, "localhost") {
		return ""
	}
	if ip := net.ParseIP(name); ip != nil && ip.IsLoopback() {
		return ""
	}
	where := "endpoint"
	if source == emrapi.EndpointFromEnv {
		where = "EMRFLOW_ENDPOINT"
	}
	token := ""
	if sendsToken {
		token = " and the STS security token"
	}
	return fmt.Sprintf("%s is %q: plain http to a host other than this one. Every request is sent unencrypted with "+
		"the access key id, its signature%s, readable and replayable by anyone on the way. Use https:// (the API's "+
		"endpoints take it), or plain http only to an emulator on loopback (http://127.0.0.1:port).", where, endpoint, token)
}
