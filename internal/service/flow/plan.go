package flow

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// ModifyPlan fills what the plan can know before the API is called, so that plans show it:
//
//   - region: the provider's region when the configuration has none; a change of region (also
//     one of the provider's region under an unset attribute) replaces the flow. This is done here
//     rather than with RequiresReplace on the attribute, because that modifier would see the
//     framework's "unknown" of an unset optional+computed attribute on every update and replace
//     the flow for nothing.
//   - node positions: a node whose x and y the configuration leaves unset keeps the position the
//     state has for its id (the server's, also one given in the console), and a node the state
//     does not have is placed by graph.Layout around the others. Adding a node so moves no other
//     node, and the same graph always plans the same positions.
func (r *flowResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	// Only the attributes this needs are read and only changed ones written: reading the whole
	// model would convert every value of the plan (a large graph's thousands) twice per plan. They
	// are read with rootAs rather than GetAttribute, whose schema look-up costs more than the read.
	var cfgRegion, planRegion types.String
	resp.Diagnostics.Append(rootAs(ctx, req.Config.Raw, "region", &cfgRegion)...)
	resp.Diagnostics.Append(rootAs(ctx, req.Plan.Raw, "region", &planRegion)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// An unset region is the provider's, also when the provider's region changes: the flow is
	// then replaced into the new region (below), as the attribute's description says, instead of
	// being looked for in the wrong one.
	if cfgRegion.IsNull() && r.api != nil {
		if want := types.StringValue(r.api.Region()); !planRegion.Equal(want) {
			planRegion = want
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("region"), planRegion)...)
		}
	}
	var priorGraph types.Object
	if !req.State.Raw.IsNull() {
		var prior types.String
		resp.Diagnostics.Append(rootAs(ctx, req.State.Raw, "region", &prior)...)
		if !prior.IsNull() && !planRegion.Equal(prior) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("region"))
		}
		resp.Diagnostics.Append(rootAs(ctx, req.State.Raw, "graph", &priorGraph)...)
	}

	var planGraph, cfgGraph types.Object
	resp.Diagnostics.Append(rootAs(ctx, req.Plan.Raw, "graph", &planGraph)...)
	resp.Diagnostics.Append(rootAs(ctx, req.Config.Raw, "graph", &cfgGraph)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if g, changed := layoutPlannedGraph(planGraph, cfgGraph, priorGraph); changed {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("graph"), g)...)
	}
}

// layoutPlannedGraph returns the planned graph block with the positions that the configuration
// leaves unset and the plan does not know filled in: from the prior state's node of the same id,
// else by graph.Layout. A coordinate unknown in the configuration stays unknown. It reports
// whether it changed anything; it leaves the block alone when its structure is not known yet.
func layoutPlannedGraph(planned, config, prior types.Object) (types.Object, bool) {
	if planned.IsNull() || planned.IsUnknown() {
		return planned, false
	}
	nodes, ok := planned.Attributes()["nodes"].(types.Map)
	if !ok || nodes.IsNull() || nodes.IsUnknown() {
		return planned, false
	}
	elems := nodes.Elements()
	needed := false
	for _, v := range elems {
		if o, ok := v.(types.Object); ok && !o.IsUnknown() {
			a := o.Attributes()
			if a["x"].IsUnknown() || a["y"].IsUnknown() {
				needed = true
				break
			}
		}
	}
	if !needed {
		return planned, false // the common case: nothing to place
	}
	cfg := expandGraph(config)
	if cfg == nil || cfg.StructureUnknown || len(cfg.Graph.Nodes) != len(elems) {
		return planned, false
	}
	var priorNodes map[string]attr.Value
	if !prior.IsNull() && !prior.IsUnknown() {
		if m, ok := prior.Attributes()["nodes"].(types.Map); ok && !m.IsUnknown() {
			priorNodes = m.Elements()
		}
	}

	g := &graph.Graph{Nodes: make([]graph.Node, len(cfg.Graph.Nodes)), Edges: cfg.Graph.Edges}
	type fill struct{ x, y bool }
	fills := make([]fill, len(g.Nodes))
	for i, n := range cfg.Graph.Nodes {
		o, ok := elems[n.ID].(types.Object)
		if !ok || o.IsUnknown() {
			return planned, false
		}
		a := o.Attributes()
		px, _ := a["x"].(types.Float64)
		py, _ := a["y"].(types.Float64)
		g.Nodes[i] = n
		g.Nodes[i].X, g.Nodes[i].Y = knownFloat(px), knownFloat(py)
		fills[i] = fill{
			x: n.X == nil && !cfg.Unknown[nodeField{n.ID, "x"}] && px.IsUnknown(),
			y: n.Y == nil && !cfg.Unknown[nodeField{n.ID, "y"}] && py.IsUnknown(),
		}
		if po, ok := priorNodes[n.ID].(types.Object); ok && !po.IsNull() && !po.IsUnknown() {
			sx, _ := po.Attributes()["x"].(types.Float64)
			sy, _ := po.Attributes()["y"].(types.Float64)
			if fills[i].x && fills[i].y && knownFloat(sx) != nil && knownFloat(sy) != nil {
				g.Nodes[i].X, g.Nodes[i].Y = knownFloat(sx), knownFloat(sy)
			}
		}
	}
	graph.Layout(g)
	out := make(map[string]attr.Value, len(elems))
	for i := range g.Nodes {
		id := g.Nodes[i].ID
		o, ok := elems[id].(types.Object)
		if !ok {
			out[id] = elems[id] // cannot happen: the schema makes every node an object
			continue
		}
		if !fills[i].x && !fills[i].y {
			out[id] = o
			continue
		}
		a := make(map[string]attr.Value, len(nodeAttrTypes))
		for k, v := range o.Attributes() {
			a[k] = v
		}
		if fills[i].x {
			a["x"] = types.Float64PointerValue(g.Nodes[i].X)
		}
		if fills[i].y {
			a["y"] = types.Float64PointerValue(g.Nodes[i].Y)
		}
		out[id] = types.ObjectValueMust(nodeAttrTypes, a)
	}
	return types.ObjectValueMust(graphAttrTypes, map[string]attr.Value{
		"nodes": types.MapValueMust(nodeObjectType, out),
	}), true
}
