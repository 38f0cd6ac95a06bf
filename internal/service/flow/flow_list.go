package flow

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
	_ list.ListResource              = (*flowListResource)(nil)
	_ list.ListResourceWithConfigure = (*flowListResource)(nil)
)

// flowListResource is the emrflow_flow list resource (`terraform query`, Terraform >= 1.14): the
// flows of a project, by ListFlow page by page.
type flowListResource struct {
	client   *emrapi.Client
	resource resource.Resource
}

// NewListResource returns the emrflow_flow list resource.
func NewListResource() list.ListResource {
	return &flowListResource{}
}

type flowListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
	Status    types.String `tfsdk:"status"`
	ClusterID types.String `tfsdk:"cluster_id"`
}

func (l *flowListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow"
}

func (l *flowListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the flows of a project (ListFlow, page by page), to import them with " +
			"`terraform query -generate-config-out`. `status` and `cluster_id` are filters of the API; " +
			"`name_regex` is applied to the names returned.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listschema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) whose flows are listed.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"name_regex": listschema.StringAttribute{
				MarkdownDescription: "A regular expression (RE2 syntax) the flow names must match.",
				Optional:            true,
				Validators:          []validator.String{validate.Regexp()},
			},
			"status": listschema.StringAttribute{
				MarkdownDescription: "Only the flows of this scheduling status: `STOP_SCHEDULE` or `UNDER_SCHEDULE`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(statusStopped, statusScheduled)},
			},
			"cluster_id": listschema.StringAttribute{
				MarkdownDescription: "Only the flows that run on this cluster (`C-…`) or cluster template (`CT-…`).",
				Optional:            true,
				Validators:          []validator.String{validate.IDPrefix("C-", "CT-")},
			},
		},
	}
}

func (l *flowListResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	l.client = client
	l.resource = listing.Configured(ctx, NewResource(), req, resp)
}

func (l *flowListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg flowListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	re, diags := listing.NameRegex(cfg.NameRegex)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	pages := l.client.FlowPages(ctx, emrapi.ListFlowsInput{
		ProjectID: cfg.ProjectID.ValueString(),
		Status:    cfg.Status.ValueString(),
		ClusterID: cfg.ClusterID.ValueString(),
		PageSize:  listing.PageSize(req.Limit),
	})
	stream.Results = listing.Stream(ctx, req, listing.Lister[emrapi.Flow]{
		Kind:     "flows",
		Resource: l.resource,
		Item: func(f emrapi.Flow) (listing.Item, bool) {
			if re != nil && !re.MatchString(f.Name) {
				return listing.Item{}, false
			}
			return listing.Item{DisplayName: f.Name, Identity: map[string]string{"project_id": cfg.ProjectID.ValueString(), "id": f.ID}}, true
		},
	}, pages)
}
