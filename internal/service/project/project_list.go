package project

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListResource returns the emrflow_project list resource (`terraform query`, Terraform >=
// 1.14): the projects of the region, by ListFlowProject page by page.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[projectListModel, emrapi.Project]{
		TypeName:    "project",
		Kind:        "projects",
		NewResource: NewResource,
		Schema: listschema.Schema{
			MarkdownDescription: "Finds the projects of the provider's region (ListFlowProject, page by page), to import " +
				"them with `terraform query -generate-config-out`.",
			Attributes: map[string]listschema.Attribute{"name_regex": listing.NameRegexAttribute("project")},
		},
		Pages: func(ctx context.Context, c *emrapi.Client, _ projectListModel, pageSize int) iter.Seq2[[]emrapi.Project, error] {
			return c.ProjectPages(ctx, emrapi.ListProjectsInput{PageSize: pageSize})
		},
		Name:     func(p emrapi.Project) string { return p.Name },
		Identity: func(_ projectListModel, p emrapi.Project) map[string]string { return map[string]string{"id": p.ID} },
	})
}

type projectListModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
}
