package benchmark

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

var nodeRe = regexp.MustCompile(`(?m)^\s+"?([\w-]+)"? = \{ type = "([A-Z]+)"(?:, job_id = "([^"]+)", job_type = "([A-Z_]+)")?(?:, depends_on = \[([^\]]*)\])? \}`)

// graphOf reads the graph back out of rendered HCL, so that the graph package can judge it.
func graphOf(hcl string) *graph.Graph {
	nodes := map[string]graph.KeyedNode{}
	for _, m := range nodeRe.FindAllStringSubmatch(hcl, -1) {
		kn := graph.KeyedNode{Node: graph.Node{Type: m[2], JobID: m[3], JobType: m[4]}}
		for _, d := range strings.Split(m[5], ",") {
			if d = strings.Trim(strings.TrimSpace(d), `"`); d != "" {
				kn.DependsOn = append(kn.DependsOn, d)
			}
		}
		nodes[m[1]] = kn
	}
	return graph.FromKeyed(nodes)
}

func TestFlowsConfig(t *testing.T) {
	tests := []struct {
		name      string
		spec      FlowsSpec
		wantNodes int
		wantJob   bool
	}{
		{"plain", FlowsSpec{Count: 500, ProjectID: "FP-1", ClusterID: "C-1", Description: "v1"}, 2, false},
		{"with a job", FlowsSpec{Count: 3, ProjectID: "FP-1", ClusterID: "C-1", Description: "v2", JobID: "FJ-0123"}, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hcl := FlowsConfig(tt.spec)
			for _, want := range []string{`count       = ` + strconv.Itoa(tt.spec.Count), `description = "` + tt.spec.Description + `"`,
				`project_id  = "FP-1"`, `name        = "bench-${count.index}"`} {
				if !strings.Contains(hcl, want) {
					t.Errorf("missing %q in\n%s", want, hcl)
				}
			}
			g := graphOf(hcl)
			if len(g.Nodes) != tt.wantNodes {
				t.Errorf("%d nodes, want %d", len(g.Nodes), tt.wantNodes)
			}
			if issues := graph.Validate(g); issues != nil {
				t.Errorf("invalid graph: %v", issues)
			}
			if got := strings.Contains(hcl, tt.spec.JobID) && tt.wantJob; got != tt.wantJob {
				t.Errorf("job node present = %v, want %v", got, tt.wantJob)
			}
		})
	}
}

func TestBigFlowConfig(t *testing.T) {
	for _, tt := range []struct{ nodes, width int }{{5000, 50}, {3, 50}, {103, 10}, {57, 7}, {10, 1}} {
		hcl := BigFlowConfig(BigFlowSpec{Nodes: tt.nodes, Width: tt.width, ProjectID: "FP-1", ClusterID: "C-1", JobID: "FJ-0123"})
		g := graphOf(hcl)
		if len(g.Nodes) != tt.nodes {
			t.Errorf("nodes=%d width=%d: %d nodes rendered", tt.nodes, tt.width, len(g.Nodes))
		}
		if issues := graph.Validate(g); issues != nil {
			t.Errorf("nodes=%d width=%d: invalid graph: %v", tt.nodes, tt.width, issues[0])
		}
		// Every node is reached from START and reaches END: nothing dangles.
		in, out := map[string]int{}, map[string]int{}
		for _, e := range g.Edges {
			out[e.Source]++
			in[e.Target]++
		}
		for _, n := range g.Nodes {
			if n.Type != graph.NodeStart && in[n.ID] == 0 {
				t.Errorf("nodes=%d width=%d: %s has no predecessor", tt.nodes, tt.width, n.ID)
			}
			if n.Type != graph.NodeEnd && out[n.ID] == 0 {
				t.Errorf("nodes=%d width=%d: %s has no successor", tt.nodes, tt.width, n.ID)
			}
		}
		if tt.nodes == 5000 && len(g.Edges) < 9000 {
			t.Errorf("5000 nodes: only %d edges", len(g.Edges))
		}
	}
}

func TestMinimalConfig(t *testing.T) {
	hcl := MinimalConfig(500, "v1")
	if !strings.Contains(hcl, `resource "emrflow_minimal"`) || !strings.Contains(hcl, `count = 500`) || !strings.Contains(hcl, `value = "v1"`) {
		t.Errorf("unexpected configuration:\n%s", hcl)
	}
}

func TestDataConfig(t *testing.T) {
	hcl := DataConfig(100, "v2")
	if !strings.Contains(hcl, `count = 100`) || !strings.Contains(hcl, `input = "v2"`) || !strings.Contains(hcl, `resource "terraform_data"`) {
		t.Errorf("unexpected configuration:\n%s", hcl)
	}
}

func TestBigFlowJSONConfig(t *testing.T) {
	hcl, err := BigFlowJSONConfig(BigFlowSpec{Nodes: 500, Width: 50, ProjectID: "FP-1", ClusterID: "C-1", JobID: "FJ-0123"})
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`graph_json  = ("(?:[^"\\]|\\.)*")`).FindStringSubmatch(hcl)
	if m == nil {
		t.Fatalf("no graph_json in\n%.300s", hcl)
	}
	raw, err := strconv.Unquote(m[1])
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Decode([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 500 {
		t.Errorf("%d nodes, want 500", len(g.Nodes))
	}
	if issues := graph.Validate(g); issues != nil {
		t.Errorf("invalid graph: %v", issues[0])
	}
	if want := graphOf(BigFlowConfig(BigFlowSpec{Nodes: 500, Width: 50, JobID: "FJ-0123"})); len(want.Edges) != len(g.Edges) {
		t.Errorf("graph_json has %d edges, the graph block %d", len(g.Edges), len(want.Edges))
	}
}
