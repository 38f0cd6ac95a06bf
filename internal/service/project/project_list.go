package project

import (
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListResource returns the emrflow_project list resource (`terraform query`, Terraform >=
// 1.14): the projects of the region, by ListFlowProject page by page.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[projectListModel, emrapi.ListProjectsInput, emrapi.Project]{
		TypeName:    "project",
		Kind:        "projects",
		NewResource: NewResource,
		Schema: listschema.Schema{
			MarkdownDescription: "Finds the projects of the provider's region (ListFlowProject, page by page), to import " +
				"them with `terraform query -generate-config-out`.",
			Attributes: map[string]listschema.Attribute{"name_regex": listing.NameRegexAttribute("project")},
		},
		Pages: (*emrapi.Client).ProjectPages,
		Input: func(cfg projectListModel, pageSize int) emrapi.ListProjectsInput {
			return emrapi.ListProjectsInput{PageSize: pageSize}
		},
		Name: func(o emrapi.Project) string { return o.Name },
		ID:   func(o emrapi.Project) string { return o.ID },
	})
}

type projectListModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
}
