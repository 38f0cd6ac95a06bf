package emrapi

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// closedPort returns the address of a loopback port that nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// transportResult is what transportCall saw.
type transportResult struct {
	te       *TransportError
	err      error
	attempts int // counted from the log: a refused connection reaches no handler
	took     time.Duration
}

// transportCall runs one DescribeFlow against endpoint, which must fail with a TransportError.
func transportCall(t *testing.T, endpoint string, mod func(*Config)) transportResult {
	t.Helper()
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	c := newTestClient(t, endpoint, func(cfg *Config) {
		cfg.EndpointSource = EndpointFromEnv
		cfg.MaxRetries = 3
		if mod != nil {
			mod(cfg)
		}
	})
	start := time.Now()
	_, err := c.DescribeFlow(ctx, "FP-1", "F-1")
	took := time.Since(start)
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("want a TransportError, got %T: %v", err, err)
	}
	return transportResult{te: te, err: err, attempts: countAttempts(t, &logs), took: took}
}

func TestTransportRefusedLoopback(t *testing.T) {
	addr := closedPort(t)
	r := transportCall(t, "http://"+addr, nil)
	te, err, attempts, took := r.te, r.err, r.attempts, r.took
	if te.Kind != TransportRefused {
		t.Errorf("kind %q, want refused", te.Kind)
	}
	want := "DescribeFlow: nothing answered at http://" + addr + " (from the environment variable EMRFLOW_ENDPOINT): the connection was refused"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message\n %s\nwant prefix\n %s", err, want)
	}
	if !strings.Contains(te.Advice(), "Is the emulator running? Start it with ./bin/emrflow-emulator -listen "+addr) {
		t.Errorf("advice %q", te.Advice())
	}
	// Nothing on this machine will start listening because we wait: fail at once.
	if attempts != 1 || IsRetryable(err) {
		t.Errorf("%d attempts (retryable %v), want 1 and not retryable", attempts, IsRetryable(err))
	}
	if took > time.Second {
		t.Errorf("took %s", took)
	}
	// Nothing was sent: a create may be tried again later without risk.
	if IsUnknownOutcome(err) {
		t.Error("a refused connection is not an unknown outcome")
	}
}

func TestTransportRefusedRemoteRetriesOnce(t *testing.T) {
	c := newTestClient(t, "http://emr.example.com:18080", func(cfg *Config) { cfg.EndpointSource = EndpointFromAttribute })
	e := networkError("DescribeFlow", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true)
	err := c.explainNetwork(e, "http://emr.example.com:18080")
	var te *TransportError
	if !errors.As(err, &te) || te.Kind != TransportRefused {
		t.Fatalf("got %v", err)
	}
	if !IsRetryable(err) || c.retryBudget(err) != 1 {
		t.Errorf("retryable %v, budget %d: want a single retry", IsRetryable(err), c.retryBudget(err))
	}
	if strings.Contains(te.Advice(), "emulator") || !strings.Contains(te.Advice(), `the provider's "endpoint" attribute`) {
		t.Errorf("advice %q", te.Advice())
	}
}

func TestTransportDNS(t *testing.T) {
	r := transportCall(t, "http://emrflow-nowhere.invalid:18080", func(cfg *Config) { cfg.EndpointSource = EndpointFromAttribute })
	te, err, attempts := r.te, r.err, r.attempts
	if te.Kind != TransportDNS {
		t.Fatalf("kind %q, want dns: %v", te.Kind, err)
	}
	if !strings.Contains(err.Error(), `nothing answered at http://emrflow-nowhere.invalid:18080 (from the provider's "endpoint" attribute)`) {
		t.Errorf("message %v", err)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && !dnsErr.IsNotFound {
		t.Skipf("this machine's resolver did not answer NXDOMAIN (%v); permanence not checked", dnsErr)
	}
	if !strings.Contains(err.Error(), "does not resolve") || attempts != 1 {
		t.Errorf("%d attempts, message %v", attempts, err)
	}
}

func TestTransportHTTPSToPlainHTTP(t *testing.T) {
	api := newFakeAPI(t, script(ok(describeFlowOK)))
	hp := strings.TrimPrefix(api.URL, "http://")
	r := transportCall(t, "https://"+hp, nil)
	te, err, attempts := r.te, r.err, r.attempts
	if te.Kind != TransportTLS || attempts != 1 || IsRetryable(err) {
		t.Errorf("kind %q, %d attempts: %v", te.Kind, attempts, err)
	}
	if !strings.Contains(err.Error(), "the endpoint says https, but the server there speaks plain http") ||
		!strings.Contains(te.Advice(), "http://"+hp) {
		t.Errorf("message %v; advice %q", err, te.Advice())
	}
	if api.count() != 0 {
		t.Errorf("the handler saw %d requests", api.count())
	}
}

func TestTransportHTTPToHTTPS(t *testing.T) {
	api := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("the handler was reached")
	}))
	t.Cleanup(api.Close)
	hp := strings.TrimPrefix(api.URL, "https://")
	r := transportCall(t, "http://"+hp, nil)
	te, err, attempts := r.te, r.err, r.attempts
	if te.Kind != TransportPlainHTTP || attempts != 1 || IsRetryable(err) {
		t.Errorf("kind %q, %d attempts: %v", te.Kind, attempts, err)
	}
	if !strings.Contains(te.Advice(), "https://"+hp) {
		t.Errorf("advice %q", te.Advice())
	}
}

func TestTransportTimeout(t *testing.T) {
	api := newFakeAPI(t, script(reply{status: 200, body: describeFlowOK, delay: time.Second}))
	r := transportCall(t, api.URL, func(cfg *Config) {
		cfg.HTTPTimeout = 50 * time.Millisecond
		cfg.MaxRetries = 1
	})
	te, err, attempts := r.te, r.err, r.attempts
	if te.Kind != TransportTimeout || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Errorf("kind %q: %v", te.Kind, err)
	}
	// A slow server may answer the next time: the retries are kept.
	if attempts != 2 || !IsRetryable(err) {
		t.Errorf("%d attempts, want 2", attempts)
	}
}

// timeoutErr is a net.Error that timed out.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestTransportDialTimeout(t *testing.T) {
	c := newTestClient(t, "https://10.255.255.1", nil)
	e := networkError("DescribeFlow", &net.OpError{Op: "dial", Net: "tcp", Err: timeoutErr{}}, true)
	err := c.explainNetwork(e, "https://10.255.255.1")
	var te *TransportError
	if !errors.As(err, &te) || te.Kind != TransportTimeout || !strings.Contains(te.Cause, "no connection") || c.retryBudget(err) != 1 {
		t.Errorf("got %#v", err)
	}
}

func TestTransportNotAPI(t *testing.T) {
	html := reply{status: 404, body: "<html><body><h1>404 Not Found</h1></body></html>", header: map[string]string{"Content-Type": "text/html; charset=utf-8"}}
	page := reply{status: 200, body: "<!doctype html><title>Welcome to nginx!</title>", header: map[string]string{"Content-Type": "text/html"}}
	redirect := reply{status: 301, body: "", header: map[string]string{"Location": "https://example.com/"}}
	notImplemented := reply{status: 501, body: "<html><title>Error response</title>Unsupported method ('POST')</html>"}
	for name, r := range map[string]reply{"404 page": html, "200 page": page, "redirect": redirect, "501 page": notImplemented} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, script(r))
			r := transportCall(t, api.URL, nil)
			te, err, attempts := r.te, r.err, r.attempts
			if te.Kind != TransportNotAPI || attempts != 1 {
				t.Errorf("kind %q, %d attempts: %v", te.Kind, attempts, err)
			}
			if !strings.Contains(err.Error(), "no EMR API answered at "+api.URL+" (from the environment variable EMRFLOW_ENDPOINT): HTTP ") {
				t.Errorf("message %v", err)
			}
			if te.Advice() == "" {
				t.Error("no advice")
			}
			if IsRetryable(err) || IsUnknownOutcome(err) {
				t.Error("the API executed nothing, and asking again gets the same page")
			}
		})
	}
	// A 502 page of a proxy in front of the API may go away: it stays retryable.
	api := newFakeAPI(t, script(reply{status: 502, body: "<html>Bad Gateway</html>"}))
	r := transportCall(t, api.URL, func(cfg *Config) { cfg.MaxRetries = 1 })
	err, attempts := r.err, r.attempts
	if attempts != 2 || !IsRetryable(err) || !IsUnknownOutcome(err) {
		t.Errorf("502 page: %d attempts, unknown outcome %v", attempts, IsUnknownOutcome(err))
	}
	// A create that got a non-API page is not looked up: nothing was executed.
	api = newFakeAPI(t, script(notImplemented))
	c := newTestClient(t, api.URL, nil)
	if _, err := c.CreateFlow(t.Context(), FlowInput{ProjectID: "FP-1", Name: "f"}); IsUnknownOutcome(err) || api.count() != 1 {
		t.Errorf("create: %d requests, unknown outcome %v", api.count(), IsUnknownOutcome(err))
	}
}

// TestAPIAnswersStayAPIErrors: an answer of the API, in either shape, is not a transport failure.
func TestAPIAnswersStayAPIErrors(t *testing.T) {
	for _, r := range []reply{flowErr("Flow does not exist [F-1]"), gatewayErr(400, "InvalidParameter", "x")} {
		api := newFakeAPI(t, script(r))
		c := newTestClient(t, api.URL, nil)
		_, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
		var te *TransportError
		if err == nil || errors.As(err, &te) {
			t.Errorf("%s: got %v", r.body, err)
		}
	}
}

func TestCredentialErrors(t *testing.T) {
	cases := map[string]string{
		"InvalidAccessKeyId.NotFound":  "The API does not know the access key id " + testKeyID,
		"SignatureDoesNotMatch":        "check the access key secret",
		"InvalidSecurityToken.Expired": "has expired",
	}
	for code, want := range cases {
		t.Run(code, func(t *testing.T) {
			api := newFakeAPI(t, script(gatewayErr(400, code, "refused")))
			c := newTestClient(t, api.URL, func(cfg *Config) {
				cfg.CredentialSource = "environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)"
			})
			_, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
			var ce *CredentialError
			if !errors.As(err, &ce) {
				t.Fatalf("want a CredentialError, got %v", err)
			}
			if !strings.Contains(ce.Advice(), want) || !strings.Contains(ce.Advice(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET") {
				t.Errorf("advice %q", ce.Advice())
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != code || IsRetryable(err) {
				t.Errorf("the API error is lost or retryable: %v", err)
			}
			if strings.Contains(ce.Advice(), testSecret) {
				t.Error("advice shows the secret")
			}
		})
	}
}

func TestEndpointSource(t *testing.T) {
	regional := newTestClient(t, "", nil)
	if got := regional.endpointSource(); got != "the SDK's regional endpoint for region "+testRegion {
		t.Errorf("regional: %q", got)
	}
	if got := regional.InRegion("cn-shanghai").endpointSource(); !strings.HasSuffix(got, "cn-shanghai") {
		t.Errorf("regional view: %q", got)
	}
	set := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.EndpointSource = EndpointFromAttribute })
	if got := set.endpointSource(); got != EndpointFromAttribute {
		t.Errorf("attribute: %q", got)
	}
}

// TestTransportErrorHidesURL: the message names the endpoint, never the signed URL.
func TestTransportErrorHidesURL(t *testing.T) {
	addr := closedPort(t)
	c := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.SecurityToken = "tok-123" })
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	_, err := c.DescribeFlow(ctx, "FP-1", "F-1")
	for _, s := range []string{"Signature=", "tok-123", "?"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error shows %q: %v", s, err)
		}
	}
}
