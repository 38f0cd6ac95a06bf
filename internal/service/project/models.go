package project

import "github.com/hashicorp/terraform-plugin-framework/types"

// projectModel is the emrflow_project resource.
type projectModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	ResourceGroupID types.String `tfsdk:"resource_group_id"`
}
