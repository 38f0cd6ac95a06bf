package project

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	// projectIDPattern keeps the data source's message about a malformed id ("must look like
	// FP-<letters and digits>"); it accepts what validate.HasIDPrefix(id, validate.ProjectPrefix) does.
	projectIDPattern     = regexp.MustCompile(`^` + validate.ProjectPrefix + `[0-9A-Za-z]+$`)
	resourceGroupPattern = regexp.MustCompile(`^rg-[0-9A-Za-z]+$`)
)

// replaceUnlessImported asks for a replacement when the resource group changes, except when the
// state has none because the project was imported: the API never returns the group, so an imported
// project would otherwise be replaced for no reason.
func replaceUnlessImported(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}
