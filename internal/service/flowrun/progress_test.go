package flowrun

import (
	"slices"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func run(status string, nodes ...emrapi.NodeInstance) *emrapi.FlowInstance {
	return &emrapi.FlowInstance{ID: "FI-1", Status: status, Duration: 4200, Nodes: nodes}
}

func node(name, status string, mod ...func(*emrapi.NodeInstance)) emrapi.NodeInstance {
	n := emrapi.NodeInstance{ID: "FNI-" + name, NodeName: name, Type: "JOB", Status: status, JobName: name, JobID: "FJ-" + name, JobType: "SHELL"}
	for _, m := range mod {
		m(&n)
	}
	return n
}

// Each reading reports only what changed since the last one, node by node, and the run's status
// when it changes; START and END nodes are silent.
func TestTrackerReportsChanges(t *testing.T) {
	start := emrapi.NodeInstance{ID: "FNI-s", NodeName: ":start:", Type: "START", Status: "OK"}
	tr := newTracker()
	steps := []struct {
		in   *emrapi.FlowInstance
		want []string
	}{
		{run("RUNNING", start, node("extract", "RUNNING"), node("load", "PREP")),
			[]string{"node extract: RUNNING", "run FI-1: RUNNING (0 of 2 job nodes done)"}},
		{run("RUNNING", start, node("extract", "RUNNING"), node("load", "PREP")), nil},
		{run("RUNNING", start, node("extract", "OK", func(n *emrapi.NodeInstance) { n.Duration = 1500 }), node("load", "RUNNING")),
			[]string{"node extract: OK after 1.5s", "node load: RUNNING"}},
		{run("FAILED", start, node("extract", "OK"), node("load", "FAILED", func(n *emrapi.NodeInstance) {
			n.Duration, n.ExternalInfo, n.JobName = 2000, "disk full\nmore", "load_job"
		})), []string{"node load (job load_job): FAILED after 2s: disk full", "run FI-1: FAILED (1 of 2 job nodes done)"}},
	}
	for i, st := range steps {
		if got := tr.update(st.in); !slices.Equal(got, st.want) {
			t.Errorf("step %d:\n got %q\nwant %q", i, got, st.want)
		}
	}
}

// A failed run names each failed node with its error, retries and log tail, and the nodes that
// never ran.
func TestFailureDetail(t *testing.T) {
	in := run("FAILED",
		emrapi.NodeInstance{ID: "FNI-s", NodeName: ":start:", Type: "START", Status: "OK"},
		node("extract", "FAILED", func(n *emrapi.NodeInstance) { n.ExternalInfo, n.Retries = "table ods.orders not found", 2 }),
		node("load", "PREP"),
		node("audit", "KILLED"),
	)
	got := failureDetail(in, "F-1", map[string][]string{"FNI-extract": {"line 1", "ERROR job failed"}})
	for _, want := range []string{
		"Run FI-1 of flow F-1 ended FAILED after 4.2s.",
		"Node extract: FAILED (SHELL FJ-extract, node instance FNI-extract, 2 retries)\n  error: table ods.orders not found\n  last log lines:\n    line 1\n    ERROR job failed",
		"Node audit: KILLED",
		"Not run: load.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, ":start:") {
		t.Errorf("START node mentioned:\n%s", got)
	}
}

// Progress follows the nodes' own times, not the API's (alphabetical) order: load ran before
// aggregate, so its messages come first; a node shorter than the poll interval is told to have
// started and ended; at the same instant an end comes before the start it allowed.
func TestTrackerOrdersByTime(t *testing.T) {
	times := func(start, end int64) func(*emrapi.NodeInstance) {
		return func(n *emrapi.NodeInstance) { n.StartTime, n.EndTime, n.Duration = start, end, end-start }
	}
	tests := []struct {
		name  string
		first *emrapi.FlowInstance // read before in, nil for none
		in    *emrapi.FlowInstance
		want  []string
	}{
		{"both started and ended between two readings",
			nil,
			run("FAILED", node("aggregate", "FAILED", times(2000, 3000)), node("load_orders", "OK", times(1000, 2000))),
			[]string{"node load_orders: RUNNING", "node load_orders: OK after 1s", "node aggregate: RUNNING",
				"node aggregate: FAILED after 1s", "run FI-1: FAILED (1 of 2 job nodes done)"}},
		{"one ends, the next starts",
			run("RUNNING", node("b", "PREP"), node("a", "RUNNING", times(1000, 0))),
			run("RUNNING", node("b", "RUNNING", times(2000, 0)), node("a", "OK", times(1000, 2000))),
			[]string{"node a: OK after 1s", "node b: RUNNING"}},
		{"no times: the run's order",
			nil,
			run("RUNNING", node("x", "OK"), node("y", "RUNNING")),
			[]string{"node x: RUNNING", "node x: OK after 0s", "node y: RUNNING", "run FI-1: RUNNING (1 of 2 job nodes done)"}},
		{"DONE counts as done; CLUSTER nodes are told, START is not",
			nil,
			run("SUCCEEDED", emrapi.NodeInstance{ID: "FNI-s", NodeName: ":start:", Type: "START", Status: "OK", StartTime: 500},
				node("cluster", "OK", times(500, 900), func(n *emrapi.NodeInstance) { n.Type, n.JobName = "CLUSTER", "" }),
				node("a", "DONE", times(1000, 1500))),
			[]string{"node cluster: RUNNING", "node cluster: OK after 400ms", "node a: RUNNING", "node a: DONE after 500ms",
				"run FI-1: SUCCEEDED (1 of 1 job nodes done)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracker()
			if tt.first != nil {
				tr.update(tt.first)
			}
			if got := tr.update(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Each run status has one meaning to the waiting action; one outside the page's list is
// unknown, and the failure names it.
func TestStatusClass(t *testing.T) {
	for status, want := range map[string]runClass{
		"PREP": runOngoing, "RUNNING": runOngoing, "SUSPENDED": runOngoing,
		"SUCCEEDED": runSucceeded, "FAILED": runFailed, "KILLED": runFailed,
		"WAITING": runUnknown, "": runUnknown, "succeeded": runUnknown,
	} {
		if got := statusClass(status); got != want {
			t.Errorf("statusClass(%q) = %d, want %d", status, got, want)
		}
	}
	got := unknownStatusDetail(run("ARCHIVED", node("a", "OK")), "F-1")
	for _, want := range []string{`Run FI-1 of flow F-1 reports status "ARCHIVED"`, "PREP, RUNNING, SUCCEEDED, FAILED, KILLED, SUSPENDED",
		"the run was not stopped", "nodes: a OK"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}

// The verdict names the run and each failed node with its error's first line, in one paragraph.
func TestFailureVerdict(t *testing.T) {
	in := run("FAILED",
		node("extract", "FAILED", func(n *emrapi.NodeInstance) { n.ExternalInfo = "table ods.orders not found\nat line 3" }),
		node("audit", "KILLED"),
		node("load", "PREP"),
	)
	want := "Run FI-1 of flow F-1 ended FAILED after 4.2s (node extract FAILED: table ods.orders not found; node audit KILLED). " +
		"The report above names each failed node with its error and the last lines of its log."
	if got := failureVerdict(in, "F-1"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	if got := failureVerdict(run("KILLED"), "F-1"); !strings.Contains(got, "(no node reported a failure)") {
		t.Errorf("no failed node: %q", got)
	}
}

// A run's nodes come in the order they ran, whatever the API's order.
func TestInRunOrder(t *testing.T) {
	typed := func(typ string, start int64) func(*emrapi.NodeInstance) {
		return func(n *emrapi.NodeInstance) { n.Type, n.StartTime = typ, start }
	}
	nodes := []emrapi.NodeInstance{
		node("end", "PREP", typed("END", 0)),
		node("load", "PREP", typed("JOB", 0)),
		node("aggregate", "OK", typed("JOB", 2000)),
		node("extract", "OK", typed("JOB", 1000)),
		node("start", "OK", typed("START", 1000)),
		node("cluster", "OK", typed("CLUSTER", 1000)),
	}
	var got []string
	for _, n := range inRunOrder(nodes) {
		got = append(got, n.NodeName)
	}
	if want := []string{"start", "cluster", "extract", "aggregate", "load", "end"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
