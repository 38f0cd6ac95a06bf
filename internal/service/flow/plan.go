package flow

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// The helpers of flowResource.ModifyPlan (flow.go): the graph block's positions, and the warning
// about a cluster the flow's project has no setting for.

// Values of the graph block's layout attribute.
const (
	layoutKeep = "keep" // the default: unset positions keep the server's
	layoutAuto = "auto" // unset positions are laid out afresh whenever the flow changes
)

// needsLayout reports whether layoutPlannedGraph may have a position to place in the planned graph
// block: whether it has a known node whose x or y is unknown.
func needsLayout(planned types.Object) bool {
	if planned.IsNull() || planned.IsUnknown() {
		return false
	}
	nodes, ok := planned.Attributes()["nodes"].(types.Map)
	if !ok || nodes.IsNull() || nodes.IsUnknown() {
		return false
	}
	for _, v := range nodes.Elements() {
		if o, ok := v.(types.Object); ok && !o.IsUnknown() {
			a := o.Attributes()
			if a["x"].IsUnknown() || a["y"].IsUnknown() {
				return true
			}
		}
	}
	return false
}

// layoutPlannedGraph returns the planned graph block with the positions that the configuration
// leaves unset and the plan does not know filled in: from the prior state's node of the same id
// (unless the block says layout = "auto"), else by graph.Layout. A coordinate unknown in the configuration stays unknown. It reports
// whether it changed anything; it leaves the block alone when its structure is not known yet.
func layoutPlannedGraph(planned, config, prior types.Object) (types.Object, bool) {
	if !needsLayout(planned) {
		return planned, false // the common case: nothing to place
	}
	nodes, _ := planned.Attributes()["nodes"].(types.Map) // needsLayout checked it is one
	elems := nodes.Elements()
	cfg := expandGraph(config)
	if cfg == nil || cfg.StructureUnknown || len(cfg.Graph.Nodes) != len(elems) {
		return planned, false
	}
	var priorNodes map[string]attr.Value
	// layout = "auto": the positions the server has are not kept; every node the configuration
	// gives no position is placed afresh.
	if !prior.IsNull() && !prior.IsUnknown() && graphLayout(config).ValueString() != layoutAuto {
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
		g.Nodes[i].X, g.Nodes[i].Y = flex.KnownFloat(px), flex.KnownFloat(py)
		fills[i] = fill{
			x: n.X == nil && !cfg.Unknown[nodeField{n.ID, "x"}] && px.IsUnknown(),
			y: n.Y == nil && !cfg.Unknown[nodeField{n.ID, "y"}] && py.IsUnknown(),
		}
		if po, ok := priorNodes[n.ID].(types.Object); ok && !po.IsNull() && !po.IsUnknown() {
			sx, _ := po.Attributes()["x"].(types.Float64)
			sy, _ := po.Attributes()["y"].(types.Float64)
			if fills[i].x && fills[i].y && flex.KnownFloat(sx) != nil && flex.KnownFloat(sy) != nil {
				g.Nodes[i].X, g.Nodes[i].Y = flex.KnownFloat(sx), flex.KnownFloat(sy)
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
	return graphValue(types.MapValueMust(nodeObjectType, out), planned.Attributes()["layout"]), true
}

// settingCheck is what the cluster-setting warning of ModifyPlan looks at: the planned project,
// cluster and create_cluster, and the prior state's project and cluster (null on a create).
type settingCheck struct {
	project, cluster, priorProject, priorCluster types.String
	createCluster                                types.Bool
}

// needsSettingCheck reports whether the plan should ask the API whether the flow's project has a
// setting for its cluster: only when the flow is created or moves to another cluster or project
// (a no-change plan makes no call), with both ids known (an unknown project is one created in the
// same apply, whose settings cannot exist yet and may well be in the configuration), and not
// for a flow that creates its cluster from a template.
func needsSettingCheck(c settingCheck) bool {
	if !flex.Known(c.project) || !flex.Known(c.cluster) || c.createCluster.IsUnknown() || c.createCluster.ValueBool() {
		return false
	}
	return !c.priorProject.Equal(c.project) || !c.priorCluster.Equal(c.cluster)
}

// noSettingWarning is the detail of the warning on cluster_id when the project has no setting
// for the flow's cluster.
func noSettingWarning(projectID, clusterID string) string {
	return fmt.Sprintf("Project %s has no cluster setting for cluster %s: the flow can be created, but it cannot run "+
		"there (runs, from the emrflow_flow_run action or from its cron, are refused).\n\n%s\n\n"+
		"If the setting is already in this configuration, refer to it from the flow "+
		"(cluster_id = emrflow_project_cluster_setting.<name>.cluster_id) so that it is planned and created first.",
		projectID, clusterID, framework.ClusterSettingHint(projectID, clusterID))
}

// warnNoClusterSetting warns on cluster_id, at plan time, when the flow is created on (or moved
// to) a cluster that its project has no cluster setting for: the apply would succeed and every
// run fail. A setting planned earlier in the same plan counts as there, and the API is asked once
// per setting and process. Errors of the check are only logged: the warning is advice, and the
// create reports real problems.
func warnNoClusterSetting(ctx context.Context, client *emrapi.Client, c settingCheck, diags *diag.Diagnostics) {
	if client == nil || !needsSettingCheck(c) {
		return
	}
	projectID, clusterID := c.project.ValueString(), c.cluster.ValueString()
	exists, err := client.ClusterSettingAtPlan(ctx, projectID, clusterID)
	switch {
	case err != nil:
		tflog.Debug(ctx, "cannot check the project's cluster setting at plan time", map[string]any{"error": err.Error()})
	case !exists:
		diags.AddAttributeWarning(path.Root("cluster_id"), "Flow cannot run on this cluster", noSettingWarning(projectID, clusterID))
	}
}

// alertGroupsUnsetAsEmpty plans an alert's unset user_group_ids and dingding_group_ids as [],
// the value the server's empty (or missing) list reads as. An alert block is a set element, so a
// null in the plan beside a [] in the state (after an import, or a configuration that goes from
// `[]` to unset) would delete the block and add it again. The framework's schema defaults cannot
// do it: inside a set of blocks they land on the wrong elements. The configuration's alert is
// found by its event id (unique); a group list the configuration leaves to another resource
// (unknown) stays unknown.
type alertGroupsUnsetAsEmpty struct{}

func (alertGroupsUnsetAsEmpty) Description(context.Context) string {
	return "an alert's unset group lists are planned as []"
}

func (m alertGroupsUnsetAsEmpty) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (alertGroupsUnsetAsEmpty) PlanModifySet(_ context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	configured := map[string]map[string]attr.Value{}
	for _, v := range req.ConfigValue.Elements() {
		if o, ok := v.(types.Object); ok && !o.IsNull() && !o.IsUnknown() {
			a := o.Attributes()
			if id := attrString(a, "event_id"); flex.Known(id) {
				configured[id.ValueString()] = a
			}
		}
	}
	empty := types.SetValueMust(types.StringType, []attr.Value{})
	elems := make([]attr.Value, 0, len(req.PlanValue.Elements()))
	changed := false
	for _, v := range req.PlanValue.Elements() {
		o, ok := v.(types.Object)
		if !ok || o.IsNull() || o.IsUnknown() {
			elems = append(elems, v)
			continue
		}
		a := o.Attributes()
		cfg := configured[attrString(a, "event_id").ValueString()]
		if cfg == nil {
			elems = append(elems, v)
			continue
		}
		out := make(map[string]attr.Value, len(a))
		for k, val := range a {
			out[k] = val
		}
		for _, field := range []string{"user_group_ids", "dingding_group_ids"} {
			if c, ok := cfg[field]; ok && c.IsNull() && !a[field].Equal(empty) {
				out[field] = empty
				changed = true
			}
		}
		obj, d := types.ObjectValue(alertAttrTypes, out)
		resp.Diagnostics.Append(d...)
		elems = append(elems, obj)
	}
	if !changed || resp.Diagnostics.HasError() {
		return
	}
	set, d := types.SetValue(alertObjectType, elems)
	resp.Diagnostics.Append(d...)
	resp.PlanValue = set
}
