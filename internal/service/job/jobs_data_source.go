package job

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ datasource.DataSource              = (*jobsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*jobsDataSource)(nil)
)

type jobsDataSource struct {
	client *emrapi.Client
}

// NewListDataSource returns the emrflow_jobs data source: the jobs of a project, filtered by
// name (a regular expression) and type.
func NewListDataSource() datasource.DataSource {
	return &jobsDataSource{}
}

type jobsDataModel struct {
	ProjectID types.String        `tfsdk:"project_id"`
	NameRegex types.String        `tfsdk:"name_regex"`
	Type      types.String        `tfsdk:"type"`
	IDs       types.List          `tfsdk:"ids"`
	Jobs      []jobsItemDataModel `tfsdk:"jobs"`
}

type jobsItemDataModel struct {
	ID               types.String `tfsdk:"id"`
	ProjectID        types.String `tfsdk:"project_id"`
	Name             types.String `tfsdk:"name"`
	Type             types.String `tfsdk:"type"`
	Description      types.String `tfsdk:"description"`
	ClusterID        types.String `tfsdk:"cluster_id"`
	ParentCategoryID types.String `tfsdk:"parent_category_id"`
	GmtCreate        types.Int64  `tfsdk:"gmt_create"`
	GmtModified      types.Int64  `tfsdk:"gmt_modified"`
}

func (d *jobsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_jobs"
}

func (d *jobsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the jobs of a data-development project, walking every page of ListFlowJob. `type` " +
			"is a filter of the API; `name_regex` is applied to the names returned. Matching nothing is not an error. " +
			"The `emrflow_job` data source reads one job with all its fields.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`) whose jobs are listed.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"name_regex": schema.StringAttribute{
				MarkdownDescription: "A regular expression (RE2 syntax) the job names must match.",
				Optional:            true,
				Validators:          []validator.String{validate.Regexp()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Only the jobs of this type (`SHELL`, `SPARK`, `HIVE_SQL`, ...).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(jobTypes()...)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching jobs, in the API's order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"jobs": schema.ListNestedAttribute{
				MarkdownDescription: "The matching jobs, in the same order as `ids`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":                 str("The job's ID (`FJ-…`)."),
						"project_id":         str("The project (`FP-…`) that holds the job."),
						"name":               str("The job's name."),
						"type":               str("The job type."),
						"description":        str("The job's description."),
						"cluster_id":         str(clusterIDReadNote),
						"parent_category_id": str("The folder (`FC-…`) that holds the job; null at the project's root."),
						"gmt_create":         schema.Int64Attribute{MarkdownDescription: "Creation time, in milliseconds since the epoch.", Computed: true},
						"gmt_modified":       schema.Int64Attribute{MarkdownDescription: "Last modification time, in milliseconds since the epoch.", Computed: true},
					},
				},
			},
		},
	}
}

func (d *jobsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.client = client
}

func (d *jobsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg jobsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var re *regexp.Regexp
	if !cfg.NameRegex.IsNull() {
		// Validated at plan time; compiled again here because validation may have seen an unknown.
		var err error
		if re, err = regexp.Compile(cfg.NameRegex.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", err.Error())
			return
		}
	}
	projectID, jobType := cfg.ProjectID.ValueString(), cfg.Type.ValueString()
	all, err := d.client.ListJobs(ctx, emrapi.ListJobsInput{ProjectID: projectID, Type: jobType})
	if err != nil {
		lookupFailed(&resp.Diagnostics, err, projectID, "Cannot list the jobs")
		return
	}
	ids := []string{}
	cfg.Jobs = []jobsItemDataModel{}
	for _, j := range all {
		// The type is checked again: an API that ignores the filter must not widen the result.
		if (re != nil && !re.MatchString(j.Name)) || (jobType != "" && j.Type != jobType) {
			continue
		}
		ids = append(ids, j.ID)
		cfg.Jobs = append(cfg.Jobs, jobsItemDataModel{
			ID:               types.StringValue(j.ID),
			ProjectID:        types.StringValue(j.ProjectID),
			Name:             types.StringValue(j.Name),
			Type:             types.StringValue(j.Type),
			Description:      types.StringValue(j.Description),
			ClusterID:        flex.StringOrNull(j.ClusterID),
			ParentCategoryID: flex.StringOrNull(j.CategoryID),
			GmtCreate:        types.Int64Value(j.GmtCreate),
			GmtModified:      types.Int64Value(j.GmtModified),
		})
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	cfg.IDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
