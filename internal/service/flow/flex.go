package flow

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// expandFlowInput turns a planned flow into the whole desired state the API takes. Every value
// must be known (it is, at apply time) except node coordinates, which the auto-layout fills.
// serverGraph is the graph the server held when last read (nil on create): the planned graph is
// merged into it (graph.Merge), so that an update keeps what the model does not hold.
func expandFlowInput(ctx context.Context, m *flowModel, serverGraph []byte) (emrapi.FlowInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := emrapi.FlowInput{
		ProjectID:     m.ProjectID.ValueString(),
		Name:          m.Name.ValueString(),
		Description:   m.Description.ValueString(),
		ClusterID:     m.ClusterID.ValueString(),
		CreateCluster: m.CreateCluster.ValueBool(),
		CronExpr:      m.CronExpr.ValueString(),
		// Periodic follows the schedule: a flow with a cron expression runs on it (ModifyFlow's
		// page lists Periodic as an input without saying more; the server's own value, read back
		// into periodic, agrees with this in every answer we have seen).
		Periodic:           m.CronExpr.ValueString() != "",
		StartSchedule:      m.StartSchedule.ValueInt64(),
		EndSchedule:        m.EndSchedule.ValueInt64(),
		HostName:           m.HostName.ValueString(),
		ParentCategory:     m.ParentCategoryID.ValueString(),
		Namespace:          m.Namespace.ValueString(),
		LogArchiveLocation: m.LogArchiveLocation.ValueString(),
	}
	// A status is sent only when it is known: configured, or kept from the state by the plan
	// modifier. An unknown one is left to the server.
	if !m.Status.IsNull() && !m.Status.IsUnknown() {
		in.Status = m.Status.ValueString()
	}

	ids, d := flex.ExpandStringSet(ctx, m.ParentFlowIDs)
	diags.Append(d...)
	in.ParentFlowIDs = ids

	switch {
	case !m.Graph.IsNull():
		cg := expandGraph(m.Graph)
		if cg.StructureUnknown || cg.hasUnknownBesidesCoordinates() {
			diags.AddAttributeError(path.Root("graph"), "Graph not known at apply time",
				"Some value of the graph block is still unknown while the flow is being written. This is a bug in the provider; please report it.")
			return in, diags
		}
		graph.Layout(cg.Graph) // a no-op when the plan placed every node, as it normally does
		// Written over the server's last graph, so that what the model does not hold survives.
		b, err := graph.Merge(serverGraph, cg.Graph)
		if err != nil {
			diags.AddAttributeError(path.Root("graph"), "Cannot encode the graph", err.Error())
			return in, diags
		}
		in.Graph = string(b)
	case !m.GraphJSON.IsNull() && !m.GraphJSON.IsUnknown():
		in.Graph = m.GraphJSON.ValueString()
		// While graph_json means what the server holds, the server's own document goes back, with
		// whatever the console added to it.
		if len(serverGraph) > 0 && sameGraph(in.Graph, string(serverGraph)) {
			in.Graph = string(serverGraph)
		}
	}

	conf, d := expandAlerts(ctx, m.Alerts)
	diags.Append(d...)
	in.AlertConf = conf
	return in, diags
}

// flattenFlow writes what the server holds into m. prior is what the caller knew before (the plan
// after a write, the state on refresh): it decides the order of nodes and edges, whether the graph
// is shown as a block or as JSON, and keeps a JSON graph's spelling while it means the same.
func flattenFlow(_ context.Context, f *emrapi.Flow, prior *flowModel, region string, m *flowModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(f.ID)
	m.ProjectID = prior.ProjectID
	if f.ProjectID != "" {
		m.ProjectID = types.StringValue(f.ProjectID)
	}
	m.Region = prior.Region
	if m.Region.IsNull() || m.Region.IsUnknown() {
		m.Region = types.StringValue(region)
	}
	m.Name = types.StringValue(f.Name)
	m.Description = types.StringValue(f.Description)
	m.ClusterID = types.StringValue(f.ClusterID)
	m.CreateCluster = types.BoolValue(f.CreateCluster)
	m.CronExpr = flex.StringOrNull(f.CronExpr)
	m.StartSchedule = flex.Int64OrNull(f.StartSchedule)
	m.EndSchedule = flex.Int64OrNull(f.EndSchedule)
	if f.EndSchedule == vocab.NoEndSchedule && prior.EndSchedule.IsNull() {
		// The server's "no end" for a flow written without one: still no end_schedule, as
		// written (else the apply that scheduled it would end in an inconsistent result).
		m.EndSchedule = types.Int64Null()
	}
	m.HostName = flex.StringOrNull(f.HostName)
	m.ParentCategoryID = flex.StringOrNull(f.CategoryID)
	m.Status = flex.StringOrNull(f.Status)
	m.Periodic = types.BoolValue(f.Periodic)
	m.Namespace = flex.StringOrNull(f.Namespace)
	m.LogArchiveLocation = flex.StringOrNull(f.LogArchiveLocation)
	m.Timeouts = prior.Timeouts

	parents, d := flex.FlattenStringSet(f.ParentFlowIDs)
	diags.Append(d...)
	if len(f.ParentFlowIDs) == 0 && flex.Known(prior.ParentFlowIDs) && len(prior.ParentFlowIDs.Elements()) == 0 {
		parents = prior.ParentFlowIDs // `[]` in the configuration: none, shown as written
	}
	m.ParentFlowIDs = parents

	g, jsonGraph, d := flattenGraphOrJSON(f.Graph, prior)
	diags.Append(d...)
	m.Graph, m.GraphJSON = g, jsonGraph

	alerts, err := flattenAlerts(f.AlertConf)
	if err != nil {
		diags.AddAttributeError(path.Root("alert"), "Cannot read the flow's alert configuration",
			fmt.Sprintf("The server returned an AlertConf that is not {\"items\":[...]}: %s", err))
	}
	m.Alerts = alerts
	return diags
}

// flattenGraphOrJSON decides how the server's graph shows in state. A configuration that uses
// graph_json keeps it (with its own spelling while the server's graph means the same); otherwise
// the graph becomes the typed block. A graph the keyed model cannot hold (it does not decode, two
// nodes share an id, an edge ends at no node) is shown as graph_json, so that an import never
// fails on it and nothing is silently dropped.
func flattenGraphOrJSON(server string, prior *flowModel) (types.Object, jsontypes.Normalized, diag.Diagnostics) {
	var diags diag.Diagnostics
	noGraph := types.ObjectNull(graphAttrTypes)
	usesJSON := !prior.GraphJSON.IsNull() && prior.Graph.IsNull()

	if usesJSON {
		if strings.TrimSpace(server) == "" {
			return noGraph, jsontypes.NewNormalizedNull(), diags
		}
		if !prior.GraphJSON.IsUnknown() && sameGraph(prior.GraphJSON.ValueString(), server) {
			return noGraph, prior.GraphJSON, diags
		}
		if g, err := graph.Decode([]byte(server)); err == nil && len(g.Nodes) == 0 && len(g.Edges) == 0 {
			// A server may answer a flow without a graph with an empty one ({"nodes":[],"edges":[]},
			// the defaults profile): no graph, as "" is, and as the typed path below reads it.
			return noGraph, jsontypes.NewNormalizedNull(), diags
		}
		return noGraph, jsontypes.NewNormalizedValue(server), diags
	}

	g, err := graph.Decode([]byte(server))
	var deps map[string][]string
	if err == nil {
		deps, err = graph.Dependencies(g)
	}
	if err != nil {
		diags.AddAttributeWarning(path.Root("graph"), "Graph shown as graph_json",
			fmt.Sprintf("The flow's graph cannot be read as a typed graph block (%s); it is shown as graph_json instead.", err))
		return noGraph, jsontypes.NewNormalizedValue(server), diags
	}
	if len(g.Nodes) == 0 && len(g.Edges) == 0 {
		return noGraph, jsontypes.NewNormalizedNull(), diags
	}
	return flattenGraph(g, deps, prior.Graph), jsontypes.NewNormalizedNull(), diags
}

// flattenFlowData turns a flow read from the server into the emrflow_flow data source's state,
// through flattenFlow, so that a data source and a resource reading the same flow agree. Nothing
// prior is known: the graph is shown as the server holds it (graph_json, null when there is none),
// an empty list of parents or groups as null, and the alerts as a list sorted by event id.
func flattenFlowData(ctx context.Context, f *emrapi.Flow, region string) (*flowDataModel, diag.Diagnostics) {
	prior := flowModel{
		ProjectID:     types.StringValue(f.ProjectID),
		Region:        types.StringNull(),
		ParentFlowIDs: types.SetNull(types.StringType),
		Graph:         types.ObjectNull(graphAttrTypes),
		GraphJSON:     jsontypes.NewNormalizedUnknown(), // shown as JSON, and never kept from a prior
		Alerts:        types.SetNull(alertObjectType),
	}
	var r flowModel
	diags := flattenFlow(ctx, f, &prior, region, &r)
	alerts, d := sortedAlerts(ctx, r.Alerts)
	diags.Append(d...)
	return &flowDataModel{
		ID: r.ID, ProjectID: r.ProjectID, Name: r.Name, Region: r.Region, Description: r.Description,
		ClusterID: r.ClusterID, CreateCluster: r.CreateCluster, CronExpr: r.CronExpr,
		StartSchedule: r.StartSchedule, EndSchedule: r.EndSchedule, HostName: r.HostName,
		ParentFlowIDs: r.ParentFlowIDs, ParentCategoryID: r.ParentCategoryID, GraphJSON: r.GraphJSON,
		Alerts: alerts, Status: r.Status, Periodic: r.Periodic, Namespace: r.Namespace,
		LogArchiveLocation: r.LogArchiveLocation,
		GmtCreate:          types.Int64Value(f.GmtCreate), GmtModified: types.Int64Value(f.GmtModified),
	}, diags
}

// sortedAlerts turns the alert set into a list sorted by event id (event ids are unique), so that
// alerts can be picked by index in a stable order. No alerts is an empty list, not a null one.
func sortedAlerts(ctx context.Context, set types.Set) (types.List, diag.Diagnostics) {
	empty := types.ListValueMust(alertObjectType, []attr.Value{})
	var alerts []alertModel
	diags := set.ElementsAs(ctx, &alerts, false)
	if diags.HasError() || len(alerts) == 0 {
		return empty, diags // a nil slice would give a null list
	}
	slices.SortFunc(alerts, func(a, b alertModel) int {
		return strings.Compare(a.EventID.ValueString(), b.EventID.ValueString())
	})
	list, d := types.ListValueFrom(ctx, alertObjectType, alerts)
	diags.Append(d...)
	return list, diags
}

// configGraph is a graph block read from a configuration or plan, where values may be unknown.
type configGraph struct {
	Graph *graph.Graph // from graph.FromKeyed: nodes in id order
	// StructureUnknown is true when the node map, a node's type or its depends_on is unknown:
	// the graph can then be neither validated nor laid out.
	StructureUnknown bool
	// Unknown holds the other values that are unknown; issues about them are not reported yet.
	Unknown map[nodeField]bool
}

// nodeField names one attribute of one node.
type nodeField struct{ ID, Field string }

func (cg *configGraph) hasUnknownBesidesCoordinates() bool {
	for p := range cg.Unknown {
		if p.Field != "x" && p.Field != "y" {
			return true
		}
	}
	return false
}

// expandGraph reads the graph block; nil when there is none. It reads the values directly (no
// reflection into structs): this runs on every plan of a flow with a graph.
func expandGraph(obj types.Object) *configGraph {
	if obj.IsNull() {
		return nil
	}
	cg := &configGraph{Graph: &graph.Graph{}, Unknown: map[nodeField]bool{}}
	nodes, ok := obj.Attributes()["nodes"].(types.Map)
	if obj.IsUnknown() || !ok || nodes.IsUnknown() {
		cg.StructureUnknown = true
		return cg
	}
	elems := nodes.Elements()
	keyed := make(map[string]graph.KeyedNode, len(elems))
	for id, v := range elems {
		o, ok := v.(types.Object)
		if !ok || o.IsUnknown() {
			cg.StructureUnknown = true
			return cg
		}
		a := o.Attributes()
		typ := attrString(a, "type")
		deps, _ := a["depends_on"].(types.Set)
		if typ.IsUnknown() || deps.IsUnknown() {
			cg.StructureUnknown = true
			return cg
		}
		kn := graph.KeyedNode{Node: graph.Node{ID: id, Type: typ.ValueString()}}
		for _, d := range deps.Elements() {
			ds, _ := d.(types.String)
			if ds.IsUnknown() {
				cg.StructureUnknown = true
				return cg
			}
			kn.DependsOn = append(kn.DependsOn, ds.ValueString())
		}
		str := func(field string) string {
			v := attrString(a, field)
			if v.IsUnknown() {
				cg.Unknown[nodeField{id, field}] = true
			}
			return v.ValueString()
		}
		coord := func(field string) *float64 {
			v, _ := a[field].(types.Float64)
			if v.IsUnknown() {
				cg.Unknown[nodeField{id, field}] = true
			}
			return flex.KnownFloat(v) // nil when null or unknown: to be placed by the layout
		}
		kn.Label, kn.JobID, kn.JobType, kn.HostName = str("label"), str("job_id"), str("job_type"), str("host_name")
		kn.X, kn.Y = coord("x"), coord("y")
		keyed[id] = kn
	}
	cg.Graph = graph.FromKeyed(keyed)
	return cg
}

// attrString returns a string attribute of an object (null when it is missing).
func attrString(a map[string]attr.Value, name string) types.String {
	v, _ := a[name].(types.String)
	return v
}

// flattenGraph builds the graph block from a graph read from the server and the dependencies of
// its nodes. A node without dependencies shows depends_on as the prior state or plan wrote it
// (`[]` or unset), so that neither form makes a diff.
func flattenGraph(g *graph.Graph, deps map[string][]string, prior types.Object) types.Object {
	var priorNodes map[string]attr.Value
	if !prior.IsNull() && !prior.IsUnknown() {
		if m, ok := prior.Attributes()["nodes"].(types.Map); ok && !m.IsUnknown() {
			priorNodes = m.Elements()
		}
	}
	elems := make(map[string]attr.Value, len(g.Nodes))
	for i := range g.Nodes {
		n := &g.Nodes[i]
		dependsOn := types.SetNull(types.StringType)
		if d := deps[n.ID]; len(d) > 0 {
			vals := make([]attr.Value, len(d))
			for k, id := range d {
				vals[k] = types.StringValue(id)
			}
			dependsOn = types.SetValueMust(types.StringType, vals)
		} else if po, ok := priorNodes[n.ID].(types.Object); ok && !po.IsNull() && !po.IsUnknown() {
			if ps, ok := po.Attributes()["depends_on"].(types.Set); ok && !ps.IsNull() && !ps.IsUnknown() && len(ps.Elements()) == 0 {
				dependsOn = ps
			}
		}
		elems[n.ID] = types.ObjectValueMust(nodeAttrTypes, map[string]attr.Value{
			"type":       types.StringValue(n.Type),
			"label":      flex.StringOrNull(n.Label),
			"job_id":     flex.StringOrNull(n.JobID),
			"job_type":   flex.StringOrNull(n.JobType),
			"host_name":  flex.StringOrNull(n.HostName),
			"x":          types.Float64PointerValue(n.X),
			"y":          types.Float64PointerValue(n.Y),
			"depends_on": dependsOn,
		})
	}
	// layout is the configuration's alone (the server has no such field): kept from the prior.
	layout := graphLayout(prior)
	if layout.IsUnknown() {
		layout = types.StringNull()
	}
	return graphValue(types.MapValueMust(nodeObjectType, elems), layout)
}

// alertConf is the JSON of the AlertConf parameter.
type alertConf struct {
	Items []alertItem `json:"items"`
}

type alertItem struct {
	Enable                 looseBool `json:"enable"`
	EventID                string    `json:"eventId"`
	AlertUserGroupIDList   []string  `json:"alertUserGroupIdList"`
	AlertDingDingGroupList []string  `json:"alertDingDingGroupList"`
}

// expandAlerts renders the alert blocks as AlertConf; no block gives "" (no alerts). Items are
// sorted by event id and group ids sorted, so that the same set always gives the same text.
func expandAlerts(ctx context.Context, set types.Set) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if set.IsNull() || set.IsUnknown() || len(set.Elements()) == 0 {
		return "", diags
	}
	var alerts []alertModel
	diags.Append(set.ElementsAs(ctx, &alerts, false)...)
	if diags.HasError() {
		return "", diags
	}
	conf := alertConf{Items: make([]alertItem, 0, len(alerts))}
	for _, a := range alerts {
		users, d := flex.ExpandStringSet(ctx, a.UserGroupIDs)
		diags.Append(d...)
		dings, d := flex.ExpandStringSet(ctx, a.DingDingGroupIDs)
		diags.Append(d...)
		conf.Items = append(conf.Items, alertItem{
			Enable:                 looseBool(a.Enabled.IsNull() || a.Enabled.ValueBool()), // enabled defaults to true
			EventID:                a.EventID.ValueString(),
			AlertUserGroupIDList:   nonNil(users),
			AlertDingDingGroupList: nonNil(dings),
		})
	}
	slices.SortFunc(conf.Items, func(a, b alertItem) int { return strings.Compare(a.EventID, b.EventID) })
	b, err := json.Marshal(conf)
	if err != nil {
		diags.AddAttributeError(path.Root("alert"), "Cannot encode the alerts", err.Error())
		return "", diags
	}
	return string(b), diags
}

// flattenAlerts reads AlertConf into alert blocks. "" and {"items":[]} are no alerts; an empty
// or missing group list is [], as the schema plans an unset one, so that `[]`, unset and the
// server's empty list are one value (an alert block is a set element: any difference would
// re-create it).
func flattenAlerts(conf string) (types.Set, error) {
	empty := types.SetValueMust(alertObjectType, []attr.Value{})
	if strings.TrimSpace(conf) == "" {
		return empty, nil
	}
	var c alertConf
	if err := json.Unmarshal([]byte(conf), &c); err != nil {
		return empty, err
	}
	groups := func(items []string) types.Set {
		if len(items) == 0 {
			return types.SetValueMust(types.StringType, []attr.Value{})
		}
		set, _ := flex.FlattenStringSet(items)
		return set
	}
	elems := make([]attr.Value, 0, len(c.Items))
	for _, it := range c.Items {
		elems = append(elems, types.ObjectValueMust(alertAttrTypes, map[string]attr.Value{
			"event_id":           types.StringValue(it.EventID),
			"enabled":            types.BoolValue(bool(it.Enable)),
			"user_group_ids":     groups(it.AlertUserGroupIDList),
			"dingding_group_ids": groups(it.AlertDingDingGroupList),
		}))
	}
	set, d := types.SetValue(alertObjectType, elems)
	if d.HasError() {
		return empty, fmt.Errorf("building the alert set: %v", d)
	}
	return set, nil
}

// looseBool is a JSON boolean that a server may also write as a string ("true") or leave null
// (false): what AlertConf's "enable" plausibly comes back as.
type looseBool bool

func (b *looseBool) UnmarshalJSON(raw []byte) error {
	s := strings.Trim(string(raw), `"`)
	switch strings.ToLower(s) {
	case "true", "1":
		*b = true
	case "false", "0", "", "null":
		*b = false
	default:
		return fmt.Errorf("enable: want a boolean, got %s", raw)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
