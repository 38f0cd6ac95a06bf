package projectuser

import (
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListResource returns the emrflow_project_user list resource (`terraform query`, Terraform >=
// 1.14): the members of a project, by ListFlowProjectUser.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[userListModel, string, emrapi.ProjectUser]{
		TypeName:    "project_user",
		Kind:        "project users",
		Schema:      userListSchema(),
		NewResource: NewResource,
		Pages:       listing.All((*emrapi.Client).ListProjectUsers),
		Input:       func(cfg userListModel, _ int) string { return cfg.ProjectID.ValueString() },
		Name:        func(u emrapi.ProjectUser) string { return u.UserName },
		ID:          func(u emrapi.ProjectUser) string { return u.UserName },
		IDAttr:      "user_name",
	})
}

type userListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
}

func userListSchema() listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Finds the members of a project (ListFlowProjectUser), to import them with " +
			"`terraform query -generate-config-out`. `name_regex` is applied to the user names returned.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listing.ProjectIDAttribute("members"),
			"name_regex": listing.NameRegexAttribute("user"),
		},
	}
}
