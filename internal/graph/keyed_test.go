package graph_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

func keyed(typ string, deps ...string) graph.KeyedNode {
	n := graph.KeyedNode{Node: graph.Node{Type: typ}, DependsOn: deps}
	if typ == graph.NodeJob {
		n.JobID, n.JobType = "FJ-1", "SHELL"
	}
	return n
}

func TestFromKeyed(t *testing.T) {
	t.Parallel()
	nodes := map[string]graph.KeyedNode{
		"start": keyed(graph.NodeStart),
		"b":     keyed(graph.NodeJob, "start"),
		"a":     keyed(graph.NodeJob, "start"),
		"end":   keyed(graph.NodeEnd, "b", "a", "b"), // a repeated dependency is one edge
	}
	g := graph.FromKeyed(nodes)
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	if want := []string{"a", "b", "end", "start"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("node order %v, want %v (by id)", ids, want)
	}
	want := []graph.Edge{edge("start", "a"), edge("start", "b"), edge("a", "end"), edge("b", "end")}
	if !reflect.DeepEqual(g.Edges, want) {
		t.Errorf("edges %v, want %v", g.Edges, want)
	}
	// The same map always gives the same graph (Go's map order is random).
	for range 20 {
		if again := graph.FromKeyed(nodes); !reflect.DeepEqual(again, g) {
			t.Fatalf("FromKeyed is not deterministic: %+v vs %+v", again, g)
		}
	}
	if issues := graph.ValidateKeyed(g); issues != nil {
		t.Errorf("issues on a valid graph: %v", issues)
	}
}

func TestDependencies(t *testing.T) {
	t.Parallel()
	g := &graph.Graph{
		Nodes: []graph.Node{end("e"), start("s"), job("j"), job("k")},
		Edges: []graph.Edge{edge("k", "e"), edge("s", "j"), edge("j", "e"), edge("s", "k"), edge("j", "e")},
	}
	deps, err := graph.Dependencies(g)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"e": {"j", "k"}, "j": {"s"}, "k": {"s"}}
	if !reflect.DeepEqual(deps, want) {
		t.Errorf("Dependencies = %v, want %v", deps, want)
	}
	// A round trip through the keyed form gives the same graph (repeated edges aside).
	kn := map[string]graph.KeyedNode{}
	for _, n := range g.Nodes {
		kn[n.ID] = graph.KeyedNode{Node: n, DependsOn: deps[n.ID]}
	}
	back := graph.FromKeyed(kn)
	g.Edges = g.Edges[:4]
	if !graph.Equal(back, g) {
		t.Errorf("round trip %+v, want %+v", back, g)
	}

	for name, bad := range map[string]*graph.Graph{
		"repeated id":    {Nodes: []graph.Node{start("s"), end("s")}},
		"unknown source": {Nodes: []graph.Node{end("e")}, Edges: []graph.Edge{edge("x", "e")}},
		"unknown target": {Nodes: []graph.Node{start("s")}, Edges: []graph.Edge{edge("s", "x")}},
	} {
		if _, err := graph.Dependencies(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestValidateKeyed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		nodes map[string]graph.KeyedNode
		want  []graph.Issue
	}{
		{"dependency on no node", map[string]graph.KeyedNode{"s": keyed("START"), "e": keyed("END", "s", "x")},
			[]graph.Issue{nodeIssue(0, "depends_on", `depends_on names "x", which is not a node of the graph; use one of the keys of nodes`)}},
		{"self", map[string]graph.KeyedNode{"s": keyed("START"), "j": keyed("JOB", "s", "j"), "e": keyed("END", "j")},
			[]graph.Issue{nodeIssue(1, "depends_on", `node "j" depends on itself; remove "j" from its depends_on`)}},
		{"after END", map[string]graph.KeyedNode{"s": keyed("START"), "j": keyed("JOB", "e"), "e": keyed("END", "s")},
			[]graph.Issue{nodeIssue(1, "depends_on", `depends on END node "e"; nothing runs after an END node: depend on the nodes before it instead`)}},
		{"START depends", map[string]graph.KeyedNode{"s": keyed("START", "j"), "j": keyed("JOB", "s"), "e": keyed("END", "j")},
			[]graph.Issue{
				nodeIssue(2, "depends_on", `the START node runs first and cannot depend on "j"; remove its depends_on`),
				nodeIssue(1, "depends_on", `the dependencies form a cycle: "j" -> "s" -> "j"; a flow graph must be acyclic: remove one of these dependencies`),
			}},
		{"second START by id", map[string]graph.KeyedNode{"a": keyed("START"), "b": keyed("START"), "e": keyed("END", "a", "b")},
			[]graph.Issue{nodeIssue(1, "type", `a second START node ("a" is the first); a graph must have exactly one START node`)}},
		{"cycle on its first node", map[string]graph.KeyedNode{"s": keyed("START"), "a": keyed("JOB", "s", "c"), "b": keyed("JOB", "a"), "c": keyed("JOB", "b"), "e": keyed("END", "c")},
			[]graph.Issue{nodeIssue(0, "depends_on", `the dependencies form a cycle: "a" -> "b" -> "c" -> "a"; a flow graph must be acyclic: remove one of these dependencies`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := graph.ValidateKeyed(graph.FromKeyed(tt.nodes))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ValidateKeyed =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	t.Parallel()
	g := graph.FromKeyed(map[string]graph.KeyedNode{
		"s":      keyed("START"),
		"a":      keyed("JOB", "s"),
		"orphan": keyed("JOB"),      // never runs after START
		"dead":   keyed("JOB", "a"), // no END after it
		"e":      keyed("END", "a", "orphan"),
	})
	var notRun, noEnd []string
	for _, i := range graph.NotAfterStart(g) {
		notRun = append(notRun, g.Nodes[i].ID)
	}
	for _, i := range graph.NotBeforeEnd(g) {
		noEnd = append(noEnd, g.Nodes[i].ID)
	}
	if strings.Join(notRun, ",") != "orphan" || strings.Join(noEnd, ",") != "dead" {
		t.Errorf("not after START %v, not before an END %v; want [orphan] and [dead]", notRun, noEnd)
	}
	if got := graph.NotAfterStart(chain(3)); got != nil {
		t.Errorf("chain: %v", got)
	}
}
