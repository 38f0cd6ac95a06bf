package projectuser

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// A RAM user name is 1 to 64 letters, digits, '.', '_' and '-' (RAM's own rule; DeleteFlowProjectUser's
// page calls it "子账号名称", the sub-account name), and a RAM user id is a number. The pages of
// CreateFlowProjectUser and ListFlowProjectUser are missing: the SDK has User.N.UserId and
// User.N.UserName on the create and AccountUserId and UserName in the list.
var (
	userNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	userIDPattern   = regexp.MustCompile(`^[0-9]{1,64}$`)
)

// parseImportID splits "FP-…:<user name>".
func parseImportID(id string) (projectID, name string, err error) {
	const example = "FP-257A173659F5E1A2:alice"
	projectID, name, ok := strings.Cut(id, ":")
	switch {
	case !ok:
		return "", "", fmt.Errorf("expected <project id>:<user name> such as %s, got %q (no colon)", example, id)
	case !validate.HasIDPrefix(projectID, validate.ProjectPrefix):
		return "", "", fmt.Errorf("expected <project id>:<user name> such as %s, got %q: %q is not a project id (FP-…)", example, id, projectID)
	case !userNamePattern.MatchString(name):
		return "", "", fmt.Errorf("expected <project id>:<user name> such as %s, got %q: %q is not a RAM user name "+
			"(1 to 64 letters, digits, '.', '_' or '-')", example, id, name)
	}
	return projectID, name, nil
}

// userIDChanged asks for a replacement when the user id changes, but not when the state has none:
// a member imported from a ListFlowProjectUser answer without AccountUserId (the action has no page;
// the SDK's type is all that names the field) has no known id, and the configured one is then
// recorded by the update, which calls nothing.
func userIDChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.Equal(req.StateValue)
}
