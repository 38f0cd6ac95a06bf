package emulator_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

func TestThrottling(t *testing.T) {
	f := newFixture(t, emulator.Config{ThrottleRPS: 2})
	list := emr.CreateListFlowProjectRequest()
	// The clock stands still: a bucket of 2 tokens, then throttled.
	for range 2 {
		_, err := f.client.ListFlowProject(list)
		mustOK(t, "request within the rate", err)
	}
	_, err := f.client.ListFlowProject(list)
	if msg := gatewayErr(t, err, http.StatusBadRequest, "Throttling.User"); msg != "Request was denied due to user flow control." {
		t.Errorf("message %q", msg)
	}
	// A throttled create executes nothing.
	_, err = f.client.CreateFlowProject(func() *emr.CreateFlowProjectRequest {
		r := emr.CreateCreateFlowProjectRequest()
		r.Name, r.Description = "throttled", "x"
		return r
	}())
	gatewayErr(t, err, http.StatusBadRequest, "Throttling.User")
	// Half a second refills one token.
	f.clock.Advance(500 * time.Millisecond)
	resp, err := f.client.ListFlowProject(list)
	mustOK(t, "after refill", err)
	if resp.Total != 0 {
		t.Errorf("the throttled create ran: %d projects", resp.Total)
	}
	_, err = f.client.ListFlowProject(list)
	gatewayErr(t, err, http.StatusBadRequest, "Throttling.User")

	st := f.srv.Stats()
	if st.Faults.Throttled != 3 || st.Total != 6 {
		t.Errorf("stats %+v, want 3 throttled of 6", st)
	}
	// Off at run time.
	f.srv.SetFaults(emulator.Faults{})
	for range 5 {
		_, err := f.client.ListFlowProject(list)
		mustOK(t, "throttling off", err)
	}
}

// outcomes runs n ListFlowProject calls and records which failed with ServiceUnavailable.
func outcomes(t *testing.T, seed int64, n int) []bool {
	t.Helper()
	f := newFixture(t, emulator.Config{ErrorRate: 0.5, Seed: seed})
	var out []bool
	for range n {
		_, err := f.client.ListFlowProject(emr.CreateListFlowProjectRequest())
		if err != nil {
			gatewayErr(t, err, http.StatusServiceUnavailable, "ServiceUnavailable")
		}
		out = append(out, err != nil)
	}
	if got := f.srv.Stats().Faults.Errors; got != int64(count(out)) {
		t.Errorf("stats count %d errors, saw %d", got, count(out))
	}
	return out
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func TestErrorRate(t *testing.T) {
	a, b := outcomes(t, 42, 40), outcomes(t, 42, 40)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("same seed, different faults:\n%v\n%v", a, b)
	}
	if n := count(a); n < 8 || n > 32 {
		t.Errorf("%d of 40 failed at rate 0.5", n)
	}
	if c := outcomes(t, 7, 40); reflect.DeepEqual(a, c) {
		t.Errorf("different seeds gave the same faults")
	}

	// At rate 1 nothing is executed.
	f := newFixture(t, emulator.Config{ErrorRate: 1})
	req := emr.CreateCreateFlowProjectRequest()
	req.Name, req.Description = "p", "d"
	_, err := f.client.CreateFlowProject(req)
	gatewayErr(t, err, http.StatusServiceUnavailable, "ServiceUnavailable")
	f.srv.SetFaults(emulator.Faults{})
	resp, err := f.client.ListFlowProject(emr.CreateListFlowProjectRequest())
	mustOK(t, "ListFlowProject", err)
	if resp.Total != 0 {
		t.Errorf("a request failed by -error-rate was executed")
	}
}

func TestAmbiguousRate(t *testing.T) {
	f := newFixture(t, emulator.Config{AmbiguousRate: 1})
	req := emr.CreateCreateFlowProjectRequest()
	req.Name, req.Description = "p", "d"
	_, err := f.client.CreateFlowProject(req)
	gatewayErr(t, err, http.StatusInternalServerError, "InternalError")
	// Reads are not affected, and the create was committed.
	resp, err := f.client.ListFlowProject(emr.CreateListFlowProjectRequest())
	mustOK(t, "ListFlowProject", err)
	if resp.Total != 1 || resp.Projects.Project[0].Name != "p" {
		t.Fatalf("the ambiguous create was not committed: %+v", resp.Projects)
	}
	// A failing mutation stays a plain failure (nothing was committed).
	_, err = f.client.CreateFlowProject(req)
	flowErr(t, err, "Project name already exists: [p]")
	if st := f.srv.Stats(); st.Faults.Ambiguous != 1 {
		t.Errorf("ambiguous count %d, want 1", st.Faults.Ambiguous)
	}
}

func TestLatency(t *testing.T) {
	const latency = 150 * time.Millisecond
	f := newFixture(t, emulator.Config{Latency: latency})

	// Concurrent requests sleep side by side, not in a queue.
	start := time.Now()
	var wg sync.WaitGroup
	for range 4 {
		// One SDK client per goroutine: sdk.Client is not safe for concurrent use (its per-call
		// timeout handling writes client fields; the race detector sees it).
		client := f.newClient(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
		wg.Go(func() {
			_, err := client.ListFlowProject(emr.CreateListFlowProjectRequest())
			if err != nil {
				t.Errorf("ListFlowProject: %v", err)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if elapsed < latency || elapsed > 3*latency {
		t.Errorf("4 concurrent requests took %s with latency %s", elapsed, latency)
	}

	// A client that gives up is not kept waiting, and its request is not executed.
	f.srv.SetFaults(emulator.Faults{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	v := url.Values{
		"Action": {"CreateFlowProject"}, "Version": {"2016-04-08"}, "AccessKeyId": {emulator.DefaultAccessKeyID},
		"SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"}, "SignatureNonce": {"latency-1"},
		"Timestamp": {f.clock.Now().Format("2006-01-02T15:04:05Z")}, "Name": {"late"}, "Description": {""},
	}
	v.Set("Signature", testSign(http.MethodGet, v, emulator.DefaultAccessKeySecret))
	r := httptest.NewRequestWithContext(ctx, http.MethodGet, "/?"+v.Encode(), nil)
	w := httptest.NewRecorder()
	start = time.Now()
	f.srv.ServeHTTP(w, r)
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancelled request held for %s", d)
	}
	f.srv.SetFaults(emulator.Faults{})
	resp, err := f.client.ListFlowProject(emr.CreateListFlowProjectRequest())
	mustOK(t, "ListFlowProject", err)
	if resp.Total != 0 {
		t.Errorf("a request abandoned during the latency was executed")
	}
}

func TestFaultConfig(t *testing.T) {
	for _, cfg := range []emulator.Config{
		{ErrorRate: 1.5},
		{AmbiguousRate: -0.1},
		{ThrottleRPS: -1},
		{Latency: -time.Second},
		{Clusters: []string{"cluster-1"}},
	} {
		if _, err := emulator.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted a bad configuration", cfg)
		}
	}
}
