package graph_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

const allJobTypes = "MR, SPARK, HIVE_SQL, HIVE, PIG, SQOOP, SPARK_SQL, SPARK_STREAMING, SHELL, SPARK_SHELL, IMPALA_SQL, STREAMING_SQL, FLINK, PRESTO_SQL, TRINO_SQL, KYUUBI"

func nodeIssue(i int, field, msg string) graph.Issue {
	return graph.Issue{Node: i, Edge: -1, Field: field, Message: msg}
}

func edgeIssue(j int, field, msg string) graph.Issue {
	return graph.Issue{Node: -1, Edge: j, Field: field, Message: msg}
}

func graphIssue(msg string) graph.Issue {
	return graph.Issue{Node: -1, Edge: -1, Message: msg}
}

const (
	noStartMsg = `the graph has no START node; add exactly one node with type = "START"`
	noEndMsg   = `the graph has no END node; add at least one node with type = "END"`
)

func TestValidate(t *testing.T) {
	t.Parallel()
	withJob := func(mut func(*graph.Node)) *graph.Graph {
		g := chain(1)
		mut(&g.Nodes[1])
		return g
	}
	tests := []struct {
		name string
		g    *graph.Graph
		want []graph.Issue
	}{
		{name: "valid chain", g: chain(3)},
		{name: "valid seed shape with coordinates", g: &graph.Graph{
			Nodes: []graph.Node{at(start("s"), 500, 250), at(job("j"), 470.5, 398.5), at(end("e"), 430.5, 562.5)},
			Edges: []graph.Edge{edge("s", "j"), edge("j", "e")},
		}},
		{name: "valid with two ends and a diamond", g: &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), end("e1"), end("e2")},
			Edges: []graph.Edge{edge("s", "a"), edge("s", "b"), edge("a", "c"), edge("b", "c"), edge("c", "e1"), edge("a", "e2")},
		}},
		{name: "valid id of 64 characters and every allowed character", g: &graph.Graph{
			Nodes: []graph.Node{start(strings.Repeat("a", 64)), end("Az09_-")},
			Edges: []graph.Edge{edge(strings.Repeat("a", 64), "Az09_-")},
		}},
		{name: "nil graph", g: nil, want: []graph.Issue{graphIssue(noStartMsg), graphIssue(noEndMsg)}},
		{name: "empty graph", g: &graph.Graph{}, want: []graph.Issue{graphIssue(noStartMsg), graphIssue(noEndMsg)}},
		{
			name: "empty node id, and edges that used it",
			g:    withJob(func(n *graph.Node) { n.ID = "" }),
			want: []graph.Issue{
				nodeIssue(1, "id", "the node id is empty; give each node a unique id of 1 to 64 letters, digits, '_' or '-'"),
				edgeIssue(0, "target", `edge target "j1" is not a node id; use the id of one of the graph's nodes`),
				edgeIssue(1, "source", `edge source "j1" is not a node id; use the id of one of the graph's nodes`),
			},
		},
		{
			name: "node id with a space",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("a b"), end("e")},
				Edges: []graph.Edge{edge("s", "a b"), edge("a b", "e")},
			},
			want: []graph.Issue{nodeIssue(1, "id", `node id "a b" is not valid; use 1 to 64 letters, digits, '_' or '-'`)},
		},
		{
			name: "node id of 65 characters",
			g:    withJob(func(n *graph.Node) { n.ID = strings.Repeat("x", 65) }),
			want: []graph.Issue{
				nodeIssue(1, "id", fmt.Sprintf(`node id %q is not valid; use 1 to 64 letters, digits, '_' or '-'`, strings.Repeat("x", 65))),
				edgeIssue(0, "target", `edge target "j1" is not a node id; use the id of one of the graph's nodes`),
				edgeIssue(1, "source", `edge source "j1" is not a node id; use the id of one of the graph's nodes`),
			},
		},
		{
			name: "non-ASCII node id",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), end("é")},
				Edges: []graph.Edge{edge("s", "é")},
			},
			want: []graph.Issue{nodeIssue(1, "id", `node id "é" is not valid; use 1 to 64 letters, digits, '_' or '-'`)},
		},
		{
			name: "duplicate node ids, three times",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("x"), job("x"), job("y"), job("x"), end("e")},
				Edges: []graph.Edge{edge("s", "x"), edge("x", "y"), edge("y", "e")},
			},
			want: []graph.Issue{
				nodeIssue(2, "id", `node id "x" is used by node[1] and node[2]; node ids must be unique`),
				nodeIssue(4, "id", `node id "x" is used by node[1] and node[4]; node ids must be unique`),
			},
		},
		{
			name: "empty node type",
			g:    withJob(func(n *graph.Node) { n.Type = ""; n.JobID = ""; n.JobType = "" }),
			want: []graph.Issue{nodeIssue(1, "type", "the node type is empty; use one of START, END, JOB")},
		},
		{
			name: "unknown node type",
			g:    withJob(func(n *graph.Node) { n.Type = "TASK" }),
			want: []graph.Issue{nodeIssue(1, "type", `node type "TASK" is not valid; use one of START, END, JOB`)},
		},
		{
			name: "lower-case node type gets a suggestion",
			g:    withJob(func(n *graph.Node) { n.Type = "job" }),
			want: []graph.Issue{nodeIssue(1, "type", `node type "job" is not valid; use one of START, END, JOB (did you mean "JOB"?)`)},
		},
		{
			name: "no START",
			g: &graph.Graph{
				Nodes: []graph.Node{job("a"), end("e")},
				Edges: []graph.Edge{edge("a", "e")},
			},
			want: []graph.Issue{graphIssue(noStartMsg)},
		},
		{
			name: "two STARTs",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s1"), job("a"), start("s2"), end("e")},
				Edges: []graph.Edge{edge("s1", "a"), edge("s2", "a"), edge("a", "e")},
			},
			want: []graph.Issue{nodeIssue(2, "type", "a second START node (node[0] is the first); a graph must have exactly one START node")},
		},
		{
			name: "no END",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("a")},
				Edges: []graph.Edge{edge("s", "a")},
			},
			want: []graph.Issue{graphIssue(noEndMsg)},
		},
		{
			name: "edge into START",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("a"), job("b"), end("e")},
				Edges: []graph.Edge{edge("s", "a"), edge("b", "s"), edge("a", "e")},
			},
			want: []graph.Issue{edgeIssue(1, "target", `edge into START node "s"; the START node must have no incoming edges`)},
		},
		{
			name: "edge out of END",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("a"), end("e"), job("b")},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "e"), edge("e", "b")},
			},
			want: []graph.Issue{edgeIssue(2, "source", `edge from END node "e"; END nodes must have no outgoing edges`)},
		},
		{
			name: "edge from an unknown node",
			g: func() *graph.Graph {
				g := chain(1)
				g.Edges = append(g.Edges, edge("ghost", "j1"))
				return g
			}(),
			want: []graph.Issue{edgeIssue(2, "source", `edge source "ghost" is not a node id; use the id of one of the graph's nodes`)},
		},
		{
			name: "edge to an unknown node",
			g: func() *graph.Graph {
				g := chain(1)
				g.Edges = append(g.Edges, edge("j1", "ghost"))
				return g
			}(),
			want: []graph.Issue{edgeIssue(2, "target", `edge target "ghost" is not a node id; use the id of one of the graph's nodes`)},
		},
		{
			name: "edge with empty ends",
			g: func() *graph.Graph {
				g := chain(1)
				g.Edges = append(g.Edges, edge("", ""))
				return g
			}(),
			want: []graph.Issue{
				edgeIssue(2, "source", "the edge source is empty; use the id of one of the graph's nodes"),
				edgeIssue(2, "target", "the edge target is empty; use the id of one of the graph's nodes"),
			},
		},
		{
			name: "self-loop",
			g: func() *graph.Graph {
				g := chain(2)
				g.Edges = append(g.Edges, edge("j2", "j2"))
				return g
			}(),
			want: []graph.Issue{edgeIssue(3, "", `edge from "j2" to itself; an edge must join two different nodes`)},
		},
		{
			name: "duplicate edge",
			g: func() *graph.Graph {
				g := chain(2)
				g.Edges = append(g.Edges, edge("j1", "j2"))
				return g
			}(),
			want: []graph.Issue{edgeIssue(3, "", `edge from "j1" to "j2" repeats edge[1]; give each edge once`)},
		},
		{
			name: "cycle, reported in edge direction from its first node",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("c"), job("a"), job("b"), end("e")},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "e")},
			},
			want: []graph.Issue{graphIssue(`the edges form a cycle: "c" -> "a" -> "b" -> "c"; a flow graph must be acyclic: remove or reverse one of these edges`)},
		},
		{
			name: "two-node cycle behind a node that is only downstream",
			g: &graph.Graph{
				Nodes: []graph.Node{start("s"), job("down"), job("p"), job("q"), end("e")},
				Edges: []graph.Edge{edge("s", "p"), edge("p", "q"), edge("q", "p"), edge("q", "down"), edge("down", "e")},
			},
			want: []graph.Issue{graphIssue(`the edges form a cycle: "p" -> "q" -> "p"; a flow graph must be acyclic: remove or reverse one of these edges`)},
		},
		{
			name: "JOB without job_id",
			g:    withJob(func(n *graph.Node) { n.JobID = "" }),
			want: []graph.Issue{nodeIssue(1, "job_id", `a JOB node needs a job_id: the id of the flow job it runs, "FJ-" followed by letters and digits`)},
		},
		{
			name: "job_id without the FJ- prefix",
			g:    withJob(func(n *graph.Node) { n.JobID = "7BE1062897B19D25" }),
			want: []graph.Issue{nodeIssue(1, "job_id", `job_id "7BE1062897B19D25" is not a flow job id; use "FJ-" followed by letters and digits (the id of an emrflow_job)`)},
		},
		{
			name: "job_id that is only the prefix",
			g:    withJob(func(n *graph.Node) { n.JobID = "FJ-" }),
			want: []graph.Issue{nodeIssue(1, "job_id", `job_id "FJ-" is not a flow job id; use "FJ-" followed by letters and digits (the id of an emrflow_job)`)},
		},
		{
			name: "job_id with a forbidden character",
			g:    withJob(func(n *graph.Node) { n.JobID = "FJ-12_34" }),
			want: []graph.Issue{nodeIssue(1, "job_id", `job_id "FJ-12_34" is not a flow job id; use "FJ-" followed by letters and digits (the id of an emrflow_job)`)},
		},
		{
			name: "JOB without job_type",
			g:    withJob(func(n *graph.Node) { n.JobType = "" }),
			want: []graph.Issue{nodeIssue(1, "job_type", "a JOB node needs a job_type; use one of "+allJobTypes)},
		},
		{
			name: "unknown job_type",
			g:    withJob(func(n *graph.Node) { n.JobType = "PYTHON" }),
			want: []graph.Issue{nodeIssue(1, "job_type", `job_type "PYTHON" is not valid; use one of `+allJobTypes)},
		},
		{
			name: "lower-case job_type gets a suggestion",
			g:    withJob(func(n *graph.Node) { n.JobType = "hive-sql" }),
			want: []graph.Issue{nodeIssue(1, "job_type", `job_type "hive-sql" is not valid; use one of `+allJobTypes+` (did you mean "HIVE_SQL"?)`)},
		},
		{
			name: "START and END with job fields",
			g: func() *graph.Graph {
				g := chain(1)
				g.Nodes[0].JobID, g.Nodes[0].JobType = "FJ-1", "SHELL"
				g.Nodes[2].JobID = "FJ-2"
				return g
			}(),
			want: []graph.Issue{
				nodeIssue(0, "job_id", "a START node cannot have a job_id; remove it, or make the node a JOB node"),
				nodeIssue(0, "job_type", "a START node cannot have a job_type; remove it, or make the node a JOB node"),
				nodeIssue(2, "job_id", "an END node cannot have a job_id; remove it, or make the node a JOB node"),
			},
		},
		{
			name: "x without y",
			g:    withJob(func(n *graph.Node) { n.X = ptr(10) }),
			want: []graph.Issue{nodeIssue(1, "y", "y is unset while x is set; set both x and y, or neither to let the auto-layout place the node")},
		},
		{
			name: "y without x",
			g:    withJob(func(n *graph.Node) { n.Y = ptr(10) }),
			want: []graph.Issue{nodeIssue(1, "x", "x is unset while y is set; set both x and y, or neither to let the auto-layout place the node")},
		},
		{
			name: "non-finite coordinates",
			g:    withJob(func(n *graph.Node) { n.X, n.Y = ptr(math.NaN()), ptr(math.Inf(-1)) }),
			want: []graph.Issue{
				nodeIssue(1, "x", "x is NaN; give a finite number, or leave x and y unset to let the auto-layout place the node"),
				nodeIssue(1, "y", "y is -Inf; give a finite number, or leave x and y unset to let the auto-layout place the node"),
			},
		},
		{
			name: "issues come node by node, then edge by edge, then for the graph",
			g: &graph.Graph{
				Nodes: []graph.Node{job("a"), {ID: "b", Type: "JOB"}, job("a")},
				Edges: []graph.Edge{edge("a", "zz"), edge("a", "b"), edge("b", "a")},
			},
			want: []graph.Issue{
				nodeIssue(1, "job_id", `a JOB node needs a job_id: the id of the flow job it runs, "FJ-" followed by letters and digits`),
				nodeIssue(1, "job_type", "a JOB node needs a job_type; use one of "+allJobTypes),
				nodeIssue(2, "id", `node id "a" is used by node[0] and node[2]; node ids must be unique`),
				edgeIssue(0, "target", `edge target "zz" is not a node id; use the id of one of the graph's nodes`),
				graphIssue(noStartMsg),
				graphIssue(noEndMsg),
				graphIssue(`the edges form a cycle: "a" -> "b" -> "a"; a flow graph must be acyclic: remove or reverse one of these edges`),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := graph.Validate(tt.g)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() =\n%s\nwant\n%s", issuesText(got), issuesText(tt.want))
			}
		})
	}
}

func issuesText(issues []graph.Issue) string {
	if len(issues) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, i := range issues {
		fmt.Fprintf(&b, "  %+v\n", i)
	}
	return b.String()
}

func TestValidateLongCycleIsShortened(t *testing.T) {
	t.Parallel()
	g := chain(30)
	g.Edges = append(g.Edges, edge("j30", "j1"))
	issues := graph.Validate(g)
	if len(issues) != 1 {
		t.Fatalf("want one issue, got\n%s", issuesText(issues))
	}
	msg := issues[0].Message
	for _, want := range []string{`"j1" -> "j2" -> `, `"j20" -> … (30 nodes in all) -> "j1";`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, `"j21"`) {
		t.Errorf("message %q lists more than 20 nodes", msg)
	}
}

func TestValidateRandomDAGIsValid(t *testing.T) {
	t.Parallel()
	for _, n := range []int{3, 10, 200, 5000} {
		if issues := graph.Validate(randomDAG(n, uint64(n))); issues != nil {
			t.Errorf("randomDAG(%d): %d issues, first %v", n, len(issues), issues[0])
		}
	}
}

func TestValidateDoesNotChangeGraph(t *testing.T) {
	t.Parallel()
	g := randomDAG(50, 1)
	g.Edges = append(g.Edges, edge("node_000030", "node_000001"), edge("x", "y"))
	before := clone(g)
	_ = graph.Validate(g)
	if ok, diff := sameModel(before, g); !ok {
		t.Errorf("Validate changed the graph: %s", diff)
	}
}

func TestIssuePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		issue graph.Issue
		want  string
	}{
		{graph.Issue{Node: 2, Edge: -1, Field: "job_id"}, "node[2].job_id"},
		{graph.Issue{Node: 0, Edge: -1}, "node[0]"},
		{graph.Issue{Node: -1, Edge: 0, Field: "target"}, "edge[0].target"},
		{graph.Issue{Node: -1, Edge: 13}, "edge[13]"},
		{graph.Issue{Node: -1, Edge: -1}, "graph"},
	}
	for _, tt := range tests {
		if got := tt.issue.Path(); got != tt.want {
			t.Errorf("%+v.Path() = %q, want %q", tt.issue, got, tt.want)
		}
	}
	i := graph.Issue{Node: 1, Edge: -1, Field: "id", Message: "bad"}
	if got, want := i.String(), "node[1].id: bad"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestJobTypes(t *testing.T) {
	t.Parallel()
	got := graph.JobTypes()
	if strings.Join(got, ", ") != allJobTypes {
		t.Errorf("JobTypes() = %v", got)
	}
	got[0] = "CHANGED"
	if graph.JobTypes()[0] != "MR" {
		t.Error("changing the result of JobTypes() changed the list")
	}
	for _, jt := range graph.JobTypes() {
		if !graph.IsJobType(jt) {
			t.Errorf("IsJobType(%q) = false", jt)
		}
	}
	for _, jt := range []string{"", "shell", "CHANGED", "SHELL "} {
		if graph.IsJobType(jt) {
			t.Errorf("IsJobType(%q) = true", jt)
		}
	}
}

func TestShapeFor(t *testing.T) {
	t.Parallel()
	tests := []struct{ nodeType, jobType, want string }{
		{"START", "", "startControlNode"},
		{"END", "", "endControlNode"},
		{"JOB", "SHELL", "shellJobNode"},
		{"JOB", "HIVE_SQL", "hiveSqlJobNode"},
		{"JOB", "SPARK_SQL", "sparkSqlJobNode"},
		{"JOB", "SPARK_STREAMING", "sparkStreamingJobNode"},
		{"JOB", "MR", "mrJobNode"},
		{"JOB", "STREAMING_SQL", "streamingSqlJobNode"},
		{"JOB", "SPARK_SHELL", "sparkShellJobNode"},
		{"JOB", "IMPALA_SQL", "impalaSqlJobNode"},
		{"JOB", "FLINK", "flinkJobNode"},
		{"JOB", "PRESTO_SQL", "prestoSqlJobNode"},
		{"JOB", "TRINO_SQL", "trinoSqlJobNode"},
		{"JOB", "KYUUBI", "kyuubiJobNode"},
		{"JOB", "", "jobNode"},
		{"TASK", "SHELL", ""},
	}
	for _, tt := range tests {
		if got := graph.ShapeFor(tt.nodeType, tt.jobType); got != tt.want {
			t.Errorf("ShapeFor(%q, %q) = %q, want %q", tt.nodeType, tt.jobType, got, tt.want)
		}
	}
}
