package flow

import (
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// flowModel is the emrflow_flow resource's state, plan and configuration.
//
// It goes through the framework's Get and Set, which convert it by reflection on every call and
// compile a regular expression per field to check its tag (upstream:
// hashicorp/terraform-plugin-framework#725). A field table of our own (flow_fastpath.go, issue 10)
// avoided that; measured under cachegrind on the four calls of a no-change plan (issue 21:
// benchmark/rpccost, GOMAXPROCS=1, GOGC=off, two runs), the framework's path costs 35.7 M
// instructions, the hand-written table 32.1 M (-10.1%) and the same table derived from these tags
// 32.4 M (-9.1%): below the 10% that would have justified a second conversion path, so there is
// one. When #725 is fixed upstream, the cost goes with it.
type flowModel struct {
	ID                 types.String         `tfsdk:"id"`
	Region             types.String         `tfsdk:"region"`
	ProjectID          types.String         `tfsdk:"project_id"`
	ClusterID          types.String         `tfsdk:"cluster_id"`
	CreateCluster      types.Bool           `tfsdk:"create_cluster"`
	Name               types.String         `tfsdk:"name"`
	Description        types.String         `tfsdk:"description"`
	CronExpr           types.String         `tfsdk:"cron_expr"`
	StartSchedule      types.Int64          `tfsdk:"start_schedule"`
	EndSchedule        types.Int64          `tfsdk:"end_schedule"`
	HostName           types.String         `tfsdk:"host_name"`
	ParentFlowIDs      types.Set            `tfsdk:"parent_flow_ids"`
	ParentCategoryID   types.String         `tfsdk:"parent_category_id"`
	Graph              types.Object         `tfsdk:"graph"` // graphAttrTypes; null without a graph block
	GraphJSON          jsontypes.Normalized `tfsdk:"graph_json"`
	Alerts             types.Set            `tfsdk:"alert"` // of alertModel
	Status             types.String         `tfsdk:"status"`
	Periodic           types.Bool           `tfsdk:"periodic"`
	Namespace          types.String         `tfsdk:"namespace"`
	LogArchiveLocation types.String         `tfsdk:"log_archive_location"`
	Timeouts           timeouts.Value       `tfsdk:"timeouts"`
}

// alertModel is an `alert` block.
type alertModel struct {
	EventID          types.String `tfsdk:"event_id"`
	Enabled          types.Bool   `tfsdk:"enabled"`
	UserGroupIDs     types.Set    `tfsdk:"user_group_ids"`
	DingDingGroupIDs types.Set    `tfsdk:"dingding_group_ids"`
}

// The attribute types of the nested objects, for building lists and sets of them.
var (
	nodeAttrTypes = map[string]attr.Type{
		"type":       types.StringType,
		"label":      types.StringType,
		"job_id":     types.StringType,
		"job_type":   types.StringType,
		"host_name":  types.StringType,
		"x":          types.Float64Type,
		"y":          types.Float64Type,
		"depends_on": types.SetType{ElemType: types.StringType},
	}
	nodeObjectType = types.ObjectType{AttrTypes: nodeAttrTypes}

	graphAttrTypes = map[string]attr.Type{
		"nodes":  types.MapType{ElemType: nodeObjectType},
		"layout": types.StringType,
	}

	alertAttrTypes = map[string]attr.Type{
		"event_id":           types.StringType,
		"enabled":            types.BoolType,
		"user_group_ids":     types.SetType{ElemType: types.StringType},
		"dingding_group_ids": types.SetType{ElemType: types.StringType},
	}
	alertObjectType = types.ObjectType{AttrTypes: alertAttrTypes}
)

// graphValue is a graph block of the given nodes (a map of nodeObjectType) and layout.
func graphValue(nodes, layout attr.Value) types.Object {
	return types.ObjectValueMust(graphAttrTypes, map[string]attr.Value{"nodes": nodes, "layout": layout})
}

// graphLayout is the layout attribute of a graph block, null when the block is null or unknown.
func graphLayout(g types.Object) types.String {
	if g.IsNull() || g.IsUnknown() {
		return types.StringNull()
	}
	if l, ok := g.Attributes()["layout"].(types.String); ok {
		return l
	}
	return types.StringNull()
}
