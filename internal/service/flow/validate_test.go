package flow

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// baseConfig is a valid configuration model to break one rule at a time.
func baseConfig(t *testing.T) flowModel {
	t.Helper()
	return flowModel{
		ProjectID: types.StringValue("FP-1"), ClusterID: types.StringValue("C-1"), CreateCluster: types.BoolNull(),
		CronExpr: types.StringNull(), StartSchedule: types.Int64Null(), EndSchedule: types.Int64Null(), Status: types.StringNull(),
		Graph:     graphList(t, []nodeModel{node("s", "START"), jobNode("j", "FJ-1"), node("e", "END")}, []edgeModel{edge("s", "j"), edge("j", "e")}),
		GraphJSON: jsontypes.NewNormalizedNull(),
		Alerts:    types.SetValueMust(alertObjectType, nil),
	}
}

func TestValidateFlowConfig(t *testing.T) {
	t.Parallel()
	// graphAt("node", 2) is the path of graph[0].node[2].
	graphAt := func(block string, index int) path.Path {
		return path.Root("graph").AtListIndex(0).AtName(block).AtListIndex(index)
	}
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
		{name: "unknown graph and graph_json", change: func(_ *testing.T, m *flowModel) {
			m.Graph, m.GraphJSON = types.ListUnknown(graphObjectType), jsontypes.NewNormalizedValue(`{}`)
		}, wantPath: path.Root("graph_json"), wantText: "keep one"},
		{name: "node issue on its attribute", change: func(t *testing.T, m *flowModel) {
			bad := jobNode("j", "J-1")
			m.Graph = graphList(t, []nodeModel{node("s", "START"), bad, node("e", "END")}, []edgeModel{edge("s", "j"), edge("j", "e")})
		}, wantPath: graphAt("node", 1).AtName("job_id"), wantText: `job_id "J-1" is not a flow job id`},
		{name: "edge issue on its attribute", change: func(t *testing.T, m *flowModel) {
			m.Graph = graphList(t, []nodeModel{node("s", "START"), node("e", "END")}, []edgeModel{edge("s", "e"), edge("s", "nowhere")})
		}, wantPath: graphAt("edge", 1).AtName("target"), wantText: `"nowhere" is not a node id`},
		{name: "graph issue on the block", change: func(t *testing.T, m *flowModel) {
			m.Graph = graphList(t, []nodeModel{node("s", "START")}, nil)
		}, wantPath: path.Root("graph").AtListIndex(0), wantText: "no END node"},
		{name: "unknown job_id is not judged", change: func(t *testing.T, m *flowModel) {
			j := jobNode("j", "x")
			j.JobID = types.StringUnknown()
			m.Graph = graphList(t, []nodeModel{node("s", "START"), j, node("e", "END")}, []edgeModel{edge("s", "j"), edge("j", "e")})
		}},
		{name: "unknown node id skips the graph", change: func(t *testing.T, m *flowModel) {
			s := node("s", "START")
			s.ID = types.StringUnknown()
			m.Graph = graphList(t, []nodeModel{s}, []edgeModel{edge("s", "s")})
		}},
		{name: "graph_json issue", change: func(_ *testing.T, m *flowModel) {
			m.Graph = types.ListValueMust(graphObjectType, nil)
			m.GraphJSON = jsontypes.NewNormalizedValue(`{"nodes":[{"id":"s","attribute":{"type":"START"}}]}`)
		}, wantPath: path.Root("graph_json"), wantText: "no END node"},
		{name: "graph_json not JSON is left to its type", change: func(_ *testing.T, m *flowModel) {
			m.Graph = types.ListValueMust(graphObjectType, nil)
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

func TestIssuePath(t *testing.T) {
	t.Parallel()
	cases := []struct {
		issue graph.Issue
		want  string
	}{
		{graph.Issue{Node: 2, Edge: -1, Field: "job_type"}, "graph[0].node[2].job_type"},
		{graph.Issue{Node: 0, Edge: -1}, "graph[0].node[0]"},
		{graph.Issue{Node: -1, Edge: 3, Field: "source"}, "graph[0].edge[3].source"},
		{graph.Issue{Node: -1, Edge: -1}, "graph[0]"},
	}
	for _, tc := range cases {
		if got := issuePath(tc.issue).String(); got != tc.want {
			t.Errorf("issuePath(%+v) = %s, want %s", tc.issue, got, tc.want)
		}
	}
}
