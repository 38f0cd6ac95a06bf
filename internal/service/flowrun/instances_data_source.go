package flowrun

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// defaultMaxResults bounds the runs read when max_results is unset: each run costs one
// DescribeFlowInstance (ListFlowInstance carries no node instances), and a scheduled flow
// gathers thousands.
const defaultMaxResults = 20

// NewInstancesDataSource returns the emrflow_flow_instances data source: a flow's runs, newest
// first, with their node instances.
func NewInstancesDataSource() datasource.DataSource {
	return listing.NewDataSource(listing.DataSourceSpec[instancesModel]{TypeName: "flow_instances", Schema: instancesSchema(), Read: readInstances})
}

type instancesModel struct {
	ProjectID  types.String    `tfsdk:"project_id"`
	FlowID     types.String    `tfsdk:"flow_id"`
	Region     types.String    `tfsdk:"region"`
	Status     types.String    `tfsdk:"status"`
	MaxResults types.Int64     `tfsdk:"max_results"`
	IDs        types.List      `tfsdk:"ids"`
	Instances  []instanceModel `tfsdk:"instances"`
}

type instanceModel struct {
	ID            types.String `tfsdk:"id"`
	Status        types.String `tfsdk:"status"`
	FlowName      types.String `tfsdk:"flow_name"`
	ClusterID     types.String `tfsdk:"cluster_id"`
	HasNodeFailed types.Bool   `tfsdk:"has_node_failed"`
	ScheduleTime  types.Int64  `tfsdk:"schedule_time"`
	StartTime     types.Int64  `tfsdk:"start_time"`
	EndTime       types.Int64  `tfsdk:"end_time"`
	Duration      types.Int64  `tfsdk:"duration"`
	GmtCreate     types.Int64  `tfsdk:"gmt_create"`
	Nodes         []nodeModel  `tfsdk:"nodes"`
}

type nodeModel struct {
	ID           types.String `tfsdk:"id"`
	NodeName     types.String `tfsdk:"node_name"`
	Type         types.String `tfsdk:"type"`
	Status       types.String `tfsdk:"status"`
	JobID        types.String `tfsdk:"job_id"`
	JobName      types.String `tfsdk:"job_name"`
	JobType      types.String `tfsdk:"job_type"`
	Retries      types.Int64  `tfsdk:"retries"`
	StartTime    types.Int64  `tfsdk:"start_time"`
	EndTime      types.Int64  `tfsdk:"end_time"`
	Duration     types.Int64  `tfsdk:"duration"`
	ExternalInfo types.String `tfsdk:"external_info"`
}

func instancesSchema() schema.Schema {
	str := listing.ComputedString
	ms := func(desc string) schema.Int64Attribute {
		return listing.ComputedInt64(desc + ", in milliseconds since the Unix epoch; null when unset.")
	}
	return schema.Schema{
		MarkdownDescription: "Lists the runs (flow instances) of a flow, newest first, each with its nodes' statuses " +
			"(ListFlowInstance, then DescribeFlowInstance per run). Matching nothing is not an error.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) that holds the flow.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"flow_id": schema.StringAttribute{
				MarkdownDescription: "ID of the flow (`F-…`) whose runs are listed.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.FlowPrefix)},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the flow. Defaults to the provider's region.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.NotEmpty()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Only the runs of this status: " + validate.MarkdownList(emrapi.InstanceStatuses()) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(emrapi.InstanceStatuses()...)},
			},
			"max_results": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("At most this many runs, the newest (default %d, at most 1000).", defaultMaxResults),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 1000)},
			},
			"ids": listing.IDsAttribute("IDs of the runs (`FI-…`), newest first."),
			"instances": listing.ItemsAttribute("The runs, in the same order as `ids`.", map[string]schema.Attribute{
				"id":              str("The run's ID (`FI-…`)."),
				"status":          str("The run's status: " + validate.MarkdownList(emrapi.InstanceStatuses()) + "."),
				"flow_name":       str("Name of the flow when it ran."),
				"cluster_id":      str("The cluster the run ran on."),
				"has_node_failed": schema.BoolAttribute{MarkdownDescription: "Whether a node failed (a run can succeed with a failed node whose job's `fail_act` is `CONTINUE`).", Computed: true},
				"schedule_time":   ms("When the schedule fired this run; null for a run started by hand"),
				"start_time":      ms("When the run started"),
				"end_time":        ms("When the run ended"),
				"duration":        listing.ComputedInt64("How long the run ran (so far), in milliseconds."),
				"gmt_create":      ms("When the run was created"),
				"nodes": listing.ItemsAttribute("The run's nodes, in the order they ran (by start time; at the same time `START` "+
					"first and `END` last; the nodes that did not start last, by name), whatever order the API lists them in.", map[string]schema.Attribute{
					"id":            str("The node instance's ID (`FNI-…`)."),
					"node_name":     str("The graph node's id (a key of the flow's `graph.nodes`)."),
					"type":          str("`START`, `END`, `JOB` or `CLUSTER` (a node that creates the run's cluster)."),
					"status":        str("`PREP`, `SUBMITTING`, `RUNNING`, `OK`, `FAILED`, `KILLED`, `KILL_FAILED` or `START_RETRY`."),
					"job_id":        str("The job a JOB node ran; null for other nodes."),
					"job_name":      str("Name of that job; null for other nodes."),
					"job_type":      str("Type of that job; null for other nodes."),
					"retries":       listing.ComputedInt64("How many times the job was retried."),
					"start_time":    ms("When the node started"),
					"end_time":      ms("When the node ended"),
					"duration":      listing.ComputedInt64("How long the node ran, in milliseconds."),
					"external_info": str("The job's error diagnosis when it failed; null otherwise."),
				}),
			}),
		},
	}
}

// readInstances lists the flow's newest runs (ListFlowInstance) and reads each one
// (DescribeFlowInstance) for its node instances.
func readInstances(ctx context.Context, c *emrapi.Client, cfg *instancesModel, diags *diag.Diagnostics) {
	client := c.InRegion(cfg.Region.ValueString())
	projectID, flowID := cfg.ProjectID.ValueString(), cfg.FlowID.ValueString()
	limit := defaultMaxResults
	if !cfg.MaxResults.IsNull() {
		limit = int(cfg.MaxResults.ValueInt64())
	}
	in := emrapi.ListFlowInstancesInput{ProjectID: projectID, FlowID: flowID, Limit: limit}
	if s := cfg.Status.ValueString(); s != "" {
		in.Statuses = []string{s}
	}
	list, err := client.ListFlowInstances(ctx, in)
	if err != nil {
		diags.AddError("Cannot list the flow's runs",
			framework.ErrorDetail(err, fmt.Sprintf("Listing the runs of flow %s in project %s.", flowID, projectID)))
		return
	}
	runs := make([]emrapi.FlowInstance, 0, len(list))
	for _, item := range list {
		full, err := client.DescribeFlowInstance(ctx, projectID, item.ID)
		if emrapi.IsNotFound(err) {
			continue // deleted between the list and the read
		}
		if err != nil {
			diags.AddError("Cannot read a flow run",
				framework.ErrorDetail(err, fmt.Sprintf("Reading run %s of flow %s.", item.ID, flowID)))
			return
		}
		runs = append(runs, *full)
	}
	var d diag.Diagnostics
	cfg.IDs, cfg.Instances, d = listing.Results(ctx, runs, nil, func(r *emrapi.FlowInstance) string { return r.ID }, instanceItem)
	diags.Append(d...)
	cfg.Region = types.StringValue(client.Region())
}

func instanceItem(in *emrapi.FlowInstance) instanceModel {
	m := instanceModel{
		ID: types.StringValue(in.ID), Status: types.StringValue(in.Status), FlowName: types.StringValue(in.FlowName),
		ClusterID: types.StringValue(in.ClusterID), HasNodeFailed: types.BoolValue(in.HasNodeFailed),
		ScheduleTime: flex.Int64OrNull(in.ScheduleTime), StartTime: flex.Int64OrNull(in.StartTime), EndTime: flex.Int64OrNull(in.EndTime),
		Duration: types.Int64Value(in.Duration), GmtCreate: flex.Int64OrNull(in.GmtCreate), Nodes: []nodeModel{},
	}
	for _, n := range inRunOrder(in.Nodes) {
		m.Nodes = append(m.Nodes, nodeModel{
			ID: types.StringValue(n.ID), NodeName: types.StringValue(n.NodeName), Type: types.StringValue(n.Type),
			Status: types.StringValue(n.Status), JobID: flex.StringOrNull(n.JobID), JobName: flex.StringOrNull(n.JobName),
			JobType: flex.StringOrNull(n.JobType), Retries: types.Int64Value(n.Retries), StartTime: flex.Int64OrNull(n.StartTime),
			EndTime: flex.Int64OrNull(n.EndTime), Duration: types.Int64Value(n.Duration), ExternalInfo: flex.StringOrNull(n.ExternalInfo),
		})
	}
	return m
}
