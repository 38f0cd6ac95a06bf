package flow

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// expandFlowInput turns a planned flow into the whole desired state the API takes. Every value
// must be known (it is, at apply time) except node coordinates, which the auto-layout fills.
func expandFlowInput(ctx context.Context, m *flowModel) (emrapi.FlowInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := emrapi.FlowInput{
		ProjectID:          m.ProjectID.ValueString(),
		RegionID:           m.Region.ValueString(),
		Name:               m.Name.ValueString(),
		Description:        m.Description.ValueString(),
		ClusterID:          m.ClusterID.ValueString(),
		CreateCluster:      m.CreateCluster.ValueBool(),
		CronExpr:           m.CronExpr.ValueString(),
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

	ids, d := expandStringSet(ctx, m.ParentFlowIDs)
	diags.Append(d...)
	in.ParentFlowIDs = ids

	switch {
	case len(m.Graph.Elements()) > 0:
		cg, d := expandGraphList(ctx, m.Graph)
		diags.Append(d...)
		if diags.HasError() {
			return in, diags
		}
		if cg.StructureUnknown || cg.hasUnknownBesidesCoordinates() {
			diags.AddAttributeError(path.Root("graph"), "Graph not known at apply time",
				"Some value of the graph block is still unknown while the flow is being written. This is a bug in the provider; please report it.")
			return in, diags
		}
		graph.Layout(cg.Graph) // a no-op when the plan placed every node, as it normally does
		b, err := graph.Encode(cg.Graph)
		if err != nil {
			diags.AddAttributeError(path.Root("graph"), "Cannot encode the graph", err.Error())
			return in, diags
		}
		in.Graph = string(b)
	case !m.GraphJSON.IsNull() && !m.GraphJSON.IsUnknown():
		in.Graph = m.GraphJSON.ValueString()
	}

	conf, d := expandAlerts(ctx, m.Alerts)
	diags.Append(d...)
	in.AlertConf = conf
	return in, diags
}

// flattenFlow writes what the server holds into m. prior is what the caller knew before (the plan
// after a write, the state on refresh): it decides the order of nodes and edges, whether the graph
// is shown as a block or as JSON, and keeps a JSON graph's spelling while it means the same.
func flattenFlow(ctx context.Context, f *emrapi.Flow, prior *flowModel, region string, m *flowModel) diag.Diagnostics {
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
	m.StartSchedule = int64OrNull(f.StartSchedule)
	m.EndSchedule = int64OrNull(f.EndSchedule)
	m.HostName = flex.StringOrNull(f.HostName)
	m.ParentCategoryID = flex.StringOrNull(f.CategoryID)
	m.Status = flex.StringOrNull(f.Status)
	m.Periodic = types.BoolValue(f.Periodic)
	m.Namespace = flex.StringOrNull(f.Namespace)
	m.LogArchiveLocation = flex.StringOrNull(f.LogArchiveLocation)
	m.Timeouts = prior.Timeouts

	parents, d := flattenStringSet(f.ParentFlowIDs)
	diags.Append(d...)
	m.ParentFlowIDs = parents

	g, jsonGraph, d := flattenGraphOrJSON(ctx, f.Graph, prior)
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
// the graph becomes the typed block, in the prior order. A graph the typed model cannot hold (it
// does not decode) is shown as graph_json, so that an import never fails on it.
func flattenGraphOrJSON(ctx context.Context, server string, prior *flowModel) (types.List, jsontypes.Normalized, diag.Diagnostics) {
	var diags diag.Diagnostics
	emptyGraph := types.ListValueMust(graphObjectType, []attr.Value{})
	usesJSON := !prior.GraphJSON.IsNull() && len(prior.Graph.Elements()) == 0

	if usesJSON {
		if strings.TrimSpace(server) == "" {
			return emptyGraph, jsontypes.NewNormalizedNull(), diags
		}
		if !prior.GraphJSON.IsUnknown() {
			if same, err := graph.SemanticallyEqual([]byte(prior.GraphJSON.ValueString()), []byte(server)); err == nil && same {
				return emptyGraph, prior.GraphJSON, diags
			}
		}
		return emptyGraph, jsontypes.NewNormalizedValue(server), diags
	}

	g, err := graph.Decode([]byte(server))
	if err != nil {
		diags.AddAttributeWarning(path.Root("graph"), "Graph shown as graph_json",
			fmt.Sprintf("The flow's graph cannot be read as a typed graph block (%s); it is shown as graph_json instead.", err))
		return emptyGraph, jsontypes.NewNormalizedValue(server), diags
	}
	if len(g.Nodes) == 0 && len(g.Edges) == 0 {
		return emptyGraph, jsontypes.NewNormalizedNull(), diags
	}
	list, d := flattenGraph(ctx, g, prior.Graph)
	diags.Append(d...)
	return list, jsontypes.NewNormalizedNull(), diags
}

// configGraph is a graph block read from a configuration or plan, where values may be unknown.
type configGraph struct {
	Graph *graph.Graph
	// StructureUnknown is true when the node list, the edge list, a node's id or type, or an
	// edge's end is unknown: the graph can then be neither validated nor laid out.
	StructureUnknown bool
	// Unknown holds the paths, as graph.Issue.Path() spells them ("node[2].job_id"), of the
	// other values that are unknown; issues about them are not reported yet.
	Unknown map[string]bool
}

func (cg *configGraph) hasUnknownBesidesCoordinates() bool {
	for p := range cg.Unknown {
		if !strings.HasSuffix(p, ".x") && !strings.HasSuffix(p, ".y") {
			return true
		}
	}
	return false
}

// expandGraphList reads the (at most one) graph block. It returns nil when there is none.
func expandGraphList(ctx context.Context, list types.List) (*configGraph, diag.Diagnostics) {
	var diags diag.Diagnostics
	if list.IsNull() {
		return nil, diags
	}
	if list.IsUnknown() {
		return &configGraph{Graph: &graph.Graph{}, StructureUnknown: true}, diags
	}
	var blocks []graphModel
	diags.Append(list.ElementsAs(ctx, &blocks, false)...)
	if diags.HasError() || len(blocks) == 0 {
		return nil, diags
	}
	return expandGraphModel(ctx, blocks[0])
}

func expandGraphModel(ctx context.Context, gm graphModel) (*configGraph, diag.Diagnostics) {
	var diags diag.Diagnostics
	cg := &configGraph{Graph: &graph.Graph{}, Unknown: map[string]bool{}}
	if gm.Nodes.IsUnknown() || gm.Edges.IsUnknown() {
		cg.StructureUnknown = true
		return cg, diags
	}
	var nodes []nodeModel
	var edges []edgeModel
	diags.Append(gm.Nodes.ElementsAs(ctx, &nodes, false)...)
	diags.Append(gm.Edges.ElementsAs(ctx, &edges, false)...)
	if diags.HasError() {
		return cg, diags
	}
	cg.Graph.Nodes = make([]graph.Node, len(nodes))
	for i, n := range nodes {
		if n.ID.IsUnknown() || n.Type.IsUnknown() {
			cg.StructureUnknown = true
		}
		at := "node[" + strconv.Itoa(i) + "]."
		str := func(field string, v types.String) string {
			if v.IsUnknown() {
				cg.Unknown[at+field] = true
			}
			return v.ValueString()
		}
		coord := func(field string, v types.Float64) *float64 {
			if v.IsUnknown() {
				cg.Unknown[at+field] = true
			}
			return knownFloat(v) // nil when null or unknown: to be placed by the layout
		}
		cg.Graph.Nodes[i] = graph.Node{
			ID:       n.ID.ValueString(),
			Type:     n.Type.ValueString(),
			Label:    str("label", n.Label),
			JobID:    str("job_id", n.JobID),
			JobType:  str("job_type", n.JobType),
			HostName: str("host_name", n.HostName),
			X:        coord("x", n.X),
			Y:        coord("y", n.Y),
		}
	}
	cg.Graph.Edges = make([]graph.Edge, len(edges))
	for j, e := range edges {
		if e.Source.IsUnknown() || e.Target.IsUnknown() {
			cg.StructureUnknown = true
		}
		cg.Graph.Edges[j] = graph.Edge{Source: e.Source.ValueString(), Target: e.Target.ValueString()}
	}
	return cg, diags
}

// flattenGraph builds the graph block from a graph read from the server. Nodes and edges that the
// prior block has keep its order (matched by node id, and by source and target); new ones follow
// in the server's order. The server is free to reorder them, the configuration's order is what
// the user reads.
func flattenGraph(ctx context.Context, g *graph.Graph, prior types.List) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	var priorNodeIDs []string
	var priorEdges []graph.Edge
	if !prior.IsNull() && !prior.IsUnknown() {
		var blocks []graphModel
		diags.Append(prior.ElementsAs(ctx, &blocks, false)...)
		if len(blocks) > 0 {
			var nodes []nodeModel
			var edges []edgeModel
			if !blocks[0].Nodes.IsNull() && !blocks[0].Nodes.IsUnknown() {
				diags.Append(blocks[0].Nodes.ElementsAs(ctx, &nodes, false)...)
			}
			if !blocks[0].Edges.IsNull() && !blocks[0].Edges.IsUnknown() {
				diags.Append(blocks[0].Edges.ElementsAs(ctx, &edges, false)...)
			}
			for _, n := range nodes {
				priorNodeIDs = append(priorNodeIDs, n.ID.ValueString())
			}
			for _, e := range edges {
				priorEdges = append(priorEdges, graph.Edge{Source: e.Source.ValueString(), Target: e.Target.ValueString()})
			}
		}
	}
	if diags.HasError() {
		return types.ListNull(graphObjectType), diags
	}

	nodeOrder := orderLike(g.Nodes, priorNodeIDs, func(n graph.Node) string { return n.ID })
	edgeOrder := orderLike(g.Edges, priorEdges, func(e graph.Edge) graph.Edge { return e })

	nodes := make([]attr.Value, 0, len(g.Nodes))
	for _, i := range nodeOrder {
		n := g.Nodes[i]
		nodes = append(nodes, types.ObjectValueMust(nodeAttrTypes, map[string]attr.Value{
			"id":        types.StringValue(n.ID),
			"type":      types.StringValue(n.Type),
			"label":     flex.StringOrNull(n.Label),
			"job_id":    flex.StringOrNull(n.JobID),
			"job_type":  flex.StringOrNull(n.JobType),
			"host_name": flex.StringOrNull(n.HostName),
			"x":         types.Float64PointerValue(n.X),
			"y":         types.Float64PointerValue(n.Y),
		}))
	}
	edges := make([]attr.Value, 0, len(g.Edges))
	for _, j := range edgeOrder {
		e := g.Edges[j]
		edges = append(edges, types.ObjectValueMust(edgeAttrTypes, map[string]attr.Value{
			"source": types.StringValue(e.Source),
			"target": types.StringValue(e.Target),
		}))
	}
	block := types.ObjectValueMust(graphAttrTypes, map[string]attr.Value{
		"node": types.ListValueMust(nodeObjectType, nodes),
		"edge": types.ListValueMust(edgeObjectType, edges),
	})
	return types.ListValueMust(graphObjectType, []attr.Value{block}), diags
}

// orderLike returns the indexes of items in the order of prior (matched by key, each item used
// once), followed by the items prior does not have, in their own order.
func orderLike[T any, K comparable](items []T, prior []K, key func(T) K) []int {
	byKey := make(map[K][]int, len(items))
	for i, it := range items {
		k := key(it)
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, len(items))
	order := make([]int, 0, len(items))
	for _, k := range prior {
		if idx := byKey[k]; len(idx) > 0 {
			order = append(order, idx[0])
			used[idx[0]] = true
			byKey[k] = idx[1:]
		}
	}
	for i := range items {
		if !used[i] {
			order = append(order, i)
		}
	}
	return order
}

// alertConf is the JSON of the AlertConf parameter.
type alertConf struct {
	Items []alertItem `json:"items"`
}

type alertItem struct {
	Enable                 bool     `json:"enable"`
	EventID                string   `json:"eventId"`
	AlertUserGroupIDList   []string `json:"alertUserGroupIdList"`
	AlertDingDingGroupList []string `json:"alertDingDingGroupList"`
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
		users, d := expandStringSet(ctx, a.UserGroupIDs)
		diags.Append(d...)
		dings, d := expandStringSet(ctx, a.DingDingGroupIDs)
		diags.Append(d...)
		conf.Items = append(conf.Items, alertItem{
			Enable:                 a.Enabled.IsNull() || a.Enabled.ValueBool(), // enabled defaults to true
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
// group list is an unset one (the schema does not accept empty sets, so there is no ambiguity).
func flattenAlerts(conf string) (types.Set, error) {
	empty := types.SetValueMust(alertObjectType, []attr.Value{})
	if strings.TrimSpace(conf) == "" {
		return empty, nil
	}
	var c alertConf
	if err := json.Unmarshal([]byte(conf), &c); err != nil {
		return empty, err
	}
	elems := make([]attr.Value, 0, len(c.Items))
	for _, it := range c.Items {
		users, _ := flattenStringSet(it.AlertUserGroupIDList)
		dings, _ := flattenStringSet(it.AlertDingDingGroupList)
		elems = append(elems, types.ObjectValueMust(alertAttrTypes, map[string]attr.Value{
			"event_id":           types.StringValue(it.EventID),
			"enabled":            types.BoolValue(it.Enable),
			"user_group_ids":     users,
			"dingding_group_ids": dings,
		}))
	}
	set, d := types.SetValue(alertObjectType, elems)
	if d.HasError() {
		return empty, fmt.Errorf("building the alert set: %v", d)
	}
	return set, nil
}

// expandStringSet returns the sorted strings of a set (nil for a null or unknown set).
func expandStringSet(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return nil, nil
	}
	var out []string
	diags := set.ElementsAs(ctx, &out, false)
	slices.Sort(out)
	return out, diags
}

// flattenStringSet returns a set of the strings, null when there are none.
func flattenStringSet(items []string) (types.Set, diag.Diagnostics) {
	if len(items) == 0 {
		return types.SetNull(types.StringType), nil
	}
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return types.SetValue(types.StringType, elems)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// int64OrNull maps the API's 0 (unset) to null; the schema rejects 0 for these attributes.
func int64OrNull(v int64) types.Int64 {
	if v == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}

// knownFloat returns a pointer to the value, nil when it is null or unknown (the framework's
// ValueFloat64Pointer gives a pointer to 0 for unknown).
func knownFloat(v types.Float64) *float64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	f := v.ValueFloat64()
	return &f
}
