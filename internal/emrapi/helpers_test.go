package emrapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testKeyID  = "LTAItestkey"
	testSecret = "test-secret-value-1234"
	testRegion = "cn-hangzhou"
)

// recorded is one request as the fake API saw it.
type recorded struct {
	Action string
	Query  url.Values
	Form   url.Values
	Header http.Header
}

// param returns a parameter from the query or the body, and whether it was present at all.
func (r recorded) param(k string) (string, bool) {
	if vs, ok := r.Query[k]; ok {
		return vs[0], true
	}
	if vs, ok := r.Form[k]; ok {
		return vs[0], true
	}
	return "", false
}

// reply is what the fake API answers.
type reply struct {
	status int
	body   string
	delay  time.Duration
	header map[string]string
}

func ok(body string) reply { return reply{status: 200, body: body} }

func gatewayErr(status int, code, msg string) reply {
	return reply{status: status, body: `{"RequestId":"REQ-GW","HostId":"emr.aliyuncs.com","Code":"` + code + `","Message":"` + msg + `","Recommend":"https://example.invalid/diag"}`}
}

func flowErr(msg string) reply {
	return reply{status: 400, body: `{"code":"FLOW_API_FAILED","message":"` + msg + `","requestId":"REQ-FLOW","successResponse":false}`}
}

// fakeAPI is a small stand-in for the API: it checks every request's signature (with testSecret),
// records it, and answers with respond(n, request), n counting requests from 0.
type fakeAPI struct {
	*httptest.Server
	t       *testing.T
	respond func(n int, r recorded) reply

	mu   sync.Mutex
	reqs []recorded
}

func newFakeAPI(t *testing.T, respond func(n int, r recorded) reply, opts ...func(*httptest.Server)) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, respond: respond}
	f.Server = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	for _, o := range opts {
		o(f.Server)
	}
	f.Start()
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	rec := recorded{Action: r.URL.Query().Get("Action"), Query: r.URL.Query(), Form: form, Header: r.Header.Clone()}
	if err := checkSignature(r.Method, rec.Query, rec.Form, testSecret); err != "" {
		f.t.Errorf("request %s: %s", rec.Action, err)
		w.WriteHeader(400)
		_, _ = io.WriteString(w, `{"Code":"SignatureDoesNotMatch","Message":"bad signature"}`)
		return
	}
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, rec)
	f.mu.Unlock()

	rep := f.respond(n, rec)
	if rep.delay > 0 {
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

func (f *fakeAPI) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

func (f *fakeAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// newTestClient makes a client for endpoint with fast retries; mod adjusts the config.
func newTestClient(t *testing.T, endpoint string, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		RegionID:        testRegion,
		Endpoint:        endpoint,
		AccessKeyID:     testKeyID,
		AccessKeySecret: testSecret,
		MaxRetries:      3,
		RetryBaseDelay:  time.Millisecond,
		RetryMaxDelay:   5 * time.Millisecond,
		HTTPTimeout:     5 * time.Second,
		UserAgent:       "terraform-provider-emrflow/test",
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(t.Context(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	// The fake API throttles by script, not by rate: the client's pace would only slow these tests
	// down. The limiter has tests of its own (fake clock), and the emulator's paces for real.
	c.limiter = newAdaptiveLimiter(noSleepClock{})
	return c
}

// noSleepClock is the real clock whose sleeps return at once.
type noSleepClock struct{}

func (noSleepClock) Now() time.Time { return time.Now() }

func (noSleepClock) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// checkSignature verifies an RPC signature v1, written independently of the SDK from the API's
// documentation. It returns "" when the signature is right.
func checkSignature(method string, query, form url.Values, secret string) string {
	got := query.Get("Signature")
	if got == "" {
		return "no Signature"
	}
	params := map[string]string{}
	for k, vs := range query {
		if k != "Signature" {
			params[k] = vs[0]
		}
	}
	for k, vs := range form {
		params[k] = vs[0]
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, percentEncode(k)+"="+percentEncode(params[k]))
	}
	toSign := method + "&" + percentEncode("/") + "&" + percentEncode(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(toSign))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if got != want {
		return "signature mismatch"
	}
	return ""
}

func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}
