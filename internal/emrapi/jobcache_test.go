package emrapi

import (
	"context"
	"errors"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const jobListFP1 = `{"Total":2,"PageNumber":1,"PageSize":100,"JobList":{"Job":[{"Id":"FJ-1","Type":"SHELL"},{"Id":"FJ-2","Type":"SPARK"}]}}`

// jobAPI answers ListFlowJob with jobListFP1 (after delay) and every write with an id, counting
// the lists.
func jobAPI(t *testing.T, delay time.Duration, fail *atomic.Bool) (*fakeAPI, *atomic.Int32) {
	var lists atomic.Int32
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		switch r.Action {
		case "ListFlowJob":
			lists.Add(1)
			if fail != nil && fail.Load() {
				return gatewayErr(400, "InvalidParameter", "broken")
			}
			rep := ok(jobListFP1)
			rep.delay = delay
			return rep
		default:
			return ok(`{"RequestId":"R","Id":"FJ-3","Data":"FJ-3"}`)
		}
	})
	return api, &lists
}

func TestProjectJobTypesSharesOneList(t *testing.T) {
	api, lists := jobAPI(t, 100*time.Millisecond, nil)
	c := newTestClient(t, api.URL, nil)
	want := map[string]string{"FJ-1": "SHELL", "FJ-2": "SPARK"}

	var wg sync.WaitGroup
	results := make(chan map[string]string, 20)
	for range 20 {
		wg.Go(func() {
			m, err := c.ProjectJobTypes(t.Context(), "FP-1")
			if err != nil {
				t.Error(err)
				return
			}
			results <- m
		})
	}
	wg.Wait()
	close(results)
	var got []map[string]string
	for m := range results {
		if !maps.Equal(m, want) {
			t.Errorf("got %v, want %v", m, want)
		}
		got = append(got, m)
	}
	if n := lists.Load(); n != 1 {
		t.Errorf("%d ListFlowJob for 20 concurrent callers, want 1", n)
	}
	// Each caller has its own copy.
	got[0]["FJ-1"] = "changed"
	delete(got[0], "FJ-2")
	m, err := c.ProjectJobTypes(t.Context(), "FP-1")
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(m, want) || got[1]["FJ-1"] != "SHELL" {
		t.Errorf("a caller's change leaked: cache %v, other caller %v", m, got[1])
	}
	if n := lists.Load(); n != 1 {
		t.Errorf("%d ListFlowJob after a cached call, want 1", n)
	}
	// Another project has its own entry.
	if _, err := c.ProjectJobTypes(t.Context(), "FP-2"); err != nil {
		t.Fatal(err)
	}
	if n := lists.Load(); n != 2 {
		t.Errorf("%d ListFlowJob after a second project, want 2", n)
	}
}

func TestProjectJobTypesInvalidation(t *testing.T) {
	tests := []struct {
		name  string
		write func(ctx context.Context, c *Client, project string) error
	}{
		{"CreateJob", func(ctx context.Context, c *Client, p string) error {
			_, err := c.CreateJob(ctx, JobInput{ProjectID: p, Name: "j", Type: "SHELL"})
			return err
		}},
		{"ModifyJob", func(ctx context.Context, c *Client, p string) error {
			return c.ModifyJob(ctx, "FJ-1", JobInput{ProjectID: p, Name: "j"})
		}},
		{"DeleteJob", func(ctx context.Context, c *Client, p string) error { return c.DeleteJob(ctx, p, "FJ-1") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, lists := jobAPI(t, 0, nil)
			c := newTestClient(t, api.URL, nil)
			for _, p := range []string{"FP-1", "FP-2"} {
				if _, err := c.ProjectJobTypes(t.Context(), p); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.write(t.Context(), c, "FP-1"); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"FP-1", "FP-2"} {
				if _, err := c.ProjectJobTypes(t.Context(), p); err != nil {
					t.Fatal(err)
				}
			}
			// FP-1 is listed again, FP-2 (untouched) is not.
			if n := lists.Load(); n != 3 {
				t.Errorf("%d ListFlowJob, want 3 (two first lists, one after the write)", n)
			}
		})
	}
}

// TestProjectJobTypesInFlightInvalidation: a list in flight when a job is written may miss it, so
// its result is not cached, and a caller after the write does not join it.
func TestProjectJobTypesInFlightInvalidation(t *testing.T) {
	api, lists := jobAPI(t, 200*time.Millisecond, nil)
	c := newTestClient(t, api.URL, nil)
	done := make(chan error)
	go func() {
		_, err := c.ProjectJobTypes(t.Context(), "FP-1")
		done <- err
	}()
	for lists.Load() == 0 { // wait for the list to be in flight
		time.Sleep(time.Millisecond)
	}
	if err := c.DeleteJob(t.Context(), "FP-1", "FJ-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ProjectJobTypes(t.Context(), "FP-1"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := c.ProjectJobTypes(t.Context(), "FP-1"); err != nil {
		t.Fatal(err)
	}
	if n := lists.Load(); n != 2 {
		t.Errorf("%d ListFlowJob, want 2 (the one in flight during the write is neither joined nor cached)", n)
	}
}

func TestProjectJobTypesErrorsNotCached(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	api, lists := jobAPI(t, 0, &fail)
	c := newTestClient(t, api.URL, nil)
	if _, err := c.ProjectJobTypes(t.Context(), "FP-1"); err == nil {
		t.Fatal("no error from a failing list")
	}
	fail.Store(false)
	m, err := c.ProjectJobTypes(t.Context(), "FP-1")
	if err != nil || len(m) != 2 {
		t.Fatalf("after the failure: %v, %v; want 2 jobs", m, err)
	}
	if n := lists.Load(); n != 2 {
		t.Errorf("%d ListFlowJob, want 2 (the error was not cached)", n)
	}
}

func TestProjectJobTypesCallerContext(t *testing.T) {
	api, _ := jobAPI(t, 300*time.Millisecond, nil)
	c := newTestClient(t, api.URL, nil)
	shared := make(chan error, 1)
	go func() {
		_, err := c.ProjectJobTypes(t.Context(), "FP-1")
		shared <- err
	}()
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.ProjectJobTypes(ctx, "FP-1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want DeadlineExceeded (the caller's own deadline)", err)
	}
	// The other caller's list is not cut short by this one's deadline.
	if err := <-shared; err != nil {
		t.Errorf("the other caller failed: %v", err)
	}
}
