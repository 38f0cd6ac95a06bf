package flow

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// baseConfig is a valid configuration model to break one rule at a time.
func baseConfig(t *testing.T) flowModel {
	t.Helper()
	return flowModel{
		ProjectID: types.StringValue("FP-1"), ClusterID: types.StringValue("C-1"), CreateCluster: types.BoolNull(),
		CronExpr: types.StringNull(), StartSchedule: types.Int64Null(), EndSchedule: types.Int64Null(), Status: types.StringNull(),
		Graph:     chainGraph(),
		GraphJSON: jsontypes.NewNormalizedNull(),
		Alerts:    types.SetValueMust(alertObjectType, nil),
	}
}

func TestValidateFlowConfig(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		change   func(t *testing.T, m *flowModel)
		wantPath path.Path // nil = valid
		wantText string
	}{
		{name: "valid", change: func(*testing.T, *flowModel) {}},
		{name: "template needs create_cluster", change: func(_ *testing.T, m *flowModel) { m.ClusterID = types.StringValue("CT-1") },
			wantPath: path.Root("cluster_id"), wantText: "set create_cluster = true"},
		{name: "create_cluster needs a template", change: func(_ *testing.T, m *flowModel) { m.CreateCluster = types.BoolValue(true) },
			wantPath: path.Root("cluster_id"), wantText: `starting with "CT-"`},
		{name: "create_cluster unknown: either prefix", change: func(_ *testing.T, m *flowModel) {
			m.CreateCluster, m.ClusterID = types.BoolUnknown(), types.StringValue("CT-1")
		}},
		{name: "create_cluster unknown: still a cluster id", change: func(_ *testing.T, m *flowModel) {
			m.CreateCluster, m.ClusterID = types.BoolUnknown(), types.StringValue("X-1")
		}, wantPath: path.Root("cluster_id"), wantText: `("C-…")`},
		{name: "cluster unknown", change: func(_ *testing.T, m *flowModel) { m.ClusterID = types.StringUnknown() }},
		{name: "cron without start", change: func(_ *testing.T, m *flowModel) { m.CronExpr = types.StringValue("0 0 * * * ?") },
			wantPath: path.Root("start_schedule"), wantText: "required when cron_expr is set"},
		{name: "cron with unknown start", change: func(_ *testing.T, m *flowModel) {
			m.CronExpr, m.StartSchedule = types.StringValue("0 0 * * * ?"), types.Int64Unknown()
		}},
		{name: "start equals end", change: func(_ *testing.T, m *flowModel) {
			m.StartSchedule, m.EndSchedule = types.Int64Value(7), types.Int64Value(7)
		}, wantPath: path.Root("start_schedule"), wantText: "must be lower than end_schedule (7)"},
		{name: "scheduled without cron", change: func(_ *testing.T, m *flowModel) { m.Status = types.StringValue(statusScheduled) },
			wantPath: path.Root("status"), wantText: "needs cron_expr"},
		{name: "scheduled with unknown cron", change: func(_ *testing.T, m *flowModel) {
			m.Status, m.CronExpr, m.StartSchedule = types.StringValue(statusScheduled), types.StringUnknown(), types.Int64Value(1)
		}},
		{name: "duplicate alert", change: func(t *testing.T, m *flowModel) {
			m.Alerts = alertSet(t,
				alertModel{EventID: types.StringValue("EMR-210401001"), Enabled: types.BoolValue(true), UserGroupIDs: types.SetNull(types.StringType), DingDingGroupIDs: types.SetNull(types.StringType)},
				alertModel{EventID: types.StringValue("EMR-210401001"), Enabled: types.BoolValue(false), UserGroupIDs: types.SetNull(types.StringType), DingDingGroupIDs: types.SetNull(types.StringType)})
		}, wantText: `Two alert blocks have event_id "EMR-210401001"`},
		{name: "graph and graph_json", change: func(_ *testing.T, m *flowModel) { m.GraphJSON = jsontypes.NewNormalizedValue(`{}`) },
			wantPath: path.Root("graph_json"), wantText: "keep one"},
		{name: "node issue on its attribute", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "j": jobNode("J-1", "s"), "e": endNode("j")})
		}, wantPath: nodePath("j").AtName("job_id"), wantText: `job_id "J-1" is not a flow job id`},
		{name: "bad node id on the node", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "bad id": jobNode("FJ-1", "s"), "e": endNode("bad id")})
		}, wantPath: nodePath("bad id"), wantText: `node id "bad id" is not valid`},
		{name: "dependency on no node", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "e": endNode("s", "nowhere")})
		}, wantPath: nodePath("e").AtName("depends_on"), wantText: `depends_on names "nowhere", which is not a node of the graph`},
		{name: "self-dependency", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "j": jobNode("FJ-1", "s", "j"), "e": endNode("j")})
		}, wantPath: nodePath("j").AtName("depends_on"), wantText: `node "j" depends on itself`},
		{name: "cycle on the first node's depends_on", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "a": jobNode("FJ-1", "s", "b"), "b": jobNode("FJ-2", "a"), "e": endNode("b")})
		}, wantPath: nodePath("a").AtName("depends_on"), wantText: `the dependencies form a cycle: "a" -> "b" -> "a"`},
		{name: "unreachable nodes are warnings only", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "j": jobNode("FJ-1", "s"), "orphan": jobNode("FJ-2"),
				"dead": jobNode("FJ-3", "j"), "e": endNode("j", "orphan")})
		}},
		{name: "graph issue on the node map", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"s": startNode()})
		}, wantPath: path.Root("graph").AtName("nodes"), wantText: "no END node"},
		{name: "second START names the first by id", change: func(_ *testing.T, m *flowModel) {
			m.Graph = graphOf(map[string]types.Object{"a": startNode(), "b": startNode(), "e": endNode("a", "b")})
		}, wantPath: nodePath("b").AtName("type"), wantText: `a second START node ("a" is the first)`},
		{name: "unknown job_id is not judged", change: func(_ *testing.T, m *flowModel) {
			j := nodeObj("JOB", []string{"s"}, map[string]attr.Value{"job_id": types.StringUnknown(), "job_type": types.StringValue("SHELL")})
			m.Graph = graphOf(map[string]types.Object{"s": startNode(), "j": j, "e": endNode("j")})
		}},
		{name: "unknown depends_on skips the graph", change: func(_ *testing.T, m *flowModel) {
			s := nodeObj("START", nil, map[string]attr.Value{"depends_on": types.SetUnknown(types.StringType)})
			m.Graph = graphOf(map[string]types.Object{"s": s})
		}},
		{name: "graph_json issue", change: func(_ *testing.T, m *flowModel) {
			m.Graph = types.ObjectNull(graphAttrTypes)
			m.GraphJSON = jsontypes.NewNormalizedValue(`{"nodes":[{"id":"s","attribute":{"type":"START"}}]}`)
		}, wantPath: path.Root("graph_json"), wantText: "no END node"},
		{name: "graph_json not JSON is left to its type", change: func(_ *testing.T, m *flowModel) {
			m.Graph = types.ObjectNull(graphAttrTypes)
			m.GraphJSON = jsontypes.NewNormalizedValue(`{"nodes":`)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := baseConfig(t)
			tc.change(t, &m)
			diags := validateFlowConfig(context.Background(), &m)
			if tc.wantText == "" {
				if diags.HasError() {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if diags.ErrorsCount() == 0 {
				t.Fatalf("no error, want one containing %q", tc.wantText)
			}
			d := diags.Errors()[0]
			if !strings.Contains(d.Detail(), tc.wantText) {
				t.Errorf("detail %q, want it to contain %q", d.Detail(), tc.wantText)
			}
			if len(tc.wantPath.Steps()) == 0 {
				return
			}
			withPath, ok := d.(diag.DiagnosticWithPath)
			if !ok || !withPath.Path().Equal(tc.wantPath) {
				t.Errorf("diagnostic on %v, want %v", d, tc.wantPath)
			}
		})
	}
}

func TestValidateGraphWarnsUnreachable(t *testing.T) {
	t.Parallel()
	m := baseConfig(t)
	m.Graph = graphOf(map[string]types.Object{"s": startNode(), "j": jobNode("FJ-1", "s"), "orphan": jobNode("FJ-2"),
		"dead": jobNode("FJ-3", "j"), "e": endNode("j", "orphan")})
	diags := validateFlowConfig(context.Background(), &m)
	if diags.HasError() || diags.WarningsCount() != 2 {
		t.Fatalf("diagnostics %v, want two warnings", diags)
	}
	want := map[string]string{
		nodePath("orphan").AtName("depends_on").String(): "no chain of depends_on leads from the START node",
		nodePath("dead").AtName("depends_on").String():   "no END node depends, directly or through other nodes, on this JOB node",
	}
	for _, d := range diags.Warnings() {
		withPath, ok := d.(diag.DiagnosticWithPath)
		if !ok {
			t.Fatalf("warning without a path: %v", d)
		}
		p := withPath.Path().String()
		if !strings.Contains(d.Detail(), want[p]) || want[p] == "" {
			t.Errorf("warning at %s: %s", p, d.Detail())
		}
	}
}

func TestCheckJobNodes(t *testing.T) {
	t.Parallel()
	jobs := map[string]string{"FJ-A": "SHELL", "FJ-B": "SPARK"}
	n := func(id, typ, jobID, jobType string) graph.Node {
		return graph.Node{ID: id, Type: typ, JobID: jobID, JobType: jobType}
	}
	start, end := n("s", graph.NodeStart, "", ""), n("e", graph.NodeEnd, "", "")
	cases := []struct {
		name     string
		nodes    []graph.Node
		jsonKeys bool
		want     []jobNodeIssue // Message holds a fragment the message must contain
	}{
		{name: "no job nodes", nodes: []graph.Node{start, end}},
		{name: "all agree", nodes: []graph.Node{start, n("a", "JOB", "FJ-A", "SHELL"), n("b", "JOB", "FJ-B", "SPARK"), end}},
		{name: "same job twice", nodes: []graph.Node{n("a", "JOB", "FJ-A", "SHELL"), n("a2", "JOB", "FJ-A", "SHELL")}},
		{name: "type mismatch", nodes: []graph.Node{start, n("x", "JOB", "FJ-B", "SHELL"), end}, want: []jobNodeIssue{
			{Node: 1, Field: "job_type", Message: `node "x" says job_type "SHELL" but job FJ-B is of type "SPARK". Set job_type = "SPARK"`},
		}},
		{name: "type mismatch in graph_json", nodes: []graph.Node{n("x", "JOB", "FJ-B", "SHELL")}, jsonKeys: true, want: []jobNodeIssue{
			{Node: 0, Field: "job_type", Message: `Set "jobType": "SPARK"`},
		}},
		{name: "missing job", nodes: []graph.Node{start, end, n("m", "JOB", "FJ-GONE", "SHELL")}, want: []jobNodeIssue{
			{Node: 2, Field: "job_id", Message: `node "m" runs job FJ-GONE, which does not exist in project FP-1`},
		}},
		{name: "one issue per bad node, in order", nodes: []graph.Node{n("m", "JOB", "FJ-GONE", "SPARK"), n("ok", "JOB", "FJ-A", "SHELL"), n("x", "JOB", "FJ-A", "HIVE_SQL")},
			want: []jobNodeIssue{{Node: 0, Field: "job_id", Message: "FJ-GONE"}, {Node: 2, Field: "job_type", Message: `is of type "SHELL"`}}},
		{name: "job node without job_id is graph.Validate's", nodes: []graph.Node{n("j", "JOB", "", "SHELL")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := checkJobNodes(&graph.Graph{Nodes: tc.nodes}, "FP-1", jobs, tc.jsonKeys)
			if len(got) != len(tc.want) {
				t.Fatalf("checkJobNodes = %+v, want %d issues", got, len(tc.want))
			}
			for i, w := range tc.want {
				if got[i].Node != w.Node || got[i].Field != w.Field || !strings.Contains(got[i].Message, w.Message) {
					t.Errorf("issue %d = %+v, want node %d, field %s, message with %q", i, got[i], w.Node, w.Field, w.Message)
				}
			}
		})
	}
}

// TestFlowResourceCheckJobs checks the resource side: the project's jobs asked for once
// (ProjectJobTypes, cached by the client) only when there are JOB nodes, and each issue on the
// attribute at fault.
func TestFlowResourceCheckJobs(t *testing.T) {
	t.Parallel()
	jobs := []emrapi.Job{{ID: "FJ-A", ProjectID: "FP-1", Type: "SHELL"}, {ID: "FJ-OTHER", ProjectID: "FP-2", Type: "SHELL"}}
	encode := func(t *testing.T, nodes ...graph.Node) string {
		t.Helper()
		b, err := graph.Encode(&graph.Graph{Nodes: nodes})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	start := graph.Node{ID: "s", Type: graph.NodeStart}
	job := func(jobID, jobType string) graph.Node {
		return graph.Node{ID: "j", Type: graph.NodeJob, JobID: jobID, JobType: jobType}
	}
	block := func(*testing.T) types.Object {
		return graphOf(map[string]types.Object{"s": startNode(), "j": jobNode("FJ-A", "s")})
	}
	noBlock := func(*testing.T) types.Object { return types.ObjectNull(graphAttrTypes) }
	jobAt := func(field string) path.Path { return nodePath("j").AtName(field) }
	cases := []struct {
		name          string
		block         func(*testing.T) types.Object
		nodes         []graph.Node // nil: no graph
		listErr       error
		unlisted      []emrapi.Job
		wantCalls     int
		wantDescribes int
		wantPath      *path.Path // nil: no diagnostic; the zero path: one without an attribute
		wantText      string
	}{
		{name: "no graph", block: noBlock},
		{name: "no job nodes", block: noBlock, nodes: []graph.Node{start}},
		{name: "agrees", block: block, nodes: []graph.Node{start, job("FJ-A", "SHELL")}, wantCalls: 1},
		{name: "type mismatch on the node", block: block, nodes: []graph.Node{start, job("FJ-A", "SPARK")}, wantCalls: 1,
			wantPath: ptr(jobAt("job_type")), wantText: `node "j" says job_type "SPARK" but job FJ-A is of type "SHELL"`},
		{name: "job of another project", block: block, nodes: []graph.Node{start, job("FJ-OTHER", "SHELL")}, wantCalls: 1, wantDescribes: 1,
			wantPath: ptr(jobAt("job_id")), wantText: "does not exist in project FP-1"},
		{name: "graph_json", block: noBlock, nodes: []graph.Node{start, job("FJ-A", "SPARK")}, wantCalls: 1,
			wantPath: ptr(path.Root("graph_json")), wantText: `graph_json nodes[1]: node "j" says job_type "SPARK"`},
		{name: "job missing from a lagging list is described", block: block, nodes: []graph.Node{start, job("FJ-NEW", "SPARK")},
			unlisted: []emrapi.Job{{ID: "FJ-NEW", ProjectID: "FP-1", Type: "SPARK"}}, wantCalls: 1, wantDescribes: 1},
		{name: "described and still missing", block: block, nodes: []graph.Node{start, job("FJ-GONE", "SHELL")}, wantCalls: 1, wantDescribes: 1,
			wantPath: ptr(jobAt("job_id")), wantText: "does not exist in project FP-1"},
		{name: "list fails", block: block, nodes: []graph.Node{start, job("FJ-A", "SHELL")}, listErr: errors.New("boom"), wantCalls: 1,
			wantPath: ptr(path.Empty()), wantText: "boom"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			api := &fakeAPI{jobs: jobs, listJobsE: tc.listErr, unlisted: tc.unlisted}
			in := emrapi.FlowInput{ProjectID: "FP-1"}
			if tc.nodes != nil {
				in.Graph = encode(t, tc.nodes...)
			}
			plan := flowModel{Graph: tc.block(t)}
			diags := checkJobs(context.Background(), api, &plan, in)
			if api.listJobs != tc.wantCalls {
				t.Errorf("ProjectJobTypes called %d times, want %d", api.listJobs, tc.wantCalls)
			}
			if api.describes != tc.wantDescribes {
				t.Errorf("DescribeJob called %d times, want %d", api.describes, tc.wantDescribes)
			}
			if tc.wantPath == nil {
				if diags.HasError() {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if diags.ErrorsCount() != 1 {
				t.Fatalf("got %d errors (%v), want 1", diags.ErrorsCount(), diags)
			}
			d := diags.Errors()[0]
			got := path.Empty()
			if wp, ok := d.(diag.DiagnosticWithPath); ok {
				got = wp.Path()
			}
			if !got.Equal(*tc.wantPath) || !strings.Contains(d.Detail(), tc.wantText) {
				t.Errorf("diagnostic at %s: %s\nwant at %s with %q", got, d.Detail(), *tc.wantPath, tc.wantText)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
