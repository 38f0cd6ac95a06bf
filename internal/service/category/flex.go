package category

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
)

// expandCategoryInput turns the planned folder into the API's input; a null parent_id is "" (the
// root). Type is left for Create, the only call that takes it.
func expandCategoryInput(m *categoryModel) emrapi.CategoryInput {
	return emrapi.CategoryInput{
		ProjectID: m.ProjectID.ValueString(),
		Name:      m.Name.ValueString(),
		ParentID:  m.ParentID.ValueString(),
	}
}

// flattenCategory stores what DescribeFlowCategory returned in m, which holds the prior values.
func flattenCategory(c *emrapi.Category, m *categoryModel) {
	m.ID = types.StringValue(c.ID)
	if c.ProjectID != "" {
		m.ProjectID = types.StringValue(c.ProjectID)
	}
	m.Name = types.StringValue(c.Name)
	if c.Type != "" { // the type cannot change; an answer without it keeps the known one
		m.Type = types.StringValue(c.Type)
	}
	m.ParentID = flex.StringOrNull(c.ParentID) // "" is the project's root
}
