package project

import "github.com/hashicorp/terraform-plugin-framework/types"

// projectModel is the emrflow_project resource.
type projectModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	ResourceGroupID types.String `tfsdk:"resource_group_id"`
}

// projectDataModel is the emrflow_project data source, and one project of emrflow_projects.
type projectDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	UserID      types.String `tfsdk:"user_id"`
	GmtCreate   types.Int64  `tfsdk:"gmt_create"`
	GmtModified types.Int64  `tfsdk:"gmt_modified"`
}

// projectsDataModel is the emrflow_projects data source.
type projectsDataModel struct {
	NameRegex types.String       `tfsdk:"name_regex"`
	IDs       types.List         `tfsdk:"ids"`
	Projects  []projectDataModel `tfsdk:"projects"`
}
