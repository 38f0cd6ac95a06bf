package flow

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// NewListDataSource returns the emrflow_flows data source: the flows of a project, filtered by
// name (a regular expression), status and cluster.
func NewListDataSource() datasource.DataSource {
	return listing.NewDataSource(listing.DataSourceSpec[flowsDataModel]{TypeName: "flows", Schema: flowsSchema(), Read: readFlows})
}

type flowsDataModel struct {
	ProjectID types.String         `tfsdk:"project_id"`
	NameRegex types.String         `tfsdk:"name_regex"`
	Status    types.String         `tfsdk:"status"`
	ClusterID types.String         `tfsdk:"cluster_id"`
	IDs       types.List           `tfsdk:"ids"`
	Flows     []flowsItemDataModel `tfsdk:"flows"`
}

// flowsItemDataModel is one flow of the list: the fields ListFlow returns (its items carry no
// parent flows, graph or alerts; emrflow_flow reads those).
type flowsItemDataModel struct {
	ID               types.String `tfsdk:"id"`
	ProjectID        types.String `tfsdk:"project_id"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	ClusterID        types.String `tfsdk:"cluster_id"`
	Status           types.String `tfsdk:"status"`
	Periodic         types.Bool   `tfsdk:"periodic"`
	CronExpr         types.String `tfsdk:"cron_expr"`
	StartSchedule    types.Int64  `tfsdk:"start_schedule"`
	EndSchedule      types.Int64  `tfsdk:"end_schedule"`
	ParentCategoryID types.String `tfsdk:"parent_category_id"`
	GmtCreate        types.Int64  `tfsdk:"gmt_create"`
	GmtModified      types.Int64  `tfsdk:"gmt_modified"`
}

func flowsSchema() schema.Schema {
	str := listing.ComputedString
	return schema.Schema{
		MarkdownDescription: "Lists the EMR data-development workflows (flows) of a project, walking every page of " +
			"ListFlow. `status` and `cluster_id` are filters of the API; `name_regex` is applied to the names " +
			"returned. Matching nothing is not an error.",
		Attributes: map[string]schema.Attribute{
			"project_id": listing.ProjectIDArgument("ID of the project (`FP-…`) whose flows are listed."),
			"name_regex": listing.NameRegexArgument("flow"),
			"status": schema.StringAttribute{
				MarkdownDescription: "Only the flows of this scheduling status: `STOP_SCHEDULE` or `UNDER_SCHEDULE`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(statusStopped, statusScheduled)},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "Only the flows that run on this cluster (`C-…`) or cluster template (`CT-…`).",
				Optional:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ClusterPrefix, validate.ClusterTemplatePrefix)},
			},
			"ids": listing.IDsAttribute("IDs of the matching flows, in the API's order."),
			"flows": listing.ItemsAttribute("The matching flows, in the same order as `ids`.", map[string]schema.Attribute{
				"id":                 str("The flow's ID (`F-…`)."),
				"project_id":         str("ID of the project (`FP-…`) that holds the flow."),
				"name":               str("The flow's name."),
				"description":        str("The flow's description."),
				"cluster_id":         str("The cluster (`C-…`) or cluster template (`CT-…`) the flow runs on."),
				"status":             str("Scheduling status: `STOP_SCHEDULE` or `UNDER_SCHEDULE`."),
				"periodic":           schema.BoolAttribute{MarkdownDescription: "Whether the flow runs on a schedule.", Computed: true},
				"cron_expr":          str("Schedule, as a Quartz cron expression; null when the flow has none."),
				"start_schedule":     listing.ComputedInt64("Start of the schedule, in milliseconds since the Unix epoch; null when unset."),
				"end_schedule":       listing.ComputedInt64("End of the schedule, in milliseconds since the Unix epoch; null when unset."),
				"parent_category_id": str("ID of the folder (`FC-…`) that holds the flow; null at the project's root."),
				"gmt_create":         listing.GmtCreate,
				"gmt_modified":       listing.GmtModified,
			}),
		},
	}
}

// readFlows lists the flows of the project (every page of ListFlow) that match the filters.
func readFlows(ctx context.Context, client *emrapi.Client, cfg *flowsDataModel, diags *diag.Diagnostics) {
	re, d := listing.NameRegex(cfg.NameRegex)
	if diags.Append(d...); diags.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	all, err := client.ListFlows(ctx, emrapi.ListFlowsInput{
		ProjectID: projectID,
		Status:    cfg.Status.ValueString(),
		ClusterID: cfg.ClusterID.ValueString(),
	})
	if err != nil {
		listing.ListFailed(diags, err, projectID, "Cannot list flows", fmt.Sprintf("Listing the flows of project %s.", projectID))
		return
	}
	keep := func(f *emrapi.Flow) bool { return re == nil || re.MatchString(f.Name) }
	cfg.IDs, cfg.Flows, d = listing.Results(ctx, all, keep, func(f *emrapi.Flow) string { return f.ID }, flowsItem)
	diags.Append(d...)
}

// flowsItem maps a ListFlow item with the resource's rules: the API's "" and 0 for an unset
// optional field read as null.
func flowsItem(f *emrapi.Flow) flowsItemDataModel {
	return flowsItemDataModel{
		ID:               types.StringValue(f.ID),
		ProjectID:        types.StringValue(f.ProjectID),
		Name:             types.StringValue(f.Name),
		Description:      types.StringValue(f.Description),
		ClusterID:        types.StringValue(f.ClusterID),
		Status:           flex.StringOrNull(f.Status),
		Periodic:         types.BoolValue(f.Periodic),
		CronExpr:         flex.StringOrNull(f.CronExpr),
		StartSchedule:    flex.Int64OrNull(f.StartSchedule),
		EndSchedule:      flex.Int64OrNull(f.EndSchedule),
		ParentCategoryID: flex.StringOrNull(f.CategoryID),
		GmtCreate:        types.Int64Value(f.GmtCreate),
		GmtModified:      types.Int64Value(f.GmtModified),
	}
}
