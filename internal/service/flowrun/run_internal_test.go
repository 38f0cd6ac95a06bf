package flowrun

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// runFixture is an emulator with a project, jobs extract (params given) and load, and a flow
// START -> extract -> load -> END; it returns the client, project and flow.
func runFixture(t *testing.T, extractParams string) (*emrapi.Client, string, string) {
	t.Helper()
	return runFixtureWith(t, "", extractParams)
}

// runFixtureWith is runFixture with the emulator's switches (comma-separated) on.
func runFixtureWith(t *testing.T, switches, extractParams string) (*emrapi.Client, string, string) {
	t.Helper()
	// A second per node and a poll every 200 ms (TestMain sets it, for the whole test binary): no
	// status change is missed, even under load.
	srv, err := emulator.New(emulator.Config{NodeDuration: time.Second, Switches: switches})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := emrapi.New(t.Context(), emrapi.Config{RegionID: "cn-hangzhou", Endpoint: ts.URL,
		AccessKeyID: emulator.DefaultAccessKeyID, AccessKeySecret: emulator.DefaultAccessKeySecret, MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	pid, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: "p", Description: "d"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateClusterSetting(ctx, emrapi.ClusterSettingInput{ProjectID: pid, ClusterID: "C-0000000000000001"}); err != nil {
		t.Fatal(err)
	}
	extract, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: "extract", Type: "SHELL", Params: extractParams})
	if err != nil {
		t.Fatal(err)
	}
	load, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: "load", Type: "SHELL", Params: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	graph := `{"nodes":[{"id":"start","attribute":{"type":"START"}},` +
		`{"id":"extract","attribute":{"type":"JOB","jobType":"SHELL","jobId":"` + extract + `"}},` +
		`{"id":"load","attribute":{"type":"JOB","jobType":"SHELL","jobId":"` + load + `"}},` +
		`{"id":"end","attribute":{"type":"END"}}],"edges":[{"source":"start","target":"extract"},` +
		`{"source":"extract","target":"load"},{"source":"load","target":"end"}]}`
	fid, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "f", Description: "d", ClusterID: "C-0000000000000001", Graph: graph})
	if err != nil {
		t.Fatal(err)
	}
	return c, pid, fid
}

type recorder struct {
	mu   sync.Mutex
	msgs []string
}

func (r *recorder) add(m string) { r.mu.Lock(); r.msgs = append(r.msgs, m); r.mu.Unlock() }

func summary(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}

func TestRunFlowProgressNodeByNode(t *testing.T) {
	c, pid, fid := runFixture(t, "echo extract")
	var rec recorder
	diags := runFlow(t.Context(), c, runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}, rec.add)
	if diags.HasError() {
		t.Fatalf("run failed: %s", summary(diags))
	}
	var shapes []string
	for _, m := range rec.msgs[1:] {
		// Durations vary with the poll's timing; compare the rest.
		if i := strings.Index(m, " after "); i > 0 {
			m = m[:i]
		}
		if strings.HasPrefix(m, "run FI-") {
			m = "run " + m[strings.Index(m, ":")+2:]
		}
		shapes = append(shapes, m)
	}
	want := []string{"node extract: RUNNING", "run RUNNING (0 of 2 job nodes done)", "node extract: OK", "node load: RUNNING",
		"node load: OK", "run SUCCEEDED (2 of 2 job nodes done)"}
	if !strings.HasPrefix(rec.msgs[0], "submitted flow "+fid+": run FI-") || !slices.Equal(shapes, want) {
		t.Errorf("progress:\n got %q\nwant %q", rec.msgs, want)
	}
}

// A failed run's report, with the log tail, is the last progress message; the error is the
// verdict naming the failed node, without the log.
func TestRunFlowFailure(t *testing.T) {
	c, pid, fid := runFixture(t, "EMRFLOW_EMULATOR_FAIL: no such table")
	var rec recorder
	diags := runFlow(t.Context(), c, runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}, rec.add)
	report := rec.msgs[len(rec.msgs)-1]
	for _, want := range []string{"Node extract: FAILED (SHELL FJ-", "error: no such table",
		"last log lines:", "ERROR job failed: no such table", "Not run: load."} {
		if !strings.Contains(report, want) {
			t.Errorf("missing %q in the report:\n%s", want, report)
		}
	}
	got := summary(diags)
	if !strings.Contains(got, "Flow run FAILED") || !strings.Contains(got, "(node extract FAILED: no such table)") ||
		strings.Contains(got, "last log lines") {
		t.Errorf("error:\n%s", got)
	}
}

// The timeout and Terraform's cancellation both stop the wait, not the run, and say where it
// stands.
func TestRunFlowTimeoutAndCancel(t *testing.T) {
	c, pid, fid := runFixture(t, "EMRFLOW_EMULATOR_DURATION=1h")
	spec := runSpec{projectID: pid, flowID: fid, wait: true, timeout: 400 * time.Millisecond}
	diags := runFlow(t.Context(), c, spec, func(string) {})
	if got := summary(diags); !strings.Contains(got, "Flow run did not finish in time") ||
		!strings.Contains(got, "timeout of 400ms: run FI-") || !strings.Contains(got, "extract RUNNING, load PREP") {
		t.Errorf("timeout:\n%s", got)
	}
	if len(diags) != 1 {
		t.Fatalf("want one timeout diagnostic, got %v", diags)
	}
	if withPath, ok := diags[0].(diag.DiagnosticWithPath); !ok || !withPath.Path().Equal(pathTimeout) {
		t.Errorf("the timeout diagnostic should be on the timeout attribute: %v", diags)
	}

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(300*time.Millisecond, cancel)
	spec.timeout = time.Hour
	start := time.Now()
	diags = runFlow(ctx, c, spec, func(string) {})
	if got := summary(diags); !strings.Contains(got, "Waiting for the flow run was cancelled") || !strings.Contains(got, "not stopped") {
		t.Errorf("cancel:\n%s", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %s", d)
	}
	runs, err := c.ListFlowInstances(t.Context(), emrapi.ListFlowInstancesInput{ProjectID: pid, FlowID: fid})
	if err != nil || len(runs) != 2 || runs[0].Status != "RUNNING" || runs[1].Status != "RUNNING" {
		t.Errorf("both runs must go on: %+v %v", runs, err)
	}
}

// A run the service shows only seconds after SubmitFlow (which answers its id in Id only) is
// waited for, and the wait says so; past the grace period, the failure says what happened.
func TestRunFlowNotVisibleYet(t *testing.T) {
	c, pid, fid := runFixtureWith(t, emulator.SwitchAsyncRuns, "echo")
	var rec recorder
	diags := runFlow(t.Context(), c, runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}, rec.add)
	if diags.HasError() {
		t.Fatalf("run failed: %s", summary(diags))
	}
	if len(rec.msgs) < 3 || !strings.Contains(rec.msgs[1], "not visible yet; waiting up to 1m0s") ||
		!strings.Contains(rec.msgs[len(rec.msgs)-1], "SUCCEEDED") {
		t.Errorf("progress: %q", rec.msgs)
	}

	defer SetVisibilityGrace(500 * time.Millisecond)()
	diags = runFlow(t.Context(), c, runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}, func(string) {})
	if got := summary(diags); !strings.Contains(got, "Cannot follow the flow run") || !strings.Contains(got, "still did not know it after 500ms") {
		t.Errorf("past the grace period:\n%s", got)
	}
}

// A failed run, its job fixed, is rerun: the latest run by default, the failed nodes only, and
// the rerun is followed to its success. Under async-runs the run shows its previous end for a
// while after RerunFlow: the action waits through it instead of reporting the old failure.
func TestRerunFlowAfterFix(t *testing.T) {
	for _, sw := range []string{"", emulator.SwitchAsyncRuns} {
		t.Run("switches="+sw, func(t *testing.T) {
			c, pid, fid := runFixtureWith(t, sw, "EMRFLOW_EMULATOR_FAIL: no such table")
			spec := runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}
			if diags := runFlow(t.Context(), c, spec, func(string) {}); !diags.HasError() {
				t.Fatal("the first run should fail")
			}
			runs, err := c.ListFlowInstances(t.Context(), emrapi.ListFlowInstancesInput{ProjectID: pid, FlowID: fid})
			if err != nil || len(runs) != 1 {
				t.Fatalf("runs: %+v %v", runs, err)
			}
			in, err := c.DescribeFlowInstance(t.Context(), pid, runs[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.ModifyJob(t.Context(), in.Nodes[1].JobID, emrapi.JobInput{ProjectID: pid, Name: "extract", Type: "SHELL", Params: "echo fixed"}); err != nil {
				t.Fatal(err)
			}
			var rec recorder
			if diags := rerunFlow(t.Context(), c, spec, "", true, rec.add); diags.HasError() {
				t.Fatalf("rerun failed: %s\nprogress: %q", summary(diags), rec.msgs)
			}
			got := strings.Join(rec.msgs, "\n")
			for _, want := range []string{"rerunning the nodes of run " + in.ID + " that did not succeed (flow " + fid + ", which ended FAILED)",
				"node extract: RUNNING", "node load: OK", "run " + in.ID + ": SUCCEEDED (2 of 2 job nodes done)"} {
				if !strings.Contains(got, want) {
					t.Errorf("missing %q in progress:\n%s", want, got)
				}
			}
			if sw != "" && !strings.Contains(got, "the rerun does not show yet") {
				t.Errorf("async: the wait for the rerun is not told:\n%s", got)
			}
			if strings.Contains(got, "FAILED after") {
				t.Errorf("the old failure is told again:\n%s", got)
			}
			if runs, _ := c.ListFlowInstances(t.Context(), emrapi.ListFlowInstancesInput{ProjectID: pid, FlowID: fid}); len(runs) != 1 {
				t.Errorf("a rerun is in place: want one run, got %d", len(runs))
			}
		})
	}
}

// What cannot be rerun is refused before RerunFlow, on the attribute that names it.
func TestRerunFlowRefusals(t *testing.T) {
	c, pid, fid := runFixture(t, "EMRFLOW_EMULATOR_DURATION=1h")
	spec := runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}
	if got := summary(rerunFlow(t.Context(), c, spec, "", true, func(string) {})); !strings.Contains(got, "Nothing to rerun") {
		t.Errorf("no runs: %s", got)
	}
	if got := summary(rerunFlow(t.Context(), c, spec, "FI-0000000000000000", true, func(string) {})); !strings.Contains(got, "Run not found") {
		t.Errorf("unknown run: %s", got)
	}
	id, err := c.SubmitFlow(t.Context(), pid, fid, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(rerunFlow(t.Context(), c, spec, id, true, func(string) {})); !strings.Contains(got, "Cannot rerun a run in progress") ||
		!strings.Contains(got, "is RUNNING") {
		t.Errorf("running: %s", got)
	}
}

// A rerun that does not show within the grace period is an error saying so, not the old failure.
func TestRerunFlowNotShown(t *testing.T) {
	c, pid, fid := runFixtureWith(t, emulator.SwitchAsyncRuns, "EMRFLOW_EMULATOR_FAIL: broken")
	spec := runSpec{projectID: pid, flowID: fid, wait: true, timeout: time.Minute}
	if diags := runFlow(t.Context(), c, spec, func(string) {}); !diags.HasError() {
		t.Fatal("the first run should fail")
	}
	defer SetVisibilityGrace(500 * time.Millisecond)()
	got := summary(rerunFlow(t.Context(), c, spec, "", true, func(string) {}))
	if !strings.Contains(got, "Cannot follow the flow run") || !strings.Contains(got, "still shows its previous end (FAILED)") {
		t.Errorf("got:\n%s", got)
	}
}
