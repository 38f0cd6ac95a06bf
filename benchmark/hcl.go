package benchmark

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// FlowsSpec describes the configuration of the scale runs: N flows of one small graph.
type FlowsSpec struct {
	Count       int
	ProjectID   string
	ClusterID   string
	Description string // the attribute the update phase changes
	// JobID, when set, adds a JOB node running that job (type SHELL) between START and END: the
	// provider then checks the project's jobs (ListFlowJob) before each write of the graph.
	JobID string
	// Scheduled, with JobID set, makes each flow the yardstick flow: a four-node graph
	// (START → two JOB nodes → END), a cron schedule and an alert, instead of START → [JOB →] END.
	Scheduled bool
}

// FlowsConfig renders N emrflow_flow resources (count) with a START → [JOB →] END graph, or the
// scheduled four-node flow of FlowsSpec.Scheduled.
func FlowsConfig(s FlowsSpec) string {
	if s.Scheduled && s.JobID != "" {
		return scheduledFlowsConfig(s)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"emrflow_flow\" \"f\" {\n  count       = %d\n  project_id  = %q\n  cluster_id  = %q\n", s.Count, s.ProjectID, s.ClusterID)
	fmt.Fprintf(&b, "  name        = \"bench-${count.index}\"\n  description = %q\n", s.Description)
	b.WriteString("  graph {\n    nodes = {\n      start = { type = \"START\" }\n")
	last := "start"
	if s.JobID != "" {
		fmt.Fprintf(&b, "      job = { type = \"JOB\", job_id = %q, job_type = \"SHELL\", depends_on = [\"start\"] }\n", s.JobID)
		last = "job"
	}
	fmt.Fprintf(&b, "      end = { type = \"END\", depends_on = [%q] }\n    }\n", last)
	b.WriteString("  }\n}\n")
	return b.String()
}

// scheduledFlowsConfig is FlowsConfig for FlowsSpec.Scheduled.
func scheduledFlowsConfig(s FlowsSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"emrflow_flow\" \"f\" {\n  count       = %d\n  project_id  = %q\n  cluster_id  = %q\n", s.Count, s.ProjectID, s.ClusterID)
	fmt.Fprintf(&b, "  name        = \"bench-${count.index}\"\n  description = %q\n", s.Description)
	b.WriteString("  cron_expr      = \"0 0 * * * ?\"\n  start_schedule = 1538017814000\n  end_schedule   = 4102444800000\n")
	b.WriteString("  graph {\n    nodes = {\n      start = { type = \"START\" }\n")
	for _, id := range []string{"extract", "load"} {
		fmt.Fprintf(&b, "      %s = { type = \"JOB\", job_id = %q, job_type = \"SHELL\", depends_on = [\"start\"] }\n", id, s.JobID)
	}
	b.WriteString("      end = { type = \"END\", depends_on = [\"extract\", \"load\"] }\n    }\n  }\n")
	b.WriteString("  alert {\n    event_id           = \"EMR-210401001\"\n    user_group_ids     = [\"AUG-b79bb29bb6e14ddd89674a242623851b\"]\n    dingding_group_ids = []\n  }\n}\n")
	return b.String()
}

// MinimalConfig renders N resources of the benchmark's do-nothing provider (cmd/minimal-provider)
// whose one attribute is value: the yardstick of the plan ratio.
func MinimalConfig(count int, value string) string {
	return fmt.Sprintf("resource \"emrflow_minimal\" \"m\" {\n  count = %d\n  value = %q\n}\n", count, value)
}

// DataConfig renders N terraform_data resources whose input is value: the same CLI work as
// FlowsConfig (N resources, an in-place update when value changes) without any API call.
func DataConfig(count int, value string) string {
	return fmt.Sprintf("resource \"terraform_data\" \"d\" {\n  count = %d\n  input = %q\n}\n", count, value)
}

// BigFlowSpec describes one flow with a large graph.
type BigFlowSpec struct {
	Nodes     int // in all, START and END included; at least 3
	Width     int // JOB nodes per layer
	ProjectID string
	ClusterID string
	JobID     string
}

// bigGraph is the graph of BigFlowConfig: START, layers of s.Width JOB nodes (each running
// s.JobID), END. Every node of a layer feeds two nodes of the next one, START feeds the first
// layer and the last layer feeds END, so the graph is a valid DAG with about twice as many edges
// as nodes. Positions are left unset.
func bigGraph(s BigFlowSpec) *graph.Graph {
	jobs := max(s.Nodes-2, 1)
	width := max(min(s.Width, jobs), 1)
	g := &graph.Graph{Nodes: make([]graph.Node, 0, jobs+2), Edges: make([]graph.Edge, 0, 2*jobs+width)}
	g.Nodes = append(g.Nodes, graph.Node{ID: "start", Type: graph.NodeStart})
	for i := range jobs {
		g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("j%d", i), Type: graph.NodeJob, JobID: s.JobID, JobType: "SHELL"})
	}
	g.Nodes = append(g.Nodes, graph.Node{ID: "end", Type: graph.NodeEnd})
	edge := func(from, to string) { g.Edges = append(g.Edges, graph.Edge{Source: from, Target: to}) }
	for i := range jobs {
		layer, pos := i/width, i%width
		if layer == 0 {
			edge("start", fmt.Sprintf("j%d", i))
		}
		next := (layer + 1) * width
		if next >= jobs {
			edge(fmt.Sprintf("j%d", i), "end")
			continue
		}
		// Two successors in the next layer (one when that layer is a single node).
		a := next + pos%min(width, jobs-next)
		edge(fmt.Sprintf("j%d", i), fmt.Sprintf("j%d", a))
		if c := next + (pos+1)%min(width, jobs-next); c != a {
			edge(fmt.Sprintf("j%d", i), fmt.Sprintf("j%d", c))
		}
	}
	return g
}

// BigFlowConfig renders one emrflow_flow whose typed graph (nodes keyed by id) has s.Nodes nodes (see
// bigGraph); positions are left to the provider's auto-layout.
func BigFlowConfig(s BigFlowSpec) string {
	g := bigGraph(s)
	var b strings.Builder
	b.Grow(s.Nodes * 200)
	fmt.Fprintf(&b, "resource \"emrflow_flow\" \"big\" {\n  project_id  = %q\n  cluster_id  = %q\n", s.ProjectID, s.ClusterID)
	b.WriteString("  name        = \"bench-big\"\n  description = \"large graph\"\n  graph {\n    nodes = {\n")
	deps := make(map[string][]string, len(g.Nodes))
	for _, e := range g.Edges {
		deps[e.Target] = append(deps[e.Target], strconv.Quote(e.Source))
	}
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "      %s = { type = %q", n.ID, n.Type)
		if n.Type == graph.NodeJob {
			fmt.Fprintf(&b, ", job_id = %q, job_type = %q", n.JobID, n.JobType)
		}
		if d := deps[n.ID]; len(d) > 0 {
			fmt.Fprintf(&b, ", depends_on = [%s]", strings.Join(d, ", "))
		}
		b.WriteString(" }\n")
	}
	b.WriteString("    }\n  }\n}\n")
	return b.String()
}

// BigFlowJSONConfig renders the same flow as BigFlowConfig with the graph as graph_json (laid out
// by the graph package, as the console would send it): one string attribute instead of thousands
// of nested block values.
func BigFlowJSONConfig(s BigFlowSpec) (string, error) {
	g := bigGraph(s)
	graph.Layout(g)
	data, err := graph.Encode(g)
	if err != nil {
		return "", fmt.Errorf("encoding the graph: %w", err)
	}
	return fmt.Sprintf("resource \"emrflow_flow\" \"big\" {\n  project_id  = %q\n  cluster_id  = %q\n"+
		"  name        = \"bench-big\"\n  description = \"large graph\"\n  graph_json  = %q\n}\n",
		s.ProjectID, s.ClusterID, string(data)), nil
}

// OneFlowConfig is the start-up configuration: one flow with a two-node graph.
func OneFlowConfig() string {
	return FlowsConfig(FlowsSpec{Count: 1, ProjectID: "FP-0000000000000001", ClusterID: "C-0000000000000001", Description: "start-up"})
}
