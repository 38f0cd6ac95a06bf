package projectuser

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// flattenProjectUser stores what ListFlowProjectUser holds; an answer without AccountUserId keeps the known id.
func flattenProjectUser(u *emrapi.ProjectUser, m *userModel) {
	if u.ProjectID != "" {
		m.ProjectID = types.StringValue(u.ProjectID)
	}
	m.UserName = types.StringValue(u.UserName)
	if u.UserID != "" {
		m.UserID = types.StringValue(u.UserID)
	}
}
