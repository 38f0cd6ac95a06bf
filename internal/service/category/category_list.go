package category

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListResource returns the emrflow_category list resource (`terraform query`, Terraform >=
// 1.14): the folders of a project, at every depth, by ListFlowCategory page by page.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[categoryListModel, emrapi.Category]{
		TypeName:    "category",
		Kind:        "categories",
		Schema:      categoryListSchema(),
		NewResource: NewResource,
		Pages: func(ctx context.Context, c *emrapi.Client, cfg categoryListModel, pageSize int) iter.Seq2[[]emrapi.Category, error] {
			return c.CategoryPages(ctx, emrapi.ListCategoriesInput{ProjectID: cfg.ProjectID.ValueString(), PageSize: pageSize})
		},
		Name: func(c emrapi.Category) string { return c.Name },
		// The API lists the flows and jobs inside folders too (CategoryType FILE); type is a
		// filter of ours, ListFlowCategory has none.
		Keep: func(cfg categoryListModel, c emrapi.Category) bool {
			typ := cfg.Type.ValueString()
			return c.CategoryType != "FILE" && (typ == "" || c.Type == typ)
		},
		Identity: func(cfg categoryListModel, c emrapi.Category) map[string]string {
			return map[string]string{"project_id": cfg.ProjectID.ValueString(), "id": c.ID}
		},
	})
}

type categoryListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Type      types.String `tfsdk:"type"`
}

func categoryListSchema() listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Finds the folders (categories) of a project at every depth (ListFlowCategory without " +
			"`ParentId` or `Root`, page by page), to import them with `terraform query -generate-config-out`. " +
			"Entries that are not folders (`CategoryType` `FILE`: the flows and jobs the API lists inside " +
			"folders) are left out.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listing.ProjectIDAttribute("folders"),
			"type": listschema.StringAttribute{
				MarkdownDescription: "Only the folders of flows (`FLOW`) or of jobs (`JOB`). ListFlowCategory has no " +
					"such filter: it is applied to the folders returned.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(typeFlow, typeJob)},
			},
		},
	}
}
