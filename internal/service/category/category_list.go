package category

import (
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
	return listing.New(listing.Spec[categoryListModel, emrapi.ListCategoriesInput, emrapi.Category]{
		TypeName:    "category",
		Kind:        "categories",
		Schema:      categoryListSchema(),
		NewResource: NewResource,
		Pages:       (*emrapi.Client).CategoryPages,
		Input: func(cfg categoryListModel, pageSize int) emrapi.ListCategoriesInput {
			return emrapi.ListCategoriesInput{ProjectID: cfg.ProjectID.ValueString(), PageSize: pageSize}
		},
		Name: func(o emrapi.Category) string { return o.Name },
		ID:   func(o emrapi.Category) string { return o.ID },
		// The API lists the flows and jobs inside folders too (CategoryType FILE); type is a
		// filter of ours, ListFlowCategory has none.
		Keep: func(cfg categoryListModel, c emrapi.Category) bool {
			typ := cfg.Type.ValueString()
			return c.CategoryType != "FILE" && (typ == "" || c.Type == typ)
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
