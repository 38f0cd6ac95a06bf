package job

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// clusterIDReadNote describes the data sources' cluster_id: read when the answer has one, which
// nothing promises.
const clusterIDReadNote = "The cluster (`C-…`) the job is bound to, when the API's answer names one; null otherwise. " +
	"Neither DescribeFlowJob's and ListFlowJob's documentation nor the SDK's types include ClusterId, so it may be " +
	"null even for a job bound to a cluster."

var (
	_ datasource.DataSource                     = (*jobDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*jobDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*jobDataSource)(nil)
)

// jobDataSource gets its API client from the embedded base (d.Client()).
type jobDataSource struct {
	framework.DataSourceWithClient
}

// NewDataSource returns the emrflow_job data source: one job of a project, by id or by exact
// name, for instance a job made in the console that a flow's graph refers to.
func NewDataSource() datasource.DataSource {
	return &jobDataSource{}
}

type jobDataModel struct {
	ID                types.String `tfsdk:"id"`
	ProjectID         types.String `tfsdk:"project_id"`
	Name              types.String `tfsdk:"name"`
	Type              types.String `tfsdk:"type"`
	Description       types.String `tfsdk:"description"`
	Params            types.String `tfsdk:"params"`
	ParamConf         types.String `tfsdk:"param_conf"`
	CustomVariables   types.String `tfsdk:"custom_variables"`
	EnvConf           types.String `tfsdk:"env_conf"`
	RunConf           types.String `tfsdk:"run_conf"`
	MonitorConf       types.String `tfsdk:"monitor_conf"`
	Mode              types.String `tfsdk:"mode"`
	FailAct           types.String `tfsdk:"fail_act"`
	MaxRetry          types.Int64  `tfsdk:"max_retry"`
	RetryInterval     types.Int64  `tfsdk:"retry_interval"`
	RetryPolicy       types.String `tfsdk:"retry_policy"`
	MaxRunningTimeSec types.Int64  `tfsdk:"max_running_time_sec"`
	ClusterID         types.String `tfsdk:"cluster_id"`
	Adhoc             types.Bool   `tfsdk:"adhoc"`
	ParentCategoryID  types.String `tfsdk:"parent_category_id"`
	GmtCreate         types.Int64  `tfsdk:"gmt_create"`
	GmtModified       types.Int64  `tfsdk:"gmt_modified"`
}

func (d *jobDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_job"
}

func (d *jobDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str, num := listing.ComputedString, listing.ComputedInt64
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one job of a data-development project by `id` or by exact `name` (exactly one of " +
			"them), with DescribeFlowJob (by name: ListFlowJob, then DescribeFlowJob). It is an error when no job, or " +
			"more than one, matches. Use it to refer to a job made in the console from a flow's graph.",
		Attributes: map[string]schema.Attribute{
			"project_id":           listing.ProjectIDArgument("The project (`FP-…`) that holds the job."),
			"id":                   listing.LookupID("The job's ID (`FJ-…`).", validate.IDPrefix(validate.JobPrefix)),
			"name":                 listing.LookupName("job"),
			"type":                 str("The job type: `SHELL`, `SPARK`, `HIVE_SQL`, ..."),
			"description":          str("The job's description."),
			"params":               str("The job's content (command line, SQL, ...); null when empty."),
			"param_conf":           str("Parameter configuration (JSON); null when empty."),
			"custom_variables":     str("Custom variables (JSON); null when empty."),
			"env_conf":             str("Environment variables (JSON); null when empty."),
			"run_conf":             str("Run configuration (JSON); null when empty."),
			"monitor_conf":         str("Monitoring configuration (JSON); null when empty."),
			"mode":                 str("Where the job's launcher runs: `YARN` or `LOCAL`; null when unset."),
			"fail_act":             str("What a failure does: `STOP` or `CONTINUE`; null when unset."),
			"max_retry":            num("How many times a failed run is retried."),
			"retry_interval":       num("Seconds between retries."),
			"retry_policy":         str("The retry policy; null when unset."),
			"max_running_time_sec": num("Longest run, in seconds (0: no limit)."),
			"cluster_id":           str(clusterIDReadNote),
			"adhoc":                schema.BoolAttribute{MarkdownDescription: "Whether the job is an ad-hoc query.", Computed: true},
			"parent_category_id":   str("The folder (`FC-…`) that holds the job; null at the project's root."),
			"gmt_create":           listing.GmtCreate,
			"gmt_modified":         listing.GmtModified,
		},
	}
}

func (d *jobDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return listing.LookupByIDOrName()
}

func (d *jobDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg jobDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	id := cfg.ID.ValueString()
	if cfg.ID.IsNull() {
		name := cfg.Name.ValueString()
		all, err := d.Client().ListJobs(ctx, emrapi.ListJobsInput{ProjectID: projectID, Name: name})
		if err != nil {
			listing.ListFailed(&resp.Diagnostics, err, projectID, "Cannot list the jobs", "")
			return
		}
		var matches []string
		for _, j := range emrapi.NamedExactly(all, name, func(j *emrapi.Job) string { return j.Name }) {
			matches = append(matches, j.ID)
		}
		var ok bool
		if id, ok = listing.OneNamed(&resp.Diagnostics, matches, "job", " of project "+projectID, name); !ok {
			return
		}
	}
	j, err := d.Client().DescribeJob(ctx, projectID, id)
	if emrapi.IsNotFound(err) && !emrapi.IsProjectNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "No such job",
			fmt.Sprintf("Project %s has no job with the ID %q.", projectID, id))
		return
	}
	if err != nil {
		listing.ListFailed(&resp.Diagnostics, err, projectID, "Cannot read the job", "")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenJobData(j))...)
}
