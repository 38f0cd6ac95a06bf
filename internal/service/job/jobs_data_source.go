package job

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListDataSource returns the emrflow_jobs data source: the jobs of a project, filtered by
// name (a regular expression) and type.
func NewListDataSource() datasource.DataSource {
	return listing.NewDataSource(listing.DataSourceSpec[jobsDataModel]{TypeName: "jobs", Schema: jobsSchema(), Read: readJobs})
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

func jobsSchema() schema.Schema {
	str := listing.ComputedString
	return schema.Schema{
		MarkdownDescription: "Lists the jobs of a data-development project, walking every page of ListFlowJob. `type` " +
			"is a filter of the API; `name_regex` is applied to the names returned. Matching nothing is not an error. " +
			"The `emrflow_job` data source reads one job with all its fields.",
		Attributes: map[string]schema.Attribute{
			"project_id": listing.ProjectIDArgument("The project (`FP-…`) whose jobs are listed."),
			"name_regex": listing.NameRegexArgument("job"),
			"type": schema.StringAttribute{
				MarkdownDescription: "Only the jobs of this type (`SHELL`, `SPARK`, `HIVE_SQL`, ...).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(vocab.JobTypes()...)},
			},
			"ids": listing.IDsAttribute("IDs of the matching jobs, in the API's order."),
			"jobs": listing.ItemsAttribute("The matching jobs, in the same order as `ids`.", map[string]schema.Attribute{
				"id":                 str("The job's ID (`FJ-…`)."),
				"project_id":         str("The project (`FP-…`) that holds the job."),
				"name":               str("The job's name."),
				"type":               str("The job type."),
				"description":        str("The job's description."),
				"cluster_id":         str(clusterIDReadNote),
				"parent_category_id": str("The folder (`FC-…`) that holds the job; null at the project's root."),
				"gmt_create":         listing.GmtCreate,
				"gmt_modified":       listing.GmtModified,
			}),
		},
	}
}

// readJobs lists the jobs of the project (every page of ListFlowJob) that match the filters.
func readJobs(ctx context.Context, client *emrapi.Client, cfg *jobsDataModel, diags *diag.Diagnostics) {
	re, d := listing.NameRegex(cfg.NameRegex)
	if diags.Append(d...); diags.HasError() {
		return
	}
	projectID, jobType := cfg.ProjectID.ValueString(), cfg.Type.ValueString()
	all, err := client.ListJobs(ctx, emrapi.ListJobsInput{ProjectID: projectID, Type: jobType})
	if err != nil {
		listing.ListFailed(diags, err, projectID, "Cannot list the jobs", "")
		return
	}
	// The type is checked again: an API that ignores the filter must not widen the result.
	keep := func(j *emrapi.Job) bool {
		return (re == nil || re.MatchString(j.Name)) && (jobType == "" || j.Type == jobType)
	}
	cfg.IDs, cfg.Jobs, d = listing.Results(ctx, all, keep, func(j *emrapi.Job) string { return j.ID }, jobsItem)
	diags.Append(d...)
}

// jobsItem maps a ListFlowJob item as the resource reads it: the API's "" for an unset optional
// field is null.
func jobsItem(j *emrapi.Job) jobsItemDataModel {
	return jobsItemDataModel{
		ID:               types.StringValue(j.ID),
		ProjectID:        types.StringValue(j.ProjectID),
		Name:             types.StringValue(j.Name),
		Type:             types.StringValue(j.Type),
		Description:      types.StringValue(j.Description),
		ClusterID:        flex.StringOrNull(j.ClusterID),
		ParentCategoryID: flex.StringOrNull(j.CategoryID),
		GmtCreate:        types.Int64Value(j.GmtCreate),
		GmtModified:      types.Int64Value(j.GmtModified),
	}
}
