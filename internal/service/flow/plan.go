package flow

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
//   - node positions: graph.Layout places every node whose x and y are unset in the
//     configuration. The layout is deterministic, so an unchanged graph gets the same positions
//     on every plan and shows no diff.
func (r *flowResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config flowModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// An unset region is the provider's, also when the provider's region changes: the flow is
	// then replaced into the new region (below), as the attribute's description says, instead of
	// being looked for in the wrong one.
	if config.Region.IsNull() && r.api != nil {
		plan.Region = types.StringValue(r.api.Region())
	}
	if !req.State.Raw.IsNull() {
		var prior types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("region"), &prior)...)
		if !prior.IsNull() && !plan.Region.Equal(prior) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("region"))
		}
	}

	g, d := layoutPlannedGraph(ctx, plan.Graph, config.Graph)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Graph = g
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// layoutPlannedGraph returns the planned graph block with the positions of the nodes that the
// configuration does not place filled in by graph.Layout. It leaves the block as it is when its
// structure is not known yet (nodes or edges from unknown values), or when every node is placed.
func layoutPlannedGraph(ctx context.Context, planned, config types.List) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	if planned.IsNull() || planned.IsUnknown() || len(planned.Elements()) != 1 {
		return planned, diags
	}
	cfg, d := expandGraphList(ctx, config)
	diags.Append(d...)
	if diags.HasError() || cfg == nil || cfg.StructureUnknown {
		return planned, diags
	}

	var blocks []graphModel
	diags.Append(planned.ElementsAs(ctx, &blocks, false)...)
	if diags.HasError() || blocks[0].Nodes.IsUnknown() || blocks[0].Edges.IsUnknown() {
		return planned, diags
	}
	var nodes []nodeModel
	diags.Append(blocks[0].Nodes.ElementsAs(ctx, &nodes, false)...)
	if diags.HasError() || len(nodes) != len(cfg.Graph.Nodes) {
		return planned, diags
	}

	// The layout fills a coordinate that the configuration leaves null and the plan does not
	// know yet. One that is unknown in the configuration must stay unknown in the plan. A known
	// planned coordinate (from the state, when nothing else changes) is kept, and the layout
	// works around it.
	g := &graph.Graph{Nodes: make([]graph.Node, len(nodes)), Edges: cfg.Graph.Edges}
	fillX := make([]bool, len(nodes))
	fillY := make([]bool, len(nodes))
	needed := false
	for i, n := range cfg.Graph.Nodes {
		at := "node[" + strconv.Itoa(i) + "]."
		fillX[i] = n.X == nil && !cfg.Unknown[at+"x"] && nodes[i].X.IsUnknown()
		fillY[i] = n.Y == nil && !cfg.Unknown[at+"y"] && nodes[i].Y.IsUnknown()
		needed = needed || fillX[i] || fillY[i]
		g.Nodes[i] = n
		g.Nodes[i].X = knownFloat(nodes[i].X)
		g.Nodes[i].Y = knownFloat(nodes[i].Y)
	}
	if !needed {
		return planned, diags
	}
	graph.Layout(g)
	for i := range nodes {
		if fillX[i] {
			nodes[i].X = types.Float64PointerValue(g.Nodes[i].X)
		}
		if fillY[i] {
			nodes[i].Y = types.Float64PointerValue(g.Nodes[i].Y)
		}
	}
	nodeList, d := types.ListValueFrom(ctx, nodeObjectType, nodes)
	diags.Append(d...)
	blocks[0].Nodes = nodeList
	out, d := types.ListValueFrom(ctx, graphObjectType, blocks)
	diags.Append(d...)
	if diags.HasError() {
		return planned, diags
	}
	return out, diags
}
