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
