// Package flow holds the emrflow_flow resource: an EMR data-development workflow, its DAG (the
// typed `graph` block or raw `graph_json`), its schedule and its alerts.
package flow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/editlock"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/planmodifiers"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// Default timeouts of the `timeouts` block.
const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

// Documented limits (ModifyFlow's page: name 64 characters, description 156).
const (
	maxNameLength        = 64
	maxDescriptionLength = 156
)

// Flow statuses.
const (
	statusStopped   = "STOP_SCHEDULE"
	statusScheduled = "UNDER_SCHEDULE"
)

// createdHint is the advice after a failure that follows a successful create: Terraform keeps the
// flow in the state but marks it tainted, so the next apply replaces it unless it is untainted.
const createdHint = "The flow was created and is recorded in the state, marked tainted: the next `terraform apply` " +
	"deletes and creates it again. To keep this one, run `terraform untaint` on the resource first, then apply."

// updatedHint is the advice after a failure that follows a successful update.
const updatedHint = "The flow was updated and is recorded in the state; run `terraform apply` again to finish."

var (
	_ resource.Resource                   = (*flowResource)(nil)
	_ resource.ResourceWithConfigure      = (*flowResource)(nil)
	_ resource.ResourceWithImportState    = (*flowResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*flowResource)(nil)
	_ resource.ResourceWithValidateConfig = (*flowResource)(nil)
)

// flowResource calls the API through the client the provider configured (Client, from the
// embedded base), always through Client().InRegion(the flow's region): a flow may live in another
// region than the provider's, and every call about it must go there.
type flowResource struct {
	framework.ResourceWithClient
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
				MarkdownDescription: "Region of the flow, e.g. `cn-hangzhou`: one of the regions of EMR (checked at plan " +
					"time, so that a typo never plans the replacement of a flow). Defaults to the provider's region. Changing it " +
					"(or the provider's region, when this is unset) replaces the flow.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validate.Region()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) the flow belongs to. Changing it replaces the flow.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "The cluster the flow runs on: an existing cluster (`C-…`), or a cluster template " +
					"(`CT-…`) when `create_cluster` is true. The flow runs only when its project has an " +
					"`emrflow_project_cluster_setting` for the cluster: a plan that creates the flow, or moves it to another " +
					"cluster or project, warns when the project has none (and says nothing when the setting is planned first, " +
					"e.g. `cluster_id = emrflow_project_cluster_setting.<name>.cluster_id`).",
				Required: true,
			},
			"create_cluster": schema.BoolAttribute{
				MarkdownDescription: "Whether a cluster is created from the template `cluster_id` for each run. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the flow, unique within its project: 1 to 64 characters (the limit of ModifyFlow's " +
					"documentation). Renaming is done in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, maxNameLength)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the flow, at most 156 characters (the limit of ModifyFlow's documentation). " +
					"The API requires the parameter but takes an empty one: `\"\"` is accepted.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtMost(maxDescriptionLength)},
			},
			"cron_expr": schema.StringAttribute{
				MarkdownDescription: "Schedule, as a Quartz cron expression of 6 or 7 fields (seconds first, `?` in exactly " +
					"one of day-of-month and day-of-week), e.g. `0 0 0-23/1 * * ?` for every hour. Needs `start_schedule`.",
				Optional:   true,
				Validators: []validator.String{validate.QuartzCron()},
			},
			"start_schedule": schema.Int64Attribute{
				MarkdownDescription: "Start of the schedule, in milliseconds since the Unix epoch, e.g. `1538017814000`. " +
					"Required when `cron_expr` is set; lower than `end_schedule`. Values below `100000000000` (1973) are " +
					"refused as seconds: `provider::emrflow::epoch_ms(\"2026-01-01T00:00:00Z\")` turns a date into milliseconds.",
				Optional:   true,
				Validators: []validator.Int64{validate.EpochMillis()},
			},
			"end_schedule": schema.Int64Attribute{
				MarkdownDescription: "End of the schedule, in milliseconds since the Unix epoch; like `start_schedule`, at least `100000000000`.",
				Optional:            true,
				Validators:          []validator.Int64{validate.EpochMillis()},
			},
			"host_name": schema.StringAttribute{
				MarkdownDescription: "Host the flow's node instances run on, e.g. `emr-header-1.cluster-123456`.",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"parent_flow_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the flows (`F-…`) this flow depends on. `[]` means none, as unset does.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.Set{
					setvalidator.ValueStringsAre(validate.IDPrefix(validate.FlowPrefix)),
				},
			},
			"parent_category_id": schema.StringAttribute{
				MarkdownDescription: "ID of the folder (`FC-…`) that holds the flow; the project's root when unset. The " +
					"server's folder is read back, so a flow moved out of band shows as a change.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validate.IDPrefix(validate.FolderPrefix)},
				PlanModifiers: []planmodifier.String{planmodifiers.NullWhenUnconfigured()},
			},
			"graph_json": schema.StringAttribute{
				MarkdownDescription: "The DAG as the console's raw JSON (`{\"nodes\":[...],\"edges\":[...]}`), for graphs made " +
					"in the console. Compared by meaning: key order, spacing and the UI-only fields the server adds " +
					"(`index`, `spmAnchorId`, ...) make no difference. While it means the same as the server's graph, " +
					"an update sends the server's graph back as it is, so nothing the console added is lost; a changed " +
					"`graph_json` is written as given. Conflicts with the `graph` block.",
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
	return schema.SingleNestedBlock{
		MarkdownDescription: "The flow's DAG, typed: a map of nodes keyed by node id, each naming the nodes it runs after " +
			"(`depends_on`); edges are derived from them. Plans name the node that changed, and the order in which the " +
			"configuration writes the nodes makes no difference. Conflicts with `graph_json`. Checked at plan time: " +
			"node ids of 1 to 64 letters, digits, `_` or `-`, exactly one `START` node and at least one `END` node, " +
			"`depends_on` naming existing nodes, no node depending on itself, no cycles, every `JOB` node with `job_id` " +
			"and `job_type`. What the server's graph holds beyond this model (edge ids and anchors, node sizes and " +
			"shapes, the console's UI fields) is kept on every write.",
		Attributes: map[string]schema.Attribute{
			"layout": schema.StringAttribute{
				MarkdownDescription: "How nodes without `x` and `y` in the configuration are placed. `keep` (the default): a node " +
					"keeps the position it has on the server (also one given in the console), and only new nodes are placed, " +
					"between the nodes they depend on and those depending on them. `auto`: the whole graph is laid out afresh " +
					"(START on top, END at the bottom) whenever the flow changes, ignoring the server's positions; setting it is " +
					"such a change, so `layout = \"auto\"` re-lays out a graph drawn in the console on the next apply. Nodes with " +
					"`x` and `y` in the configuration stay where they are in both.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(layoutKeep, layoutAuto)},
			},
			"nodes": schema.MapNestedAttribute{
				// Required in a graph block, but checked in ValidateConfig: the framework would
				// demand a Required attribute of a single nested block also when the block is absent.
				MarkdownDescription: "The nodes, keyed by node id (e.g. `start`, `extract`, `end`). Required in a `graph` block.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
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
							MarkdownDescription: "Horizontal position of the node's centre on the console canvas. When `x` and `y` " +
								"are unset, the node keeps the position it has (also one it was given in the console), and a new " +
								"node is placed at plan time by a layered auto-layout (START on top, END at the bottom, no overlaps), " +
								"between the nodes it depends on and those depending on it where there is room, so adding a node " +
								"moves no other one. `layout = \"auto\"` on the `graph` block lays out every such node afresh.",
							Optional: true,
							Computed: true,
						},
						"y": schema.Float64Attribute{
							MarkdownDescription: "Vertical position of the node's centre on the console canvas; see `x`.",
							Optional:            true,
							Computed:            true,
						},
						"depends_on": schema.SetAttribute{
							MarkdownDescription: "Ids of the nodes this one runs after (each is an edge from that node to this one). " +
								"Every node but `START` normally has some; `[]` and unset mean the same.",
							ElementType: types.StringType,
							Optional:    true,
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
		PlanModifiers: []planmodifier.Set{alertGroupsUnsetAsEmpty{}},
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
				"user_group_ids":     alertGroupsAttribute("Alert contact groups to tell (`alertUserGroupIdList`), e.g. `AUG-…`."),
				"dingding_group_ids": alertGroupsAttribute("DingTalk groups to tell (`alertDingDingGroupList`), e.g. `ADG-…`."),
			},
		},
	}
}

// alertGroupsAttribute is one of an alert's group lists, described by desc.
func alertGroupsAttribute(desc string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: desc + " `[]` means none, as unset does.",
		ElementType:         types.StringType,
		Optional:            true,
		// Unset is planned as [] (alertGroupsUnsetAsEmpty), as the server's empty list reads, so
		// that neither re-creates the alert block (a set element), an import included.
		Computed: true,
		Validators: []validator.Set{
			setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
		},
	}
}

// timeoutsBlock is the flow's timeouts block, with the defaults in the attributes' descriptions
// (the framework's generic text does not give them).
func timeoutsBlock(ctx context.Context) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: validate.TimeoutDescription("create", defaultCreateTimeout),
		UpdateDescription: validate.TimeoutDescription("update", defaultUpdateTimeout),
		DeleteDescription: validate.TimeoutDescription("delete", defaultDeleteTimeout),
	})
}

// ModifyPlan fills what the plan can know before the API is called, so that plans show it:
//
//   - region: the provider's region when the configuration has none; a change of region (also
//     one of the provider's region under an unset attribute) replaces the flow. This is done here
//     rather than with RequiresReplace on the attribute, because that modifier would see the
//     framework's "unknown" of an unset optional+computed attribute on every update and replace
//     the flow for nothing.
//   - node positions: a node whose x and y the configuration leaves unset keeps the position the
//     state has for its id (the server's, also one given in the console), and a node the state
//     does not have is placed by graph.Layout around the others. Adding a node so moves no other
//     node, and the same graph always plans the same positions.
func (r *flowResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	// Only the attributes this needs are read and only changed ones written: reading the whole
	// model would convert every value of the plan (a large graph's thousands) twice per plan.
	var cfgRegion, planRegion types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("region"), &cfgRegion)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("region"), &planRegion)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// An unset region is the provider's, also when the provider's region changes: the flow is
	// then replaced into the new region (below), as the attribute's description says, instead of
	// being looked for in the wrong one.
	if cfgRegion.IsNull() && r.Client() != nil {
		if want := types.StringValue(r.Client().Region()); !planRegion.Equal(want) {
			planRegion = want
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("region"), planRegion)...)
		}
	}
	if !req.State.Raw.IsNull() {
		var prior types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("region"), &prior)...)
		if !prior.IsNull() && !planRegion.Equal(prior) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("region"))
		}
	}

	var planGraph types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("graph"), &planGraph)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The configuration's and the prior state's graphs are read (each a conversion of every node)
	// only when a position is to be placed: a no-change plan has none.
	if needsLayout(planGraph) {
		var cfgGraph, priorGraph types.Object
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("graph"), &cfgGraph)...)
		if !req.State.Raw.IsNull() {
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("graph"), &priorGraph)...)
		}
		if resp.Diagnostics.HasError() {
			return
		}
		if g, changed := layoutPlannedGraph(planGraph, cfgGraph, priorGraph); changed {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("graph"), g)...)
		}
	}
	resp.Diagnostics.Append(r.checkClusterSetting(ctx, req, planRegion)...)
	// Held first: comparing the whole plan with the state walks every value, and a flow is rarely
	// locked.
	if !req.State.Raw.IsNull() && editlock.Held(ctx, req.Private) && !resp.Plan.Raw.Equal(req.State.Raw) {
		var id types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
		editlock.Warn(ctx, req.Private, "flow "+id.ValueString(), &resp.Diagnostics)
	}
}

// checkClusterSetting reads what warnNoClusterSetting needs and calls it in the flow's region.
func (r *flowResource) checkClusterSetting(ctx context.Context, req resource.ModifyPlanRequest, region types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	if r.Client() == nil {
		return diags
	}
	var c settingCheck
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("project_id"), &c.project)...)
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("cluster_id"), &c.cluster)...)
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("create_cluster"), &c.createCluster)...)
	c.priorProject, c.priorCluster = types.StringNull(), types.StringNull()
	if !req.State.Raw.IsNull() {
		diags.Append(req.State.GetAttribute(ctx, path.Root("project_id"), &c.priorProject)...)
		diags.Append(req.State.GetAttribute(ctx, path.Root("cluster_id"), &c.priorCluster)...)
	}
	if diags.HasError() || region.IsNull() || region.IsUnknown() {
		return diags
	}
	warnNoClusterSetting(ctx, r.Client().InRegion(region.ValueString()), c, &diags)
	return diags
}

// ValidateConfig checks, at plan time and without calling the API, the rules that involve more
// than one attribute or the whole graph. Single-attribute rules are validators in the schema.
func (r *flowResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg flowModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateFlowConfig(ctx, &cfg)...)
}

func (r *flowResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan flowModel
	ctx, cancel := startWrite(ctx, req.Plan, &plan, timeouts.Value.Create, defaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	if plan.Region.IsUnknown() || plan.Region.IsNull() {
		plan.Region = types.StringValue(r.Client().Region())
	}
	client := r.Client().InRegion(plan.Region.ValueString())
	in, diags := expandFlowInput(ctx, &plan, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in.Status = "" // CreateFlowForWeb takes no status; it is applied below

	resp.Diagnostics.Append(checkJobs(ctx, client, &plan, in)...)
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

	id, adopted, err := createFlow(ctx, client, in, r.now)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the flow", framework.ErrorDetail(err, createonce.Hint(err)))
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

	f, err := client.DescribeFlow(ctx, in.ProjectID, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the flow after creating it", framework.ErrorDetail(err, createdHint))
		return
	}
	// A status other than the new flow's is applied with ModifyFlowForWeb, the only call that
	// takes one.
	if want := plan.Status; !want.IsNull() && !want.IsUnknown() && want.ValueString() != f.Status {
		in.Status = want.ValueString()
		if err := client.ModifyFlow(ctx, id, in); err != nil {
			resp.Diagnostics.AddError("Cannot set the status of the new flow", framework.ErrorDetail(err, createdHint))
			return
		}
		if f, err = client.DescribeFlow(ctx, in.ProjectID, id); err != nil {
			resp.Diagnostics.AddError("Cannot read the flow after creating it", framework.ErrorDetail(err, createdHint))
			return
		}
	}
	r.setState(ctx, f, &plan, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *flowResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var state flowModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f, err := r.Client().InRegion(state.Region.ValueString()).DescribeFlow(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if framework.ReadFailed(ctx, err, "flow", state.ID.ValueString(), &resp.State, &resp.Diagnostics) {
		return
	}
	r.setState(ctx, f, &state, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *flowResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var plan, state flowModel
	ctx, cancel := startWrite(ctx, req.Plan, &plan, timeouts.Value.Update, defaultUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	plan.ID = state.ID
	if plan.Region.IsUnknown() || plan.Region.IsNull() {
		plan.Region = state.Region
	}
	client := r.Client().InRegion(plan.Region.ValueString())
	serverGraph, diags := lastServerGraph(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	in, diags := expandFlowInput(ctx, &plan, serverGraph)
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
		resp.Diagnostics.Append(checkJobs(ctx, client, &plan, in)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if err := client.ModifyFlow(ctx, plan.ID.ValueString(), in); err != nil {
		// A refusal while the flow is open in the console says so (the API's wording is unknown).
		if f, ferr := client.DescribeFlow(ctx, in.ProjectID, plan.ID.ValueString()); ferr == nil && f.EditLockDetail != "" {
			resp.Diagnostics.AddError("Cannot update the flow", editlock.Refused("flow "+f.ID, f.EditLockDetail, err))
			return
		}
		resp.Diagnostics.AddError("Cannot update the flow", framework.ErrorDetail(err, ""))
		return
	}
	f, err := client.DescribeFlow(ctx, in.ProjectID, plan.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the flow after updating it", framework.ErrorDetail(err, updatedHint))
		return
	}
	r.setState(ctx, f, &plan, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *flowResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state flowModel
	ctx, cancel := startWrite(ctx, req.State, &state, timeouts.Value.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	// A run in progress holds the flow: deleteFlow waits for it within the delete timeout.
	if err := deleteFlow(ctx, r.Client().InRegion(state.Region.ValueString()), state.ProjectID.ValueString(), state.ID.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete the flow", deleteErrorDetail(err, state.ProjectID.ValueString()))
	}
}

// importIDHelp shows the form of an import id.
const importIDHelp = "Expected <project_id>:<flow_id>, e.g. FP-257A173659F5:F-7A39731FE719 " +
	"(DescribeFlow needs the project, and the flow id alone does not tell it)."

func (r *flowResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if flowIdentity.Import(ctx, req, resp) {
		return
	}
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
	projectID, flowID, err := validate.ParseProjectScopedID(strings.TrimSpace(id), validate.FlowPrefix)
	return projectID, flowID, err == nil
}

// modelGetter is what startWrite reads the model from: the plan (tfsdk.Plan) of a Create or
// Update, the state (tfsdk.State) of a Delete.
type modelGetter interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// startWrite begins a Create, Update or Delete: it reads raw (the plan, or the state for Delete)
// into m and bounds ctx by the operation's time in m's timeouts block (timeout is the block's
// method for the operation, e.g. timeouts.Value.Create), or by def when the block does not set
// it. The caller stops on an error in diags, and defers the cancel function in any case.
func startWrite(ctx context.Context, raw modelGetter, m *flowModel,
	timeout func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	diags.Append(raw.Get(ctx, m)...)
	if diags.HasError() {
		return ctx, func() {}
	}
	d, ds := timeout(m.Timeouts, ctx, def)
	diags.Append(ds...)
	return context.WithTimeout(ctx, d)
}

// setState flattens what the server holds over prior and writes it to state, and keeps the server's
// graph as it was read in the private state, for the next update to merge into (see
// lastServerGraph).
func (r *flowResource) setState(ctx context.Context, f *emrapi.Flow, prior *flowModel, state *tfsdk.State, private privateState, diags *diag.Diagnostics) {
	var m flowModel
	diags.Append(flattenFlow(ctx, f, prior, r.Client().Region(), &m)...)
	if diags.HasError() {
		return
	}
	if d := state.Set(ctx, &m); d.HasError() {
		diags.Append(d...)
		return
	}
	if private != nil {
		diags.Append(saveServerGraph(ctx, private, f.Graph)...)
		diags.Append(editlock.Save(ctx, private, f.EditLockDetail)...)
	}
}

// privateGraphKey is the private-state key of the server's last graph.
//
// Why private state rather than a computed attribute: the server's document is the provider's
// business, not the user's. As an attribute it would show as "known after apply" in every plan
// that touches the graph, be copied into generated configuration, and cost schema weight on every
// plan of every flow; private state travels with the resource (import and refresh fill it, plans
// carry it to apply) without any of that.
const privateGraphKey = "server_graph"

// privateState is the part of the framework's private state the resource uses (its type is
// internal to the framework).
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// saveServerGraph keeps the server's graph document, as a JSON string (private values must be
// JSON, and a string holds any document, valid or not, unchanged).
func saveServerGraph(ctx context.Context, private privateState, doc string) diag.Diagnostics {
	return framework.SetPrivateString(ctx, private, privateGraphKey, doc)
}

// lastServerGraph returns the graph the server held when the flow was last read; nil when it is
// not known (a state written before the provider kept it: the next write then encodes the graph
// afresh).
func lastServerGraph(ctx context.Context, private privateState) ([]byte, diag.Diagnostics) {
	if private == nil {
		return nil, nil
	}
	b, diags := private.GetKey(ctx, privateGraphKey)
	if diags.HasError() || len(b) == 0 {
		return nil, diags
	}
	var doc string
	if err := json.Unmarshal(b, &doc); err != nil || doc == "" {
		return nil, diags
	}
	return []byte(doc), diags
}
