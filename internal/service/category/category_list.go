package category

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ list.ListResource              = (*categoryListResource)(nil)
	_ list.ListResourceWithConfigure = (*categoryListResource)(nil)
)

// categoryListResource is the emrflow_category list resource (`terraform query`, Terraform >=
// 1.14): the folders of a project, at every depth, by ListFlowCategory page by page.
type categoryListResource struct {
	client   *emrapi.Client
	resource resource.Resource
}

// NewListResource returns the emrflow_category list resource.
func NewListResource() list.ListResource {
	return &categoryListResource{}
}

type categoryListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Type      types.String `tfsdk:"type"`
}

func (l *categoryListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_category"
}

func (l *categoryListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the folders (categories) of a project at every depth (ListFlowCategory without " +
			"`ParentId` or `Root`, page by page), to import them with `terraform query -generate-config-out`. " +
			"Entries that are not folders (`CategoryType` `FILE`: the flows and jobs the API lists inside " +
			"folders) are left out.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listschema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) whose folders are listed.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"type": listschema.StringAttribute{
				MarkdownDescription: "Only the folders of flows (`FLOW`) or of jobs (`JOB`). ListFlowCategory has no " +
					"such filter: it is applied to the folders returned.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(typeFlow, typeJob)},
			},
		},
	}
}

func (l *categoryListResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	l.client = client
	l.resource = listing.Configured(ctx, NewResource(), req, resp)
}

func (l *categoryListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg categoryListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	projectID := cfg.ProjectID.ValueString()
	typ := cfg.Type.ValueString()
	pages := l.client.CategoryPages(ctx, emrapi.ListCategoriesInput{
		ProjectID: projectID,
		PageSize:  listing.PageSize(req.Limit),
	})
	stream.Results = listing.Stream(ctx, req, listing.Lister[emrapi.Category]{
		Kind:     "categories",
		Resource: l.resource,
		Item: func(c emrapi.Category) (listing.Item, bool) {
			if c.CategoryType == "FILE" || (typ != "" && c.Type != typ) {
				return listing.Item{}, false
			}
			return listing.Item{DisplayName: c.Name, Identity: map[string]string{"project_id": projectID, "id": c.ID}}, true
		},
	}, pages)
}
