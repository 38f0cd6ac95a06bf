package job

// The plan-time rules particular to jobs: the changes that replace a
// job because ModifyFlowJob cannot make them (the RequiresReplaceIf functions of the schema).

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/planmodifiers"
)

// folderChanged asks for a replacement when the job's folder changes. Null and "" are both the
// root, so going from one to the other changes nothing.
func folderChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.PlanValue.IsUnknown() {
		resp.RequiresReplace = true // a folder being created: it cannot be the one the job is in
		return
	}
	resp.RequiresReplace = req.PlanValue.ValueString() != req.StateValue.ValueString()
}

// lastResourceRemoved asks for a replacement when the job had resource blocks and the plan has
// none: ModifyFlowJob documents only ResourceList.N, so it cannot be told to clear the list
// (planmodifiers.Emptied).
func lastResourceRemoved(_ context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = planmodifiers.Emptied(req.StateValue, req.PlanValue)
}
