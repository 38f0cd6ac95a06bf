package project

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// expandProjectInput turns the planned project into the API's input.
func expandProjectInput(m *projectModel) emrapi.ProjectInput {
	return emrapi.ProjectInput{
		Name:            m.Name.ValueString(),
		Description:     m.Description.ValueString(),
		ResourceGroupID: m.ResourceGroupID.ValueString(),
	}
}

// flattenProject stores what the server holds in the resource's model.
func flattenProject(p *emrapi.Project, m *projectModel) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringValue(p.Description)
	// resource_group_id is not returned by DescribeFlowProject: it stays as configured.
}

// flattenProjectData gives the data sources' view of a project.
func flattenProjectData(p *emrapi.Project) *projectDataModel {
	return &projectDataModel{
		ID:          types.StringValue(p.ID),
		Name:        types.StringValue(p.Name),
		Description: types.StringValue(p.Description),
		UserID:      types.StringValue(p.UserID),
		GmtCreate:   types.Int64Value(p.GmtCreate),
		GmtModified: types.Int64Value(p.GmtModified),
	}
}
