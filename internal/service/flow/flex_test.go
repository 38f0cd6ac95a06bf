package flow

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// seedAlertConf is the AlertConf of the CreateFlowForWeb document.
const seedAlertConf = `{"items":[{"enable":true,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-b79bb29bb6e14ddd89674a242623851b"],"alertDingDingGroupList":["ADG-af1f9689d6194e2dbd89927d5c515172"]},{"enable":true,"eventId":"EMR-110401015","alertUserGroupIdList":["AUG-b79bb29bb6e14ddd89674a242623851b"],"alertDingDingGroupList":["ADG-af1f9689d6194e2dbd89927d5c515172"]},{"enable":true,"eventId":"EMR-110401002","alertUserGroupIdList":["AUG-b79bb29bb6e14ddd89674a242623851b"],"alertDingDingGroupList":["ADG-af1f9689d6194e2dbd89927d5c515172"]}]}`

// nodeObj builds a node of the graph block: its type, its depends_on (nil: unset) and other
// attributes by name; the rest null.
func nodeObj(typ string, deps []string, set map[string]attr.Value) types.Object {
	a := map[string]attr.Value{
		"type": types.StringValue(typ), "label": types.StringNull(), "job_id": types.StringNull(), "job_type": types.StringNull(),
		"host_name": types.StringNull(), "x": types.Float64Null(), "y": types.Float64Null(), "depends_on": types.SetNull(types.StringType),
	}
	if deps != nil {
		a["depends_on"] = stringSet(deps...)
		if len(deps) == 0 {
			a["depends_on"] = types.SetValueMust(types.StringType, []attr.Value{})
		}
	}
	for k, v := range set {
		a[k] = v
	}
	return types.ObjectValueMust(nodeAttrTypes, a)
}

func startNode() types.Object { return nodeObj("START", nil, nil) }

func endNode(deps ...string) types.Object { return nodeObj("END", deps, nil) }

func jobNode(jobID string, deps ...string) types.Object {
	return nodeObj("JOB", deps, map[string]attr.Value{"job_id": types.StringValue(jobID), "job_type": types.StringValue("SHELL")})
}

// graphOf builds a graph block value from its nodes.
func graphOf(nodes map[string]types.Object) types.Object {
	elems := make(map[string]attr.Value, len(nodes))
	for id, n := range nodes {
		elems[id] = n
	}
	return graphValue(types.MapValueMust(nodeObjectType, elems), types.StringNull())
}

// chainGraph is s -> j (FJ-1) -> e.
func chainGraph() types.Object {
	return graphOf(map[string]types.Object{"s": startNode(), "j": jobNode("FJ-1", "s"), "e": endNode("j")})
}

// graphNodes returns the nodes of a graph block, keyed by id.
func graphNodes(t *testing.T, g types.Object) map[string]map[string]attr.Value {
	t.Helper()
	if g.IsNull() || g.IsUnknown() {
		t.Fatalf("graph block %v", g)
	}
	out := map[string]map[string]attr.Value{}
	nodes, ok := g.Attributes()["nodes"].(types.Map)
	if !ok {
		t.Fatalf("graph.nodes is %T", g.Attributes()["nodes"])
	}
	for id, v := range nodes.Elements() {
		obj, ok := v.(types.Object)
		if !ok {
			t.Fatalf("graph.nodes[%q] is %T", id, v)
		}
		out[id] = obj.Attributes()
	}
	return out
}

func alertSet(t *testing.T, alerts ...alertModel) types.Set {
	t.Helper()
	s, d := types.SetValueFrom(context.Background(), alertObjectType, alerts)
	if d.HasError() {
		t.Fatalf("building alert set: %v", d)
	}
	return s
}

func stringSet(items ...string) types.Set {
	s, _ := flex.FlattenStringSet(items)
	return s
}

func TestFlattenGraph(t *testing.T) {
	t.Parallel()
	x, y := 1.5, 2.0
	// The server's order, UI fields and repeated edges make no difference to the keyed form.
	server := &graph.Graph{
		Nodes: []graph.Node{{ID: "end", Type: "END"}, {ID: "extra", Type: "JOB", JobID: "FJ-9", JobType: "SPARK", Label: "new"},
			{ID: "start", Type: "START", X: &x, Y: &y}, {ID: "job", Type: "JOB", JobID: "FJ-1", JobType: "SHELL"}},
		Edges: []graph.Edge{{Source: "job", Target: "end"}, {Source: "start", Target: "job"}, {Source: "extra", Target: "end"}, {Source: "job", Target: "end"}},
	}
	deps, err := graph.Dependencies(server)
	if err != nil {
		t.Fatal(err)
	}
	// The prior wrote start's depends_on as [] and job's as unset.
	prior := graphOf(map[string]types.Object{"start": nodeObj("START", []string{}, nil), "job": jobNode("FJ-1", "start"), "end": endNode("job")})
	nodes := graphNodes(t, flattenGraph(server, deps, prior))
	if len(nodes) != 4 {
		t.Fatalf("nodes = %v", nodes)
	}
	if d := nodes["end"]["depends_on"]; !d.Equal(stringSet("extra", "job")) {
		t.Errorf("end depends_on = %v, want extra and job", d)
	}
	if d := as[types.Set](t, nodes["start"]["depends_on"]); d.IsNull() || len(d.Elements()) != 0 {
		t.Errorf("start depends_on = %v, want the prior's []", d)
	}
	if d := nodes["extra"]["depends_on"]; !d.IsNull() {
		t.Errorf("extra depends_on = %v, want null (no prior)", d)
	}
	if as[types.Float64](t, nodes["start"]["x"]).ValueFloat64() != 1.5 || !nodes["job"]["x"].IsNull() ||
		!nodes["start"]["label"].IsNull() || as[types.String](t, nodes["extra"]["label"]).ValueString() != "new" {
		t.Errorf("node values not carried over: %+v", nodes)
	}
}

func TestExpandFlowInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := flowModel{
		ProjectID: types.StringValue("FP-1"), Region: types.StringValue("cn-beijing"), Name: types.StringValue("n"),
		Description: types.StringValue("d"), ClusterID: types.StringValue("C-1"), CreateCluster: types.BoolValue(false),
		CronExpr: types.StringValue("0 0 * * * ?"), StartSchedule: types.Int64Value(5), EndSchedule: types.Int64Null(),
		HostName: types.StringNull(), ParentFlowIDs: stringSet("F-B", "F-A"), ParentCategoryID: types.StringUnknown(),
		Graph:     chainGraph(),
		GraphJSON: jsontypes.NewNormalizedNull(),
		Alerts: alertSet(t,
			alertModel{EventID: types.StringValue("EMR-210401001"), Enabled: types.BoolValue(false), UserGroupIDs: stringSet("AUG-2", "AUG-1"), DingDingGroupIDs: types.SetNull(types.StringType)},
			alertModel{EventID: types.StringValue("EMR-110401002"), Enabled: types.BoolNull(), UserGroupIDs: types.SetNull(types.StringType), DingDingGroupIDs: stringSet("ADG-1")}),
		Status: types.StringValue("UNDER_SCHEDULE"), Namespace: types.StringNull(), LogArchiveLocation: types.StringValue("oss://b/"),
	}
	in, diags := expandFlowInput(ctx, &m, nil)
	if diags.HasError() {
		t.Fatalf("expandFlowInput: %v", diags)
	}
	want := emrapi.FlowInput{ProjectID: "FP-1", Name: "n", Description: "d", ClusterID: "C-1",
		CronExpr: "0 0 * * * ?", StartSchedule: 5, ParentFlowIDs: []string{"F-A", "F-B"}, LogArchiveLocation: "oss://b/", Status: "UNDER_SCHEDULE", Periodic: true}
	gotGraph, gotAlerts := in.Graph, in.AlertConf
	in.Graph, in.AlertConf = "", ""
	if !slices.Equal(in.ParentFlowIDs, want.ParentFlowIDs) {
		t.Errorf("ParentFlowIDs = %v, want %v", in.ParentFlowIDs, want.ParentFlowIDs)
	}
	in.ParentFlowIDs, want.ParentFlowIDs = nil, nil
	if !reflect.DeepEqual(in, want) {
		t.Errorf("FlowInput = %+v\nwant %+v", in, want)
	}

	g, err := graph.Decode([]byte(gotGraph))
	if err != nil {
		t.Fatalf("Graph %s: %v", gotGraph, err)
	}
	if len(g.Nodes) != 3 || len(g.Edges) != 2 || g.Nodes[1].JobID != "FJ-1" { // nodes in id order: e, j, s
		t.Errorf("Graph = %s, want the 3 nodes and 2 edges", gotGraph)
	}
	for _, n := range g.Nodes {
		if n.X == nil || n.Y == nil {
			t.Errorf("node %s not placed in %s", n.ID, gotGraph)
		}
	}

	var conf alertConf
	if err := json.Unmarshal([]byte(gotAlerts), &conf); err != nil {
		t.Fatalf("AlertConf %s: %v", gotAlerts, err)
	}
	wantConf := alertConf{Items: []alertItem{
		{Enable: true, EventID: "EMR-110401002", AlertUserGroupIDList: []string{}, AlertDingDingGroupList: []string{"ADG-1"}},
		{Enable: false, EventID: "EMR-210401001", AlertUserGroupIDList: []string{"AUG-1", "AUG-2"}, AlertDingDingGroupList: []string{}},
	}}
	if b, _ := json.Marshal(wantConf); string(b) != gotAlerts {
		t.Errorf("AlertConf = %s\nwant %s", gotAlerts, b)
	}

	// graph_json is sent as written; no graph and no alerts are sent as "".
	m.Graph = types.ObjectNull(graphAttrTypes)
	m.GraphJSON = jsontypes.NewNormalizedValue(`{"nodes": []}`)
	m.Alerts = types.SetValueMust(alertObjectType, nil)
	m.Status = types.StringUnknown()
	in, _ = expandFlowInput(ctx, &m, nil)
	if in.Graph != `{"nodes": []}` || in.AlertConf != "" || in.Status != "" {
		t.Errorf("Graph %q, AlertConf %q, Status %q; want the raw JSON, \"\" and \"\"", in.Graph, in.AlertConf, in.Status)
	}
}

func TestAlertsRoundTrip(t *testing.T) {
	t.Parallel()
	set, err := flattenAlerts(seedAlertConf)
	if err != nil {
		t.Fatalf("flattenAlerts(seed): %v", err)
	}
	if len(set.Elements()) != 3 {
		t.Fatalf("seed alerts = %v, want 3", set)
	}
	conf, diags := expandAlerts(context.Background(), set)
	if diags.HasError() {
		t.Fatalf("expandAlerts: %v", diags)
	}
	if !sameAlerts(conf, seedAlertConf) {
		t.Fatalf("round trip changed the alerts:\n%s\n%s", conf, seedAlertConf)
	}
	if again, _ := expandAlerts(context.Background(), set); again != conf {
		t.Fatalf("expandAlerts is not deterministic: %s vs %s", again, conf)
	}

	for _, empty := range []string{"", "  ", `{"items":[]}`, `{}`} {
		s, err := flattenAlerts(empty)
		if err != nil || s.IsNull() || len(s.Elements()) != 0 {
			t.Errorf("flattenAlerts(%q) = %v, %v; want an empty set", empty, s, err)
		}
	}
	if _, err := flattenAlerts(`{"items":`); err == nil {
		t.Error("flattenAlerts of broken JSON: no error")
	}
	// Empty and missing group lists read back as [], as an unset one is planned.
	s, _ := flattenAlerts(`{"items":[{"enable":false,"eventId":"EMR-210401001","alertUserGroupIdList":[]}]}`)
	var alerts []alertModel
	s.ElementsAs(context.Background(), &alerts, false)
	isEmpty := func(v types.Set) bool { return !v.IsNull() && !v.IsUnknown() && len(v.Elements()) == 0 }
	if len(alerts) != 1 || !isEmpty(alerts[0].UserGroupIDs) || !isEmpty(alerts[0].DingDingGroupIDs) || alerts[0].Enabled.ValueBool() {
		t.Errorf("alerts = %+v, want one disabled alert without groups", alerts)
	}
}

func TestFlattenFlow(t *testing.T) {
	t.Parallel()
	prior := flowModel{ProjectID: types.StringValue("FP-1"), Region: types.StringNull(), Graph: types.ObjectNull(graphAttrTypes),
		GraphJSON: jsontypes.NewNormalizedNull()}
	f := &emrapi.Flow{ID: "F-1", Name: "n", Description: "d", ClusterID: "C-1", Status: "STOP_SCHEDULE"}
	var m flowModel
	if diags := flattenFlow(context.Background(), f, &prior, "cn-hangzhou", &m); diags.HasError() {
		t.Fatalf("flattenFlow: %v", diags)
	}
	for name, v := range map[string]interface{ IsNull() bool }{
		"cron_expr": m.CronExpr, "start_schedule": m.StartSchedule, "end_schedule": m.EndSchedule, "host_name": m.HostName,
		"parent_flow_ids": m.ParentFlowIDs, "parent_category_id": m.ParentCategoryID, "namespace": m.Namespace,
		"log_archive_location": m.LogArchiveLocation, "graph_json": m.GraphJSON,
	} {
		if !v.IsNull() {
			t.Errorf("%s = %v, want null for the API's empty value", name, v)
		}
	}
	if m.Region.ValueString() != "cn-hangzhou" || m.ProjectID.ValueString() != "FP-1" || m.Periodic.ValueBool() ||
		!m.Graph.IsNull() || m.Alerts.IsNull() || len(m.Alerts.Elements()) != 0 {
		t.Errorf("flattened %+v", m)
	}
}

// TestFlattenFlowNoEndSchedule: a scheduled flow written without end_schedule may be answered
// with the server's "no end" (ListFlow.md's sample: 4102416001000); it stays unset, as written,
// and a value written as such is kept.
func TestFlattenFlowNoEndSchedule(t *testing.T) {
	t.Parallel()
	f := &emrapi.Flow{ID: "F-1", Name: "n", ClusterID: "C-1", CronExpr: "0 0 2 * * ?", EndSchedule: vocab.NoEndSchedule}
	for _, tc := range []struct {
		name  string
		prior types.Int64
		want  types.Int64
	}{
		{"unset", types.Int64Null(), types.Int64Null()},
		{"written as the server's no-end value", types.Int64Value(vocab.NoEndSchedule), types.Int64Value(vocab.NoEndSchedule)},
		{"unknown in the plan", types.Int64Unknown(), types.Int64Value(vocab.NoEndSchedule)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			prior := flowModel{ProjectID: types.StringValue("FP-1"), Region: types.StringNull(), Graph: types.ObjectNull(graphAttrTypes),
				GraphJSON: jsontypes.NewNormalizedNull(), EndSchedule: tc.prior}
			var m flowModel
			if diags := flattenFlow(context.Background(), f, &prior, "cn-hangzhou", &m); diags.HasError() {
				t.Fatalf("flattenFlow: %v", diags)
			}
			if !m.EndSchedule.Equal(tc.want) {
				t.Errorf("end_schedule = %v, want %v", m.EndSchedule, tc.want)
			}
		})
	}
}

func TestFlattenGraphOrJSON(t *testing.T) {
	t.Parallel()
	plain := `{"nodes":[{"id":"s","attribute":{"type":"START"}},{"id":"e","attribute":{"type":"END"}}],"edges":[{"source":"s","target":"e"}]}`
	stored := `{"edges":[{"index":2,"source":"s","target":"e"}],"nodes":[{"attribute":{"type":"START"},"id":"s","index":0,"spmAnchorId":"x"},{"attribute":{"type":"END"},"id":"e","index":1}]}`
	changed := strings.Replace(stored, `"type":"END"},"id":"e"`, `"type":"END"},"id":"e","label":"done"`, 1)
	jsonPrior := flowModel{Graph: types.ObjectNull(graphAttrTypes), GraphJSON: jsontypes.NewNormalizedValue(plain)}
	blockPrior := flowModel{Graph: graphOf(map[string]types.Object{"s": startNode(), "e": endNode("s")}), GraphJSON: jsontypes.NewNormalizedNull()}
	cases := []struct {
		name      string
		server    string
		prior     flowModel
		wantJSON  string // "" = null
		wantNodes int
		wantWarn  bool
	}{
		{"json: same graph keeps the configuration's text", stored, jsonPrior, plain, 0, false},
		{"json: another graph shows the server's", changed, jsonPrior, changed, 0, false},
		{"json: no graph on the server", "", jsonPrior, "", 0, false},
		{"json: an empty graph on the server is none", `{"nodes":[],"edges":[]}`, jsonPrior, "", 0, false},
		{"data source: an empty graph is none", `{"nodes":[],"edges":[]}`, flowModel{Graph: types.ObjectNull(graphAttrTypes), GraphJSON: jsontypes.NewNormalizedUnknown()}, "", 0, false},
		{"block: read as a block", stored, blockPrior, "", 2, false},
		{"block: not a typed graph shows as json", `{"nodes":[{"attribute":{}}]}`, blockPrior, `{"nodes":[{"attribute":{}}]}`, 0, true},
		{"block: a repeated node id shows as json", `{"nodes":[{"id":"a"},{"id":"a"}]}`, blockPrior, `{"nodes":[{"id":"a"},{"id":"a"}]}`, 0, true},
		{"block: an edge to no node shows as json", `{"nodes":[{"id":"a"}],"edges":[{"source":"a","target":"b"}]}`, blockPrior, `{"nodes":[{"id":"a"}],"edges":[{"source":"a","target":"b"}]}`, 0, true},
		{"block: empty graph", `{}`, blockPrior, "", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g, j, diags := flattenGraphOrJSON(tc.server, &tc.prior)
			if diags.HasError() || (diags.WarningsCount() > 0) != tc.wantWarn {
				t.Fatalf("diagnostics %v, want warning: %v", diags, tc.wantWarn)
			}
			if (tc.wantJSON == "" && !j.IsNull()) || (tc.wantJSON != "" && j.ValueString() != tc.wantJSON) {
				t.Errorf("graph_json = %v, want %q", j, tc.wantJSON)
			}
			if tc.wantNodes == 0 && !g.IsNull() {
				t.Errorf("graph = %v, want none", g)
			}
			if tc.wantNodes > 0 && len(graphNodes(t, g)) != tc.wantNodes {
				t.Errorf("graph = %v, want %d nodes", g, tc.wantNodes)
			}
		})
	}
}

func TestParseImportID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		id, project, flow string
		ok                bool
	}{
		{"FP-257A173659F5:F-7A39731FE719", "FP-257A173659F5", "F-7A39731FE719", true},
		{" FP-1:F-2 ", "FP-1", "F-2", true},
		{"F-7A39731FE719", "", "", false},
		{"F-1:FP-2", "", "", false},
		{"FP-1:FJ-2", "", "", false},
		{"FP-1:", "", "", false},
		{"FP-1:F-2:F-3", "", "", false},
		{"", "", "", false},
	}
	for _, tc := range cases {
		p, f, ok := parseImportID(tc.id)
		if p != tc.project || f != tc.flow || ok != tc.ok {
			t.Errorf("parseImportID(%q) = %q, %q, %v; want %q, %q, %v", tc.id, p, f, ok, tc.project, tc.flow, tc.ok)
		}
	}
}

// sameModel reports the attributes whose values differ between two flow models.
func sameModel(a, b flowModel) []string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var diff []string
	for i := range va.NumField() {
		x, ok := va.Field(i).Interface().(attr.Value)
		if !ok {
			continue // timeouts
		}
		y, _ := vb.Field(i).Interface().(attr.Value) // the same field of the same struct type
		if !x.Equal(y) {
			diff = append(diff, fmt.Sprintf("%s: %v vs %v", va.Type().Field(i).Tag.Get("tfsdk"), x, vb.Field(i).Interface()))
		}
	}
	return diff
}

// TestFlattenFlowPlausibleAnswers feeds flattenFlow the answers a real DescribeFlow may
// plausibly give for the same flow (the documentation shows one sample and says nothing about
// unset fields): omitted, empty or defaulted fields, lists in another order, numbers and booleans
// as strings, extra fields, and the console's UI fields and index in the graph. Each must give the
// same state as the emulator's own answer, or a plan would show a diff that is not there.
func TestFlattenFlowPlausibleAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	emptySet := types.SetValueMust(types.StringType, []attr.Value{})
	// The prior: a configuration with a graph, alerts with [] and two parents.
	prior := flowModel{
		ProjectID: types.StringValue("FP-1"), Region: types.StringValue("cn-hangzhou"), Description: types.StringValue(""),
		ParentFlowIDs: stringSet("F-A", "F-B"), GraphJSON: jsontypes.NewNormalizedNull(),
		Graph: graphOf(map[string]types.Object{
			"s": nodeObj("START", []string{}, map[string]attr.Value{"x": types.Float64Value(500), "y": types.Float64Value(100)}),
			"j": nodeObj("JOB", []string{"s"}, map[string]attr.Value{"job_id": types.StringValue("FJ-1"), "job_type": types.StringValue("SHELL"),
				"x": types.Float64Value(500), "y": types.Float64Value(200)}),
			"e": nodeObj("END", []string{"j"}, map[string]attr.Value{"x": types.Float64Value(500), "y": types.Float64Value(300)}),
		}),
		Alerts: alertSet(t,
			alertModel{EventID: types.StringValue("EMR-210401001"), Enabled: types.BoolValue(true), UserGroupIDs: stringSet("AUG-1", "AUG-2"), DingDingGroupIDs: emptySet},
			alertModel{EventID: types.StringValue("EMR-110401002"), Enabled: types.BoolValue(false), UserGroupIDs: emptySet, DingDingGroupIDs: emptySet}),
	}
	base := emrapi.Flow{
		ID: "F-1", Name: "n", Description: "", ClusterID: "C-1", Status: "STOP_SCHEDULE", Type: "EMR",
		ParentFlowIDs: []string{"F-A", "F-B"},
		Graph: `{"nodes":[{"id":"e","index":0,"attribute":{"type":"END"},"shape":"endControlNode","type":"node","x":500,"y":300,"size":"80*34"},` +
			`{"id":"j","index":1,"attribute":{"type":"JOB","jobType":"SHELL","jobId":"FJ-1"},"config":{"hostName":""},"shape":"shellJobNode","type":"node","x":500,"y":200,"size":"170*34"},` +
			`{"id":"s","index":2,"attribute":{"type":"START"},"shape":"startControlNode","type":"node","x":500,"y":100,"size":"80*34"}],` +
			`"edges":[{"id":"a1","index":3,"source":"j","sourceAnchor":0,"target":"e","targetAnchor":0},{"id":"a2","index":4,"source":"s","sourceAnchor":0,"target":"j","targetAnchor":0}]}`,
		AlertConf: `{"items":[{"enable":false,"eventId":"EMR-110401002","alertUserGroupIdList":[],"alertDingDingGroupList":[]},` +
			`{"enable":true,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-1","AUG-2"],"alertDingDingGroupList":[]}]}`,
	}
	var want flowModel
	if d := flattenFlow(ctx, &base, &prior, "cn-hangzhou", &want); d.HasError() {
		t.Fatal(d)
	}
	// What the configuration wrote reads back as written (the other attributes are not in prior).
	for _, c := range []string{"parent_flow_ids", "graph", "alert", "description"} {
		for _, d := range sameModel(want, prior) {
			if strings.HasPrefix(d, c+":") {
				t.Errorf("the emulator's answer does not read back as the configuration: %s", d)
			}
		}
	}

	variants := map[string]func(f *emrapi.Flow){
		"type FLOW instead of EMR, extra fields ignored": func(f *emrapi.Flow) { f.Type = "FLOW"; f.Lifecycle = "ONLINE"; f.GmtCreate = 7 },
		"parents reordered": func(f *emrapi.Flow) { f.ParentFlowIDs = []string{"F-B", "F-A"} },
		"graph items reordered, keys reordered, no index": func(f *emrapi.Flow) {
			f.Graph = `{"edges":[{"target":"j","source":"s"},{"source":"j","target":"e"}],"nodes":[` +
				`{"type":"node","attribute":{"jobId":"FJ-1","type":"JOB","jobType":"SHELL"},"y":200,"x":500,"id":"j"},` +
				`{"id":"s","x":500,"y":100,"attribute":{"type":"START"}},{"id":"e","attribute":{"type":"END"},"x":500,"y":300}]}`
		},
		"graph numbers as strings, UI fields, unknown fields, empty label": func(f *emrapi.Flow) {
			f.Graph = `{"zoom":"1","nodes":[{"id":"s","index":"0","spmAnchorId":"0.0.0.i0","attribute":{"type":"START"},"label":"","x":"500","y":"100","extra":{"a":1}},` +
				`{"id":"j","index":"1","attribute":{"type":"JOB","jobType":"SHELL","jobId":"FJ-1","color":"red"},"config":{"hostName":"","queue":"q"},"x":"500.0","y":"2e2"},` +
				`{"id":"e","index":"2","attribute":{"type":"END"},"config":{},"x":500,"y":300}],` +
				`"edges":[{"id":"x","index":"3","source":"s","target":"j","sourceAnchor":"1"},{"id":"y","index":"4","source":"j","target":"e"},{"id":"z","source":"j","target":"e"}]}`
		},
		"alerts reordered, lists omitted or null, enable as a string, extra keys": func(f *emrapi.Flow) {
			f.AlertConf = `{"version":2,"items":[{"eventId":"EMR-210401001","enable":"true","alertUserGroupIdList":["AUG-2","AUG-1"],"alertDingDingGroupList":null,"x":1},` +
				`{"eventId":"EMR-110401002","enable":"false"}]}`
		},
		"schedule fields defaulted to zero, empty strings": func(f *emrapi.Flow) {
			f.CronExpr, f.HostName, f.Namespace, f.LogArchiveLocation, f.CategoryID = "", "", "", "", ""
			f.StartSchedule, f.EndSchedule = 0, 0
		},
		"description omitted": func(f *emrapi.Flow) { f.Description = "" },
		"project id returned": func(f *emrapi.Flow) { f.ProjectID = "FP-1" },
	}
	for name, change := range variants {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := base
			f.ParentFlowIDs = slices.Clone(base.ParentFlowIDs)
			change(&f)
			var got flowModel
			if d := flattenFlow(ctx, &f, &prior, "cn-hangzhou", &got); d.HasError() || d.WarningsCount() > 0 {
				t.Fatalf("flattenFlow: %v", d)
			}
			if diff := sameModel(got, want); len(diff) > 0 {
				t.Errorf("state differs from the emulator's answer's: %v", diff)
			}
			// Read again with that state as the prior (the next refresh): still the same.
			var again flowModel
			flattenFlow(ctx, &f, &got, "cn-hangzhou", &again)
			if diff := sameModel(again, want); len(diff) > 0 {
				t.Errorf("second refresh differs: %v", diff)
			}
		})
	}
}

// as asserts a value's type, failing the test instead of panicking.
func as[T any](t *testing.T, v any) T {
	t.Helper()
	out, ok := v.(T)
	if !ok {
		t.Fatalf("%v is %T, want %T", v, v, out)
	}
	return out
}

// TestFlattenFlowImportIgnoresServerOrder: an import has no prior to borrow an order from, so
// the state must come from what the answer means alone. The same flow answered with nodes,
// edges, alert items, group ids and parents in two orders (as the emulator's shuffled profile
// does) must give the same state, or ImportStateVerify and the first plan after an import show
// a difference that is not there.
func TestFlattenFlowImportIgnoresServerOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	imported := flowModel{ProjectID: types.StringValue("FP-1"), ID: types.StringValue("F-1"), Region: types.StringNull(),
		Graph: types.ObjectNull(graphAttrTypes), GraphJSON: jsontypes.NewNormalizedNull(),
		ParentFlowIDs: types.SetNull(types.StringType), Alerts: types.SetNull(alertObjectType)}
	node := func(id, typ, extra string, i int) string {
		return fmt.Sprintf(`{"id":%q,"index":%d,"attribute":{"type":%q%s},"x":%d,"y":%d}`, id, i, typ, extra, 100+i, 200+10*i)
	}
	nodes := []string{node("s", "START", "", 0), node("a", "JOB", `,"jobType":"SHELL","jobId":"FJ-1"`, 1),
		node("b", "JOB", `,"jobType":"SHELL","jobId":"FJ-2"`, 2), node("e", "END", "", 3)}
	edges := []string{`{"source":"s","target":"a"}`, `{"source":"s","target":"b"}`, `{"source":"a","target":"e"}`,
		`{"source":"b","target":"e"}`}
	items := []string{`{"enable":true,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-1","AUG-2"],"alertDingDingGroupList":["ADG-1"]}`,
		`{"enable":false,"eventId":"EMR-110401002","alertUserGroupIdList":["AUG-3"],"alertDingDingGroupList":[]}`}
	answer := func(nodes, edges, items []string, parents ...string) *emrapi.Flow {
		return &emrapi.Flow{ID: "F-1", ProjectID: "FP-1", Name: "n", ClusterID: "C-1", Status: "STOP_SCHEDULE",
			ParentFlowIDs: parents,
			Graph:         `{"nodes":[` + strings.Join(nodes, ",") + `],"edges":[` + strings.Join(edges, ",") + `]}`,
			AlertConf:     `{"items":[` + strings.Join(items, ",") + `]}`}
	}
	reversed := func(s []string) []string { r := slices.Clone(s); slices.Reverse(r); return r }
	reversedItems := reversed(items)
	reversedItems[1] = strings.Replace(reversedItems[1], `["AUG-1","AUG-2"]`, `["AUG-2","AUG-1"]`, 1)

	var first, second flowModel
	if d := flattenFlow(ctx, answer(nodes, edges, items, "F-A", "F-B"), &imported, "cn-hangzhou", &first); d.HasError() || d.WarningsCount() > 0 {
		t.Fatalf("flattenFlow: %v", d)
	}
	if d := flattenFlow(ctx, answer(reversed(nodes), reversed(edges), reversedItems, "F-B", "F-A"), &imported, "cn-hangzhou", &second); d.HasError() || d.WarningsCount() > 0 {
		t.Fatalf("flattenFlow, reversed answer: %v", d)
	}
	if diff := sameModel(first, second); len(diff) > 0 {
		t.Errorf("the server's order shows in the imported state: %v", diff)
	}
	if got := graphNodes(t, first.Graph); len(got) != 4 || !got["e"]["depends_on"].Equal(stringSet("a", "b")) {
		t.Errorf("imported graph = %v, want 4 nodes, e after a and b", got)
	}
}
