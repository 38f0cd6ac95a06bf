// Package flow holds the emrflow_flow resource: an EMR data-development workflow, its DAG (the
// typed `graph` block or raw `graph_json`), its schedule and its alerts.
package flow

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
	"github.com/emrflow/terraform-provider-emrflow/internal/planmodifiers"
	"github.com/emrflow/terraform-provider-emrflow/internal/providerdata"
	"github.com/emrflow/terraform-provider-emrflow/internal/validate"
)

// Default timeouts of the `timeouts` block.
const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

// Flow statuses.
const (
	statusStopped   = "STOP_SCHEDULE"
	statusScheduled = "UNDER_SCHEDULE"
)

var (
	_ resource.Resource                   = (*flowResource)(nil)
	_ resource.ResourceWithConfigure      = (*flowResource)(nil)
	_ resource.ResourceWithImportState    = (*flowResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*flowResource)(nil)
	_ resource.ResourceWithValidateConfig = (*flowResource)(nil)
)

type flowResource struct {
	api flowAPI
	// now is time.Now, a field so that tests can fix the clock of the create logic.
	now func() time.Time
}

// NewResource returns the emrflow_flow resource.
func NewResource() resource.Resource {
	return &flowResource{now: time.Now}
}

func (r *flowResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow"
}

func (r *flowResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An EMR data-development workflow (`F-…`): a DAG of flow jobs with a schedule and alerts. " +
			"Managed with CreateFlowForWeb, DescribeFlow, ModifyFlowForWeb and DeleteFlow. Every change but `region` and " +
			"`project_id` is made in place, with the whole desired state sent, so that removing an attribute from the " +
			"configuration clears it on the server.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The flow's ID, e.g. `F-7A39731FE7194F1B`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the flow, e.g. `cn-hangzhou`. Defaults to the provider's region. Changing it " +
					"(or the provider's region, when this is unset) replaces the flow.",
				Optional:   true,
				Computed:   true,
				Validators: nonEmpty,
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) the flow belongs to. Changing it replaces the flow.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.IDPrefix("FP-")},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "The cluster the flow runs on: an existing cluster (`C-…`), or a cluster template " +
					"(`CT-…`) when `create_cluster` is true.",
				Required: true,
			},
			"create_cluster": schema.BoolAttribute{
				MarkdownDescription: "Whether a cluster is created from the template `cluster_id` for each run. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the flow, unique within its project. Renaming is done in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the flow (the API requires one).",
				Required:            true,
				Validators:          nonEmpty,
			},
			"cron_expr": schema.StringAttribute{
				MarkdownDescription: "Schedule, as a Quartz cron expression of 6 or 7 fields (seconds first, `?` in exactly " +
					"one of day-of-month and day-of-week), e.g. `0 0 0-23/1 * * ?` for every hour. Needs `start_schedule`.",
				Optional:   true,
				Validators: []validator.String{validate.QuartzCron()},
			},
			"start_schedule": schema.Int64Attribute{
				MarkdownDescription: "Start of the schedule, in milliseconds since the Unix epoch, e.g. `1538017814000`. " +
					"Required when `cron_expr` is set; lower than `end_schedule`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"end_schedule": schema.Int64Attribute{
				MarkdownDescription: "End of the schedule, in milliseconds since the Unix epoch.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"host_name": schema.StringAttribute{
				MarkdownDescription: "Host the flow's node instances run on, e.g. `emr-header-1.cluster-123456`.",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"parent_flow_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the flows (`F-…`) this flow depends on.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validate.IDPrefix("F-")),
				},
			},
			"parent_category_id": schema.StringAttribute{
				MarkdownDescription: "ID of the folder (`FC-…`) that holds the flow; the project's root when unset. The " +
					"server's folder is read back, so a flow moved out of band shows as a change.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validate.IDPrefix("FC-")},
				PlanModifiers: []planmodifier.String{planmodifiers.NullWhenUnconfigured()},
			},
			"graph_json": schema.StringAttribute{
				MarkdownDescription: "The DAG as the console's raw JSON (`{\"nodes\":[...],\"edges\":[...]}`), for graphs made " +
					"in the console. Compared by meaning: key order, spacing and the UI-only fields the server adds " +
					"(`index`, `spmAnchorId`, ...) make no difference. Conflicts with the `graph` block.",
				CustomType: jsontypes.NormalizedType{},
				Optional:   true,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Scheduling status: `STOP_SCHEDULE` or `UNDER_SCHEDULE` (needs `cron_expr`). A new flow " +
					"is `STOP_SCHEDULE`; when `UNDER_SCHEDULE` is asked for, it is applied with ModifyFlowForWeb right after " +
					"the create. When unset, the server's status is kept and shown; removing `cron_expr` then also stops the flow.",
				Optional: true,
				Computed: true,
				Validators: []validator.String{
					stringvalidator.OneOf(statusStopped, statusScheduled),
				},
				PlanModifiers: []planmodifier.String{
					planmodifiers.UseStateForUnknownUnlessSetOrUnset(path.Root("cron_expr")),
				},
			},
			"periodic": schema.BoolAttribute{
				MarkdownDescription: "Whether the flow runs on a schedule (the server sets it from `cron_expr`).",
				Computed:            true,
				PlanModifiers: []planmodifier.Bool{
					planmodifiers.UseStateForUnknownUnlessSetOrUnset(path.Root("cron_expr")),
				},
			},
			"namespace": schema.StringAttribute{
				MarkdownDescription: "Namespace of the flow (a field of the API's SDK that its public documentation does not list).",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"log_archive_location": schema.StringAttribute{
				MarkdownDescription: "Where the logs of the flow's runs are archived, e.g. `oss://bucket/logs/` (a field of " +
					"the API's SDK that its public documentation does not list).",
				Optional:   true,
				Validators: nonEmpty,
			},
		},
		Blocks: map[string]schema.Block{
			"graph":    graphBlock(),
			"alert":    alertBlock(),
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func graphBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "The flow's DAG, typed. At most one; conflicts with `graph_json`. Checked at plan time: node " +
			"ids unique, exactly one `START` node and at least one `END` node, edges between existing nodes, no " +
			"self-loops or repeated edges, no cycles, every `JOB` node with `job_id` and `job_type`. Rendered to the " +
			"console's JSON; nodes and edges keep the configuration's order.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Blocks: map[string]schema.Block{
				"node": schema.ListNestedBlock{
					MarkdownDescription: "A node of the DAG.",
					NestedObject: schema.NestedBlockObject{
						Attributes: map[string]schema.Attribute{
							"id": schema.StringAttribute{
								MarkdownDescription: "Node id, unique in the graph: 1 to 64 letters, digits, `_` or `-`. Edges refer to it.",
								Required:            true,
							},
							"type": schema.StringAttribute{
								MarkdownDescription: "`START`, `END` or `JOB`.",
								Required:            true,
							},
							"label": schema.StringAttribute{
								MarkdownDescription: "Text the console shows on the node.",
								Optional:            true,
								Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
							},
							"job_id": schema.StringAttribute{
								MarkdownDescription: "For `JOB` nodes: the flow job (`FJ-…`) the node runs, e.g. `emrflow_job.extract.id`.",
								Optional:            true,
							},
							"job_type": schema.StringAttribute{
								MarkdownDescription: "For `JOB` nodes: the job's type, one of " + validate.MarkdownList(graph.JobTypes()) + ". " +
									"Required on `JOB` nodes even when `job_id` comes from an `emrflow_job` (use its `type`, e.g. " +
									"`emrflow_job.extract.type`): the plan then shows each node's type. Before the flow is written, " +
									"the project's jobs are listed once and every `JOB` node is checked: a `job_id` that is not a job " +
									"of the project, or a `job_type` other than the job's, is an error on that node, and nothing is written.",
								Optional: true,
							},
							"host_name": schema.StringAttribute{
								MarkdownDescription: "Host the node runs on (the node's `config.hostName`).",
								Optional:            true,
								Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
							},
							"x": schema.Float64Attribute{
								MarkdownDescription: "Horizontal position of the node's centre on the console canvas. When `x` " +
									"and `y` are unset, a layered auto-layout places the node at plan time (START on top, END at " +
									"the bottom, no overlaps); the same graph always gets the same layout.",
								Optional: true,
								Computed: true,
							},
							"y": schema.Float64Attribute{
								MarkdownDescription: "Vertical position of the node's centre on the console canvas; see `x`.",
								Optional:            true,
								Computed:            true,
							},
						},
					},
				},
				"edge": schema.ListNestedBlock{
					MarkdownDescription: "An edge of the DAG: `target` runs after `source`.",
					NestedObject: schema.NestedBlockObject{
						Attributes: map[string]schema.Attribute{
							"source": schema.StringAttribute{
								MarkdownDescription: "Id of the node the edge leaves.",
								Required:            true,
							},
							"target": schema.StringAttribute{
								MarkdownDescription: "Id of the node the edge enters.",
								Required:            true,
							},
						},
					},
				},
			},
		},
	}
}

func alertBlock() schema.Block {
	return schema.SetNestedBlock{
		MarkdownDescription: "An alert: who is told when an event happens. One block per event (event ids are unique); " +
			"the blocks form a set, so their order makes no difference. Events: `" + validate.EventFlowFailed +
			"` flow failed, `" + validate.EventFlowSucceeded + "` flow succeeded, `" + validate.EventNodeFailed + "` node failed.",
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"event_id": schema.StringAttribute{
					MarkdownDescription: "The event, e.g. `EMR-210401001`.",
					Required:            true,
					Validators:          []validator.String{validate.AlertEventID()},
				},
				"enabled": schema.BoolAttribute{
					MarkdownDescription: "Whether the alert is on. Defaults to `true`.",
					Optional:            true,
					Computed:            true,
					Default:             booldefault.StaticBool(true),
				},
				"user_group_ids": schema.SetAttribute{
					MarkdownDescription: "Alert contact groups to tell (`alertUserGroupIdList`), e.g. `AUG-…`.",
					ElementType:         types.StringType,
					Optional:            true,
					Validators: []validator.Set{
						setvalidator.SizeAtLeast(1),
						setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
					},
				},
				"dingding_group_ids": schema.SetAttribute{
					MarkdownDescription: "DingTalk groups to tell (`alertDingDingGroupList`), e.g. `ADG-…`.",
					ElementType:         types.StringType,
					Optional:            true,
					Validators: []validator.Set{
						setvalidator.SizeAtLeast(1),
						setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
					},
				},
			},
		},
	}
}

func (r *flowResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := providerdata.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	if client != nil {
		r.api = client
	}
}

func (r *flowResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan flowModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	if plan.Region.IsUnknown() || plan.Region.IsNull() {
		plan.Region = types.StringValue(r.api.Region())
	}
	api := r.apiIn(plan.Region.ValueString())
	in, diags := expandFlowInput(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in.Status = "" // CreateFlowForWeb takes no status; it is applied below

	resp.Diagnostics.Append(r.checkJobs(ctx, api, &plan, in)...)
	if resp.Diagnostics.HasError() {
		return // before the create: no half-made flow
	}

	// Ctrl-C makes Terraform cancel ctx: before the first CreateFlowForWeb that simply stops; from
	// it on, the create is seen through (createonce.Begin). The create timeout still bounds it.
	ctx, cancelDetached, err := createonce.Begin(ctx, "flow")
	if err != nil {
		resp.Diagnostics.AddError("Flow not created", err.Error())
		return
	}
	defer cancelDetached()

	id, adopted, err := createFlow(ctx, api, in, r.now)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the flow", providerdata.ErrorDetail(err, createonce.Hint(err)))
		return
	}
	// The id goes to state before anything else can fail, so that a failing follow-up never
	// orphans the flow: Terraform then keeps it (tainted) and can delete or replace it.
	for attr, v := range map[string]types.String{"id": types.StringValue(id), "project_id": plan.ProjectID, "region": plan.Region, "name": plan.Name} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("timeouts"), plan.Timeouts)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "flow created", map[string]any{"id": id, "adopted": adopted})

	f, err := api.DescribeFlow(ctx, in.ProjectID, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the flow after creating it", providerdata.ErrorDetail(err, createdHint))
		return
	}
	// A status other than the new flow's is applied with ModifyFlowForWeb, the only call that
	// takes one.
	if want := plan.Status; !want.IsNull() && !want.IsUnknown() && want.ValueString() != f.Status {
		in.Status = want.ValueString()
		if err := api.ModifyFlow(ctx, id, in); err != nil {
			resp.Diagnostics.AddError("Cannot set the status of the new flow", providerdata.ErrorDetail(err, createdHint))
			return
		}
		if f, err = api.DescribeFlow(ctx, in.ProjectID, id); err != nil {
			resp.Diagnostics.AddError("Cannot read the flow after creating it", providerdata.ErrorDetail(err, createdHint))
			return
		}
	}
	r.store(ctx, f, &plan, &resp.State, &resp.Diagnostics)
}

// checkJobs checks the JOB nodes of the graph about to be written (in.Graph, from the graph
// block or graph_json) against the project's jobs, and returns an error on each node whose job_id
// is not a job of the project or whose job_type is not its job's. The API accepts such a graph and
// the flow fails only when it runs. A graph without JOB nodes costs no call; the project's job
// list (ListFlowJob) is shared by all the flows of the client (ProjectJobTypes caches it until
// this client writes a job of the project).
func (r *flowResource) checkJobs(ctx context.Context, api flowAPI, plan *flowModel, in emrapi.FlowInput) diag.Diagnostics {
	var diags diag.Diagnostics
	if strings.TrimSpace(in.Graph) == "" {
		return diags
	}
	g, err := graph.Decode([]byte(in.Graph))
	if err != nil || !hasJobNodes(g) {
		return diags // an undecodable graph_json was reported at plan time
	}
	jobs, err := api.ProjectJobTypes(ctx, in.ProjectID)
	if err != nil {
		diags.AddError("Cannot check the jobs of the flow's graph",
			providerdata.ErrorDetail(err, "The flow's JOB nodes are checked against the project's jobs (ListFlowJob) before the flow is written; nothing was written."))
		return diags
	}
	// A job may be missing from the list: created by someone else after it was cached, or created
	// earlier in the same apply while the real API's list lags behind its writes. Ask for the few
	// missing ones directly before calling them missing. (jobs is our own copy.)
	for _, n := range g.Nodes {
		if n.Type != graph.NodeJob || n.JobID == "" {
			continue
		}
		if _, listed := jobs[n.JobID]; listed {
			continue
		}
		j, err := api.DescribeJob(ctx, in.ProjectID, n.JobID)
		switch {
		case err == nil:
			jobs[j.ID] = j.Type
		case !emrapi.IsNotFound(err):
			diags.AddError("Cannot check the jobs of the flow's graph",
				providerdata.ErrorDetail(err, "The flow's JOB nodes are checked against the project's jobs before the flow is written; nothing was written."))
			return diags
		}
	}
	usesJSON := len(plan.Graph.Elements()) == 0
	for _, is := range checkJobNodes(g, in.ProjectID, jobs, usesJSON) {
		summary := "Job not found in the project"
		if is.Field == "job_type" {
			summary = "Job type does not match the job"
		}
		if usesJSON {
			diags.AddAttributeError(path.Root("graph_json"), summary, fmt.Sprintf("graph_json nodes[%d]: %s", is.Node, is.Message))
			continue
		}
		diags.AddAttributeError(path.Root("graph").AtListIndex(0).AtName("node").AtListIndex(is.Node).AtName(is.Field), summary, is.Message)
	}
	return diags
}

// createdHint is the advice after a failure that follows a successful create: Terraform keeps the
// flow in the state but marks it tainted, so the next apply replaces it unless it is untainted.
const createdHint = "The flow was created and is recorded in the state, marked tainted: the next `terraform apply` " +
	"deletes and creates it again. To keep this one, run `terraform untaint` on the resource first, then apply."

// updatedHint is the advice after a failure that follows a successful update.
const updatedHint = "The flow was updated and is recorded in the state; run `terraform apply` again to finish."

func (r *flowResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state flowModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f, err := r.apiIn(state.Region.ValueString()).DescribeFlow(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if providerdata.ReadFailed(ctx, err, "flow", state.ID.ValueString(), &resp.State, &resp.Diagnostics) {
		return
	}
	r.store(ctx, f, &state, &resp.State, &resp.Diagnostics)
}

func (r *flowResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state flowModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	plan.ID = state.ID
	if plan.Region.IsUnknown() || plan.Region.IsNull() {
		plan.Region = state.Region
	}
	in, diags := expandFlowInput(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A flow without a schedule cannot stay scheduled: when cron_expr goes and the status is
	// left to the server, it is stopped in the same call (the API refuses to keep a flow without
	// a cron expression UNDER_SCHEDULE).
	if plan.CronExpr.IsNull() && plan.Status.IsUnknown() {
		in.Status = statusStopped
	}
	// The jobs are checked only when the graph changes: an unchanged graph was checked when it
	// was written, and this spares a ListFlowJob walk on every other update.
	if !plan.Graph.Equal(state.Graph) || !plan.GraphJSON.Equal(state.GraphJSON) {
		resp.Diagnostics.Append(r.checkJobs(ctx, r.apiIn(plan.Region.ValueString()), &plan, in)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if err := r.apiIn(plan.Region.ValueString()).ModifyFlow(ctx, plan.ID.ValueString(), in); err != nil {
		resp.Diagnostics.AddError("Cannot update the flow", providerdata.ErrorDetail(err, ""))
		return
	}
	f, err := r.apiIn(plan.Region.ValueString()).DescribeFlow(ctx, in.ProjectID, plan.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the flow after updating it", providerdata.ErrorDetail(err, updatedHint))
		return
	}
	r.store(ctx, f, &plan, &resp.State, &resp.Diagnostics)
}

func (r *flowResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state flowModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	err := r.apiIn(state.Region.ValueString()).DeleteFlow(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the flow", providerdata.ErrorDetail(err, ""))
	}
}

// importIDHelp shows the form of an import id.
const importIDHelp = "Expected <project_id>:<flow_id>, e.g. FP-257A173659F5:F-7A39731FE719 " +
	"(DescribeFlow needs the project, and the flow id alone does not tell it)."

func (r *flowResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	projectID, flowID, ok := parseImportID(req.ID)
	if !ok {
		// The shared parser's message is generic; the flow's says why the project is needed.
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%s Got %q.", importIDHelp, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), flowID)...)
}

// parseImportID splits "FP-…:F-…" with the parser the job and category imports use.
func parseImportID(id string) (projectID, flowID string, ok bool) {
	projectID, flowID, err := validate.ParseProjectScopedID(strings.TrimSpace(id), "F-")
	return projectID, flowID, err == nil
}

// store flattens what the server holds over prior and writes it to state.
func (r *flowResource) store(ctx context.Context, f *emrapi.Flow, prior *flowModel, state *tfsdk.State, diags *diag.Diagnostics) {
	var m flowModel
	diags.Append(flattenFlow(ctx, f, prior, r.api.Region(), &m)...)
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, &m)...)
}

// apiIn returns the API for a flow's region. A flow may live in another region than the
// provider's; every call about it (reads and deletes too, not only writes) must go there, or a
// live flow would look deleted. A test fake has no regions and is returned as it is.
func (r *flowResource) apiIn(region string) flowAPI {
	if c, ok := r.api.(*emrapi.Client); ok {
		return c.InRegion(region)
	}
	return r.api
}
