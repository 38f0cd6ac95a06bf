package emrapi

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const describeFlowOK = `{"RequestId":"R-OK","Id":"F-1","Name":"f"}`

// script answers the n-th request with replies[n], and the last reply after that.
func script(replies ...reply) func(int, recorded) reply {
	return func(n int, _ recorded) reply {
		if n >= len(replies) {
			n = len(replies) - 1
		}
		return replies[n]
	}
}

func TestRetryIdempotent(t *testing.T) {
	unavailable := gatewayErr(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
	throttled := gatewayErr(400, "Throttling.User", "Request was denied due to user flow control.")
	tests := []struct {
		name       string
		maxRetries int
		replies    []reply
		wantCalls  int
		wantErr    func(error) bool
	}{
		{"503 three times then ok", 3, []reply{unavailable, unavailable, unavailable, ok(describeFlowOK)}, 4, nil},
		{"503 beyond the retries", 3, []reply{unavailable}, 4, IsRetryable},
		{"no retries configured", 0, []reply{unavailable, ok(describeFlowOK)}, 1, IsRetryable},
		{"throttled then ok", 3, []reply{gatewayErr(400, "Throttling.User", "Request was denied due to user flow control."), ok(describeFlowOK)}, 2, nil},
		{"throttling does not use up the retries of failures", 3, []reply{throttled, unavailable, throttled, unavailable, throttled, unavailable, throttled, ok(describeFlowOK)}, 8, nil},
		{"failures beyond the retries, throttled between them", 3, []reply{unavailable, throttled, unavailable, throttled, unavailable, throttled, unavailable, ok(describeFlowOK)}, 7, IsRetryable},
		{"throttled beyond its own budget", 1, []reply{throttled}, 1 + throttleRetryFactor, IsThrottled},
		{"no retries configured, throttled", 0, []reply{throttled, ok(describeFlowOK)}, 1, IsThrottled},
		{"500 InternalError then ok", 3, []reply{gatewayErr(500, "InternalError", "x"), ok(describeFlowOK)}, 2, nil},
		{"nonce used then ok", 3, []reply{gatewayErr(400, "SignatureNonceUsed", "x"), ok(describeFlowOK)}, 2, nil},
		{"invalid parameter is final", 3, []reply{gatewayErr(400, "InvalidParameter", "bad"), ok(describeFlowOK)}, 1, func(err error) bool { return !IsRetryable(err) }},
		{"not found is final", 3, []reply{flowErr("Flow does not exist [F-1]"), ok(describeFlowOK)}, 1, IsNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, script(tt.replies...))
			c := newTestClient(t, api.URL, func(cfg *Config) { cfg.MaxRetries = tt.maxRetries })
			f, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
			if got := api.count(); got != tt.wantCalls {
				t.Errorf("%d requests, want %d", got, tt.wantCalls)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if f.ID != "F-1" {
					t.Errorf("flow %+v", f)
				}
				return
			}
			if err == nil || !tt.wantErr(err) {
				t.Errorf("unexpected error: %v", err)
			}
		})
	}
}

// TestRetryModifyDelete checks that the other idempotent calls retry too.
func TestRetryModifyDelete(t *testing.T) {
	calls := []struct {
		name string
		run  func(*Client) error
	}{
		{"ModifyFlow", func(c *Client) error { return c.ModifyFlow(t.Context(), "F-1", FlowInput{ProjectID: "FP-1"}) }},
		{"DeleteFlow", func(c *Client) error { return c.DeleteFlow(t.Context(), "FP-1", "F-1") }},
		{"ListFlows", func(c *Client) error { _, err := c.ListFlows(t.Context(), ListFlowsInput{}); return err }},
		{"ModifyJob", func(c *Client) error { return c.ModifyJob(t.Context(), "FJ-1", JobInput{ProjectID: "FP-1"}) }},
		{"DeleteProject", func(c *Client) error { return c.DeleteProject(t.Context(), "FP-1") }},
		{"ModifyCategory", func(c *Client) error {
			return c.ModifyCategory(t.Context(), "FC-1", CategoryInput{ProjectID: "FP-1"})
		}},
	}
	for _, tt := range calls {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, script(gatewayErr(500, "InternalError", "x"), gatewayErr(503, "ServiceUnavailable", "x"), ok(`{"RequestId":"R","Data":true}`)))
			c := newTestClient(t, api.URL, nil)
			if err := tt.run(c); err != nil {
				t.Fatal(err)
			}
			if got := api.count(); got != 3 {
				t.Errorf("%d requests, want 3", got)
			}
		})
	}
}

func TestRetryCreate(t *testing.T) {
	created := ok(`{"RequestId":"R","Id":"F-NEW"}`)
	tests := []struct {
		name        string
		replies     []reply
		wantCalls   int
		wantUnknown bool
		wantOK      bool
	}{
		{"500 is not retried", []reply{gatewayErr(500, "InternalError", "x"), created}, 1, true, false},
		{"503 is not retried", []reply{gatewayErr(503, "ServiceUnavailable", "x"), created}, 1, true, false},
		{"Throttling.User is retried", []reply{gatewayErr(400, "Throttling.User", "x"), created}, 2, false, true},
		{"Throttling is retried", []reply{gatewayErr(400, "Throttling", "x"), gatewayErr(400, "Throttling", "x"), created}, 3, false, true},
		{"SignatureNonceUsed is retried", []reply{gatewayErr(400, "SignatureNonceUsed", "x"), created}, 2, false, true},
		{"InvalidTimeStamp.Expired is retried", []reply{gatewayErr(400, "InvalidTimeStamp.Expired", "x"), created}, 2, false, true},
		{"already exists is final", []reply{flowErr("Flow name already exists: [f]"), created}, 1, false, false},
		// Throttling has a budget of its own: max_retries (3 here) x throttleRetryFactor.
		{"throttled beyond the retries", []reply{gatewayErr(400, "Throttling.User", "x")}, 1 + 3*throttleRetryFactor, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, script(tt.replies...))
			c := newTestClient(t, api.URL, nil)
			id, err := c.CreateFlow(t.Context(), FlowInput{ProjectID: "FP-1", Name: "f", ClusterID: "C-1"})
			if got := api.count(); got != tt.wantCalls {
				t.Errorf("%d requests, want %d", got, tt.wantCalls)
			}
			if tt.wantOK != (err == nil) {
				t.Fatalf("err = %v", err)
			}
			if tt.wantOK && id != "F-NEW" {
				t.Errorf("id = %q", id)
			}
			if IsUnknownOutcome(err) != tt.wantUnknown {
				t.Errorf("IsUnknownOutcome = %v, want %v (%v)", !tt.wantUnknown, tt.wantUnknown, err)
			}
			// Each attempt is a new signed request: a fresh nonce every time.
			nonces := map[string]bool{}
			for _, r := range api.requests() {
				n, _ := r.param("SignatureNonce")
				if nonces[n] {
					t.Errorf("nonce %q reused", n)
				}
				nonces[n] = true
			}
		})
	}
}

// TestTimeout: a call that outlasts HTTPTimeout is retried when idempotent; a create is not, and
// reports an unknown outcome.
func TestTimeout(t *testing.T) {
	slow := reply{status: 200, body: `{"RequestId":"R","Id":"F-1"}`, delay: 2 * time.Second}
	fast := ok(`{"RequestId":"R","Id":"F-1"}`)
	t.Run("describe", func(t *testing.T) {
		api := newFakeAPI(t, script(slow, fast))
		c := newTestClient(t, api.URL, func(cfg *Config) { cfg.HTTPTimeout = 100 * time.Millisecond })
		if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
			t.Fatal(err)
		}
		if got := api.count(); got != 2 {
			t.Errorf("%d requests, want 2", got)
		}
	})
	t.Run("create", func(t *testing.T) {
		api := newFakeAPI(t, script(slow, fast))
		c := newTestClient(t, api.URL, func(cfg *Config) { cfg.HTTPTimeout = 100 * time.Millisecond })
		_, err := c.CreateFlow(t.Context(), FlowInput{ProjectID: "FP-1", Name: "f"})
		if !IsUnknownOutcome(err) {
			t.Errorf("want an unknown outcome, got %v", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("want a deadline error, got %v", err)
		}
		if got := api.count(); got != 1 {
			t.Errorf("%d requests, want 1", got)
		}
	})
}

// TestNetworkErrors: a refused connection proves nothing was sent (not an unknown outcome); on
// loopback it is not retried at all (nothing starts listening because the client waits: see
// transport_test.go); a connection dropped after the request was written does not prove it (a
// create is not retried). Attempts are counted from the log, since a refused connection never
// reaches a handler.
func TestNetworkErrors(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		var logs bytes.Buffer
		ctx := tflogtest.RootLogger(t.Context(), &logs)
		c := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.MaxRetries = 2 })
		_, err = c.CreateFlow(ctx, FlowInput{ProjectID: "FP-1", Name: "f"})
		var e *Error
		if !errors.As(err, &e) || e.Shape != ShapeNetwork || !e.NotSent {
			t.Fatalf("want a not-sent network error, got %#v", err)
		}
		if IsUnknownOutcome(err) {
			t.Error("a refused connection is not an unknown outcome")
		}
		if got := countAttempts(t, &logs); got != 1 {
			t.Errorf("%d attempts, want 1", got)
		}
	})
	t.Run("dropped after sending", func(t *testing.T) {
		var accepted atomic.Int32
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ln.Close() })
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				accepted.Add(1)
				// Read the request, then hang up without answering.
				buf := make([]byte, 64<<10)
				_ = conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
				_, _ = conn.Read(buf)
				conn.Close()
			}
		}()
		c := newTestClient(t, "http://"+ln.Addr().String(), nil)
		_, err = c.CreateFlow(t.Context(), FlowInput{ProjectID: "FP-1", Name: "f"})
		if !IsUnknownOutcome(err) {
			t.Fatalf("want an unknown outcome, got %v", err)
		}
		if got := accepted.Load(); got != 1 {
			t.Errorf("%d connections, want 1 (no retry)", got)
		}
		// The same failure on an idempotent call is retried.
		accepted.Store(0)
		if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err == nil {
			t.Fatal("want an error")
		}
		if got := accepted.Load(); got != 4 {
			t.Errorf("%d connections, want 4", got)
		}
	})
}

func TestBackoffHonoursContext(t *testing.T) {
	unavailable := gatewayErr(503, "ServiceUnavailable", "x")
	t.Run("cancel while waiting", func(t *testing.T) {
		api := newFakeAPI(t, script(unavailable))
		c := newTestClient(t, api.URL, func(cfg *Config) {
			cfg.MaxRetries = 10
			cfg.RetryBaseDelay = time.Hour
			cfg.RetryMaxDelay = time.Hour
		})
		c.rng = rand.New(maxSource{}) // every backoff is the full hour
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.DescribeFlow(ctx, "FP-1", "F-1")
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("took %v after cancellation", elapsed)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("want context.Canceled, got %v", err)
		}
		var e *Error
		if !errors.As(err, &e) || e.HTTPStatus != 503 {
			t.Errorf("want the last API error kept, got %v", err)
		}
	})
	t.Run("deadline shorter than the backoff", func(t *testing.T) {
		api := newFakeAPI(t, script(unavailable))
		c := newTestClient(t, api.URL, func(cfg *Config) {
			cfg.MaxRetries = 10
			cfg.RetryBaseDelay = time.Hour
			cfg.RetryMaxDelay = time.Hour
		})
		c.rng = rand.New(maxSource{})
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.DescribeFlow(ctx, "FP-1", "F-1")
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("waited %v for a backoff that could not end before the deadline", elapsed)
		}
		if !IsRetryable(err) {
			t.Errorf("want the last retryable error, got %v", err)
		}
	})
	t.Run("already cancelled", func(t *testing.T) {
		api := newFakeAPI(t, script(ok(describeFlowOK)))
		c := newTestClient(t, api.URL, nil)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := c.DescribeFlow(ctx, "FP-1", "F-1"); !errors.Is(err, context.Canceled) {
			t.Errorf("want context.Canceled, got %v", err)
		}
		if got := api.count(); got != 0 {
			t.Errorf("%d requests, want 0", got)
		}
	})
}

func TestBackoffBounds(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) {
		cfg.RetryBaseDelay = 100 * time.Millisecond
		cfg.RetryMaxDelay = time.Second
	})
	for n := 1; n <= 70; n++ {
		ceiling := time.Second
		if n <= 4 {
			ceiling = 100 * time.Millisecond << (n - 1)
		}
		var maxSeen time.Duration
		for range 200 {
			d := c.backoff(c.baseDelay, n)
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: backoff %v outside [0, %v]", n, d, ceiling)
			}
			maxSeen = max(maxSeen, d)
		}
		// Full jitter spreads over the whole range, not just near zero.
		if maxSeen < ceiling/2 {
			t.Errorf("attempt %d: largest of 200 draws %v, ceiling %v", n, maxSeen, ceiling)
		}
	}
}

// TestSuccessResponseFalse: a 2xx answer that holds the flow service's error envelope is an error.
func TestSuccessResponseFalse(t *testing.T) {
	api := newFakeAPI(t, script(reply{status: 200, body: `{"code":"FLOW_API_FAILED","message":"Flow does not exist [F-1]","requestId":"R9","successResponse":false}`}))
	c := newTestClient(t, api.URL, nil)
	_, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "flow" || nf.ID != "F-1" {
		t.Fatalf("want a NotFoundError, got %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.RequestID != "R9" || e.Shape != ShapeFlow {
		t.Errorf("got %#v", e)
	}
}

// TestSuccessResponseFalseBesideOddFields: the answer's checks read it in one pass, and each on its
// own when that pass fails on a field another check ignores (here RequestId as a number, or an
// object as Id): a refusal in a 2xx answer is still one, and a good answer still decodes.
func TestSuccessResponseFalseBesideOddFields(t *testing.T) {
	api := newFakeAPI(t, script(reply{status: 200, body: `{"code":"FLOW_API_FAILED","message":"Flow does not exist [F-1]","RequestId":7,"successResponse":false}`}))
	c := newTestClient(t, api.URL, nil)
	var nf *NotFoundError
	if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); !errors.As(err, &nf) {
		t.Fatalf("want a NotFoundError, got %v", err)
	}
	api = newFakeAPI(t, script(reply{status: 200, body: `{"RequestId":"R1","Id":{"x":1},"Name":"f","ProjectId":"FP-1"}`}))
	c = newTestClient(t, api.URL, nil)
	f, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
	if err != nil || f.Name != "f" {
		t.Fatalf("DescribeFlow = %+v, %v", f, err)
	}
}

// TestKeepAlive: calls reuse one connection.
func TestKeepAlive(t *testing.T) {
	var conns atomic.Int32
	api := newFakeAPI(t, script(ok(describeFlowOK)), func(s *httptest.Server) {
		s.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}
	})
	c := newTestClient(t, api.URL, nil)
	for range 20 {
		if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
			t.Fatal(err)
		}
	}
	if got := conns.Load(); got != 1 {
		t.Errorf("%d connections for 20 sequential calls, want 1", got)
	}
}

// TestConcurrentCalls runs calls in parallel (for the race detector) with retries.
func TestConcurrentCalls(t *testing.T) {
	var n atomic.Int32
	api := newFakeAPI(t, func(int, recorded) reply {
		if n.Add(1)%3 == 0 {
			return gatewayErr(400, "Throttling.User", "x")
		}
		return ok(describeFlowOK)
	})
	c := newTestClient(t, api.URL, func(cfg *Config) { cfg.MaxRetries = 5 })
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for range 40 {
		wg.Go(func() {
			if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestLogging checks the fields of every attempt's log line, and that no secret is logged.
func TestLogging(t *testing.T) {
	const token = "sts-token-value-5678"
	api := newFakeAPI(t, script(gatewayErr(503, "ServiceUnavailable", "x"), ok(describeFlowOK)))
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	c := newTestClient(t, api.URL, func(cfg *Config) { cfg.SecurityToken = token })
	if _, err := c.DescribeFlow(ctx, "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var attempts []map[string]any
	for _, e := range entries {
		if e["@message"] == "EMR API call" {
			attempts = append(attempts, e)
		}
		if e["@module"] != "provider.emrapi" {
			t.Errorf("module %v, want provider.emrapi", e["@module"])
		}
	}
	if len(attempts) != 2 {
		t.Fatalf("%d attempt lines, want 2: %v", len(attempts), entries)
	}
	want := []map[string]any{
		{"action": "DescribeFlow", "attempt": float64(1), "http_status": float64(503), "error_code": "ServiceUnavailable", "request_id": "REQ-GW"},
		{"action": "DescribeFlow", "attempt": float64(2), "http_status": float64(200), "request_id": "R-OK"},
	}
	for i, w := range want {
		for k, v := range w {
			if attempts[i][k] != v {
				t.Errorf("line %d: %s = %v, want %v", i+1, k, attempts[i][k], v)
			}
		}
		if _, ok := attempts[i]["duration_ms"]; !ok {
			t.Errorf("line %d has no duration_ms", i+1)
		}
	}
	// The token travels in every request; it must not be logged.
	if r, _ := api.requests()[0].param("SecurityToken"); r != token {
		t.Fatalf("SecurityToken not sent: %q", r)
	}
	for _, secret := range []string{testSecret, token} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("log holds a secret: %s", logs.String())
		}
	}
}

// TestNetworkErrorHidesURL: a transport error's text holds the request URL (with the signature and
// the security token); neither the error nor the log may show it.
func TestNetworkErrorHidesURL(t *testing.T) {
	const token = "sts-token-value-5678"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	c := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.SecurityToken = token; cfg.MaxRetries = 0 })
	_, err = c.DescribeFlow(ctx, "FP-1", "F-1")
	if err == nil {
		t.Fatal("want an error")
	}
	for _, s := range []string{token, "Signature=", "SecurityToken", testSecret} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error shows %q: %v", s, err)
		}
		if strings.Contains(logs.String(), s) {
			t.Errorf("log shows %q: %s", s, logs.String())
		}
	}
}

// TestRequestShape: POST, user agent, RegionId from the client or from its view for another
// region (InRegion).
func TestRequestShape(t *testing.T) {
	api := newFakeAPI(t, script(ok(`{"RequestId":"R","Id":"F-1"}`)))
	c := newTestClient(t, api.URL, nil)
	if _, err := c.InRegion("cn-shanghai").CreateFlow(t.Context(), FlowInput{ProjectID: "FP-1", Name: "f"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	for i, wantRegion := range []string{"cn-shanghai", testRegion} {
		r := reqs[i]
		if got, _ := r.param("RegionId"); got != wantRegion {
			t.Errorf("%s: RegionId %q, want %q", r.Action, got, wantRegion)
		}
		for k, want := range map[string]string{"Version": "2016-04-08", "Format": "JSON", "AccessKeyId": testKeyID, "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0"} {
			if got, _ := r.param(k); got != want {
				t.Errorf("%s: %s = %q, want %q", r.Action, k, got, want)
			}
		}
		if ua := r.Header.Get("User-Agent"); !strings.HasSuffix(ua, " terraform-provider-emrflow/test") {
			t.Errorf("User-Agent %q", ua)
		}
	}
}

// maxSource makes the client's jitter draw its largest value, for deterministic waits.
type maxSource struct{}

func (maxSource) Uint64() uint64 { return math.MaxUint64 }

func countAttempts(t *testing.T, logs *bytes.Buffer) int {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(logs)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e["@message"] == "EMR API call" {
			n++
		}
	}
	return n
}

// TestSTSUnreachable: when STS cannot be reached, the API request is never sent: even a create is
// retried, the outcome is known, and the STS URL (signed, with the key id) stays out of the error.
func TestSTSUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sts := ln.Addr().String()
	ln.Close()
	api := newFakeAPI(t, script(ok(`{"RequestId":"R","Id":"FP-1"}`)))
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	c := newTestClient(t, api.URL, func(cfg *Config) {
		cfg.MaxRetries = 2
		cfg.AssumeRole = &AssumeRoleConfig{RoleARN: "acs:ram::123456789012:role/r"}
		cfg.STSEndpoint = "https://" + sts
	})
	_, err = c.CreateProject(ctx, ProjectInput{Name: "p"})
	var e *Error
	if !errors.As(err, &e) || e.Action != "AssumeRole" || e.Shape != ShapeNetwork || !e.NotSent {
		t.Fatalf("want a not-sent AssumeRole network error, got %#v", err)
	}
	if IsUnknownOutcome(err) || !IsRetryable(err) {
		t.Errorf("IsUnknownOutcome %v, IsRetryable %v", IsUnknownOutcome(err), IsRetryable(err))
	}
	if !strings.HasPrefix(err.Error(), "CreateFlowProject: obtaining credentials: AssumeRole: request failed") {
		t.Errorf("message %q", err)
	}
	for _, s := range []string{"Signature", testKeyID, testSecret} {
		if strings.Contains(err.Error(), s) || strings.Contains(logs.String(), s) {
			t.Errorf("%q leaks into the error or the log: %v", s, err)
		}
	}
	if got := countAttempts(t, &logs); got != 3 {
		t.Errorf("%d attempts, want 3", got)
	}
	if got := api.count(); got != 0 {
		t.Errorf("%d API requests, want 0", got)
	}
}
