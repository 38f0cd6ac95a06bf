package project

import (
	"context"

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
	_ list.ListResource              = (*projectListResource)(nil)
	_ list.ListResourceWithConfigure = (*projectListResource)(nil)
)

// projectListResource is the emrflow_project list resource (`terraform query`, Terraform >=
// 1.14): the projects of the region, by ListFlowProject page by page.
type projectListResource struct {
	client   *emrapi.Client
	resource resource.Resource
}

// NewListResource returns the emrflow_project list resource.
func NewListResource() list.ListResource {
	return &projectListResource{}
}

type projectListModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
}

func (l *projectListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (l *projectListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the projects of the provider's region (ListFlowProject, page by page), to import " +
			"them with `terraform query -generate-config-out`.",
		Attributes: map[string]listschema.Attribute{
			"name_regex": listschema.StringAttribute{
				MarkdownDescription: "A regular expression (RE2 syntax) the project names must match.",
				Optional:            true,
				Validators:          []validator.String{validate.Regexp()},
			},
		},
	}
}

func (l *projectListResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	l.client = client
	l.resource = listing.Configured(ctx, NewResource(), req, resp)
}

func (l *projectListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg projectListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	re, diags := listing.NameRegex(cfg.NameRegex)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	pages := l.client.ProjectPages(ctx, emrapi.ListProjectsInput{PageSize: listing.PageSize(req.Limit)})
	stream.Results = listing.Stream(ctx, req, listing.Lister[emrapi.Project]{
		Kind:     "projects",
		Resource: l.resource,
		Item: func(p emrapi.Project) (listing.Item, bool) {
			if re != nil && !re.MatchString(p.Name) {
				return listing.Item{}, false
			}
			return listing.Item{DisplayName: p.Name, Identity: map[string]string{"id": p.ID}}, true
		},
	}, pages)
}
