package emrapi_test

import (
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// TestEmulatorThrottledCreates runs a Terraform-like load (10 concurrent operations, 100 creates)
// against an emulator throttled at 20 requests/s, with the provider's retry settings (5 retries,
// the default 500 ms backoff). Every create must succeed exactly once, and the client-wide limiter
// must keep the refusals few: without it the ten callers retry on their own and about half of all
// requests are refused (measured: 42–50% here); with it they are paced to the rate that succeeds.
// This counts requests, it does not time them.
func TestEmulatorThrottledCreates(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 5 s (100 creates at 20 requests/s)")
	}
	const (
		workers   = 10
		perWorker = 10
		creates   = workers * perWorker
	)
	srv, err := emulator.New(emulator.Config{ThrottleRPS: 20})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := emrapi.New(t.Context(), emrapi.Config{
		RegionID:        "cn-hangzhou",
		Endpoint:        ts.URL,
		AccessKeyID:     emulator.DefaultAccessKeyID,
		AccessKeySecret: emulator.DefaultAccessKeySecret,
		MaxRetries:      5, // the provider's default; backoff delays left at theirs
	})
	if err != nil {
		t.Fatal(err)
	}
	pid := mustProject(t, c, "throttled")

	var wg sync.WaitGroup
	errs := make(chan error, creates)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				in := emrapi.JobInput{ProjectID: pid, Name: fmt.Sprintf("job-%d-%d", w, i), Type: "SHELL", Params: "echo"}
				if _, err := c.CreateJob(t.Context(), in); err != nil {
					errs <- fmt.Errorf("create %d/%d: %w", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	jobs, err := c.ListJobs(t.Context(), emrapi.ListJobsInput{ProjectID: pid})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, j := range jobs {
		names[j.Name]++
	}
	if len(jobs) != creates || len(names) != creates {
		t.Errorf("%d jobs with %d distinct names, want %d of each (each create exactly once)", len(jobs), len(names), creates)
	}
	for n, k := range names {
		if k != 1 {
			t.Errorf("job %q created %d times", n, k)
		}
	}

	st := srv.Stats()
	created := st.Calls["CreateFlowJob"]
	throttled := st.Faults.Throttled
	t.Logf("requests: %d in all, %d CreateFlowJob, %d throttled (%.0f%%)", st.Total, created, throttled, 100*float64(throttled)/float64(st.Total))
	// A bound with a wide margin on both sides: without the limiter 42–50% were refused, with it
	// under 10%.
	if 4*throttled >= st.Total {
		t.Errorf("%d of %d requests throttled, want fewer than 25%%", throttled, st.Total)
	}
}
