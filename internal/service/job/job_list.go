package job

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
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

var (
	_ list.ListResource              = (*jobListResource)(nil)
	_ list.ListResourceWithConfigure = (*jobListResource)(nil)
)

// jobListResource is the emrflow_job list resource (`terraform query`, Terraform >= 1.14): the
// jobs of a project, by ListFlowJob page by page.
type jobListResource struct {
	client   *emrapi.Client
	resource resource.Resource
}

// NewListResource returns the emrflow_job list resource.
func NewListResource() list.ListResource {
	return &jobListResource{}
}

type jobListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
	Type      types.String `tfsdk:"type"`
}

func (l *jobListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_job"
}

func (l *jobListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the jobs of a project (ListFlowJob, page by page), to import them with " +
			"`terraform query -generate-config-out`. `type` is a filter of the API; `name_regex` is applied " +
			"to the names returned.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listschema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) whose jobs are listed.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"name_regex": listschema.StringAttribute{
				MarkdownDescription: "A regular expression (RE2 syntax) the job names must match.",
				Optional:            true,
				Validators:          []validator.String{validate.Regexp()},
			},
			"type": listschema.StringAttribute{
				MarkdownDescription: "Only the jobs of this type, e.g. `SHELL` or `SPARK`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(graph.JobTypes()...)},
			},
		},
	}
}

func (l *jobListResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	l.client = client
	l.resource = listing.Configured(ctx, NewResource(), req, resp)
}

func (l *jobListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg jobListModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	re, diags := listing.NameRegex(cfg.NameRegex)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	projectID := cfg.ProjectID.ValueString()
	pages := l.client.JobPages(ctx, emrapi.ListJobsInput{
		ProjectID: projectID,
		Type:      cfg.Type.ValueString(),
		PageSize:  listing.PageSize(req.Limit),
	})
	stream.Results = listing.Stream(ctx, req, listing.Lister[emrapi.Job]{
		Kind:     "jobs",
		Resource: l.resource,
		Item: func(j emrapi.Job) (listing.Item, bool) {
			if re != nil && !re.MatchString(j.Name) {
				return listing.Item{}, false
			}
			return listing.Item{DisplayName: j.Name, Identity: map[string]string{"project_id": projectID, "id": j.ID}}, true
		},
	}, pages)
}
