package projectuser

import "github.com/hashicorp/terraform-plugin-framework/types"

// userModel is the emrflow_project_user resource.
type userModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	UserID    types.String `tfsdk:"user_id"`
	UserName  types.String `tfsdk:"user_name"`
}
