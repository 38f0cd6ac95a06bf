package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestExposure(t *testing.T) {
	tcp := func(ip string, port int) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: port} }
	const def, own = "LTAIemrflowEmulator", "LTAImine"
	cases := map[string]struct {
		addr              net.Addr
		keyID             string
		console, setFlag  bool
		wantURL, wantNote string
		wantErr           string
		wantConsoleServed bool
	}{
		"loopback, default keys":     {tcp("127.0.0.1", 18080), def, false, false, "http://127.0.0.1:18080", "", "", true},
		"loopback v6":                {tcp("::1", 18080), def, false, false, "http://[::1]:18080", "", "", true},
		"loopback, console off":      {tcp("127.0.0.1", 18080), def, false, true, "http://127.0.0.1:18080", "", "", false},
		"every interface, default":   {tcp("0.0.0.0", 18099), def, false, false, "http://0.0.0.0:18099", "every interface", "published default keys", false},
		"every interface, own keys":  {tcp("0.0.0.0", 18099), own, false, false, "http://0.0.0.0:18099", "from this one: http://127.0.0.1:18099", "", false},
		"every interface, -console":  {tcp("0.0.0.0", 18099), own, true, true, "http://0.0.0.0:18099", "every interface", "", true},
		"unresolved :port":           {&net.TCPAddr{Port: 18099}, def, false, false, "http://:18099", "every interface", "published default keys", false},
		"an interface, default keys": {tcp("192.0.2.7", 18099), def, false, false, "http://192.0.2.7:18099", "reachable from other hosts", "published default keys", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := exposureOf(tc.addr)
			if e.url != tc.wantURL || !strings.Contains(e.note, tc.wantNote) || (tc.wantNote == "" && e.note != "") {
				t.Errorf("exposure = %+v, want url %q, note with %q", e, tc.wantURL, tc.wantNote)
			}
			secret := "mine-secret"
			if tc.keyID == def {
				secret = "emrflow-emulator-secret"
			}
			served, err := e.check(tc.keyID, secret, tc.console, tc.setFlag)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || served != tc.wantConsoleServed {
				t.Fatalf("check = %v, %v; want console served %v", served, err, tc.wantConsoleServed)
			}
		})
	}
}

// TestListenEveryInterface: -listen 0.0.0.0:… prints what it binds, refuses the default keys,
// and serves the console page only with -console.
func TestListenEveryInterface(t *testing.T) {
	err := run(t.Context(), []string{"-listen", "0.0.0.0:0"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "refusing to listen on http://0.0.0.0:0") || !strings.Contains(err.Error(), "-access-key-id and -access-key-secret") {
		t.Fatalf("default keys on every interface: %v", err)
	}
	for _, withConsole := range []bool{false, true} {
		args := []string{"-listen", "0.0.0.0:0", "-access-key-id", "LTAIrehearsal", "-access-key-secret", "s3cret"}
		if withConsole {
			args = append(args, "-console")
		}
		ctx, cancel := context.WithCancel(t.Context())
		pr, pw := io.Pipe()
		done := make(chan error, 1)
		go func() { done <- run(ctx, args, pw, io.Discard); pw.Close() }()
		sc := bufio.NewScanner(pr)
		var lines []string
		for len(lines) < 4 && sc.Scan() {
			lines = append(lines, sc.Text())
		}
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		if len(lines) != 4 {
			t.Fatalf("banner %q", lines)
		}
		m := regexp.MustCompile(`^listening on http://(?:0\.0\.0\.0|\[::\]):(\d+) \(every interface: reachable from other hosts; from this one: http://127\.0\.0\.1:(\d+)\)$`).FindStringSubmatch(lines[0])
		if m == nil || m[1] != m[2] {
			t.Fatalf("first line %q", lines[0])
		}
		wantConsole := "console page: not served"
		if withConsole {
			wantConsole = "console page: served"
		}
		if !strings.HasPrefix(lines[3], wantConsole) {
			t.Errorf("fourth line %q, want %q", lines[3], wantConsole)
		}
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:"+m[1]+"/", nil)
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.StatusCode == http.StatusOK && strings.Contains(string(body), "<html"); got != withConsole {
			t.Errorf("-console %v: console page served = %v (%d)", withConsole, got, resp.StatusCode)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoopbackIfNoHost: `-listen :0` (DESIGN.md: "picks a port") stays on loopback, so it keeps
// working with the default keys; an explicit host is kept as written.
func TestLoopbackIfNoHost(t *testing.T) {
	for in, want := range map[string]string{
		":0":              "127.0.0.1:0",
		":18080":          "127.0.0.1:18080",
		"127.0.0.1:18080": "127.0.0.1:18080",
		"0.0.0.0:18099":   "0.0.0.0:18099",
		"[::]:18099":      "[::]:18099",
		"localhost:1":     "localhost:1",
		"nonsense":        "nonsense",
	} {
		if got := loopbackIfNoHost(in); got != want {
			t.Errorf("loopbackIfNoHost(%q) = %q, want %q", in, got, want)
		}
	}
}
