package category

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// categoryModel is the emrflow_category resource's data.
type categoryModel struct {
	ID        types.String `tfsdk:"id"`
	ProjectID types.String `tfsdk:"project_id"`
	Name      types.String `tfsdk:"name"`
	Type      types.String `tfsdk:"type"`
	ParentID  types.String `tfsdk:"parent_id"`
}
