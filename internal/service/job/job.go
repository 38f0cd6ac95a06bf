// Package job holds the emrflow_job resource: a job of a data-development project (`FJ-…`), the
// unit of work a flow's JOB nodes run.
package job

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/editlock"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// Limits and defaults of the API (CreateFlowJob's documentation).
const (
	// maxNameLength is not documented; it is generous so that the API, not the provider, has the
	// last word on long names.
	maxNameLength    = 128
	maxEnvConfBytes  = 1024 // "the whole JSON string is at most 1024 bytes"
	maxMaxRetry      = 5
	maxRetryInterval = 300 // seconds
	defaultMode      = modeYARN
	defaultFailAct   = failActStop
	modeYARN         = "YARN"
	modeLocal        = "LOCAL"
	failActStop      = "STOP"
	failActContinue  = "CONTINUE"
	privateAlertConf = "alert_conf"
)

// unsetNote is how the free-text settings behave when left out (see flattenJob).
const unsetNote = "Leave it out to clear it; while it is left out, what the server answers for it is not compared."

var (
	_ resource.Resource                = (*jobResource)(nil)
	_ resource.ResourceWithConfigure   = (*jobResource)(nil)
	_ resource.ResourceWithImportState = (*jobResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*jobResource)(nil)
)

// jobResource gets its API client from the embedded base (r.Client()).
type jobResource struct {
	framework.ResourceWithClient
}

// NewResource returns the emrflow_job resource.
func NewResource() resource.Resource {
	return &jobResource{}
}

func (r *jobResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_job"
}

// Schema choices, so that a plan after apply is always empty, whatever the server answers for
// what the configuration leaves out (see flattenJob), and removing an attribute resets it:
//   - free-form strings (description, params, retry_policy, cluster_id) and the JSON attributes are
//     Optional: left out, they are sent as "" (cleared) and stay null in state; an explicit "" is
//     refused at plan time, since "" and "left out" are one thing to the API;
//   - enumerations and numbers are Optional+Computed with a Default equal to the API's documented
//     behaviour when unset: removing them from the configuration plans the default, which is sent;
//   - what ModifyFlowJob cannot change (its documented parameters have no Type, ParentCategory or
//     Adhoc, and it needs at least one ResourceList.N.Path) replaces the job: type, project_id,
//     parent_category_id, adhoc, and removing the last resource block.
func (r *jobResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	jsonAttr := func(desc string, extra ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " A JSON object, best written with `jsonencode()`; formatting, key " +
				"order and numbers or booleans answered as strings make no diff. Leave it out to clear it; while it " +
				"is left out, what the server answers for it (nothing, `{}` or a default of its own) is not compared.",
			CustomType: jsontypes.NormalizedType{},
			Optional:   true,
			Validators: append([]validator.String{validate.JSONObject()}, extra...),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A job of an EMR data-development project (`FJ-…`): a shell command, a Spark " +
			"application, a Hive query… that the JOB nodes of an `emrflow_flow` graph run. Managed with " +
			"CreateFlowJob, DescribeFlowJob, ModifyFlowJob and DeleteFlowJob.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The job's ID, e.g. `FJ-7A39731FE719B3C4`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`) the job belongs to. Changing it replaces the job.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the job, unique within the project. Renaming is done in place.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectName(maxNameLength)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Type of the job: one of " + validate.MarkdownList(vocab.DocumentedJobTypes()) +
					" (the types CreateFlowJob's documentation lists), or " + validate.MarkdownList(vocab.UndocumentedJobTypes()) +
					" (job types the console guide or a real client shows, " +
					"written as the API writes the others; the API documentation does not list them, so the " +
					"API has the last word). Changing it replaces the job.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(vocab.JobTypes()...)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the job. " + unsetNote,
				Optional:            true,
				Validators:          []validator.String{validate.NotEmpty()},
			},
			"params": schema.StringAttribute{
				MarkdownDescription: "The job's content: the command of a SHELL job, the arguments of a SPARK or MR " +
					"job, the query of a SQL job, e.g. `ls -l` or `--class org.example.Main ossref://bucket/app.jar`. " +
					unsetNote,
				Optional:   true,
				Validators: []validator.String{validate.NotEmpty()},
			},
			"param_conf": jsonAttr("Parameters of the job, e.g. `jsonencode({ date = \"$${yyyy-MM-dd}\" })`."),
			"custom_variables": jsonAttr("Custom variables, e.g. `jsonencode({ scope = \"PROJECT\", entityId = " +
				"\"FP-…\", variables = [{ name = \"v1\", value = \"1\" }] })`."),
			"env_conf": jsonAttr(fmt.Sprintf("Environment variables of the job, e.g. `jsonencode({ JAVA_HOME = "+
				"\"/usr/lib/jvm/java\" })`; at most %d bytes as written.", maxEnvConfBytes),
				// LengthAtMost counts bytes (len), which is the limit's unit.
				stringvalidator.LengthAtMost(maxEnvConfBytes)),
			"run_conf": jsonAttr("Run configuration: `priority`, `userName` (the Linux user that submits the job), " +
				"`memory` (MB) and `cores`, e.g. `jsonencode({ priority = 1, userName = \"hadoop\", memory = 2048, cores = 1 })`."),
			"monitor_conf": jsonAttr("Monitoring configuration of a streaming job (its inputs and outputs)."),
			"mode": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Where the job's launcher runs: `%s` or `%s`. Defaults to `%s`.",
					modeYARN, modeLocal, defaultMode),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultMode),
				Validators: []validator.String{stringvalidator.OneOf(modeYARN, modeLocal)},
			},
			"fail_act": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("What a flow does when the job fails: `%s` (stop the flow) or "+
					"`%s` (skip the job and go on). Defaults to `%s`.", failActStop, failActContinue, defaultFailAct),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultFailAct),
				Validators: []validator.String{stringvalidator.OneOf(failActStop, failActContinue)},
			},
			"max_retry": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed run is retried, 0 to %d. Defaults to 0.", maxMaxRetry),
				Optional:            true,
				Computed:            true,
				Default:             int64default.StaticInt64(0),
				Validators:          []validator.Int64{int64validator.Between(0, maxMaxRetry)},
			},
			"retry_interval": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Seconds between retries, 0 to %d. Defaults to 0.", maxRetryInterval),
				Optional:            true,
				Computed:            true,
				Default:             int64default.StaticInt64(0),
				Validators:          []validator.Int64{int64validator.Between(0, maxRetryInterval)},
			},
			"retry_policy": schema.StringAttribute{
				MarkdownDescription: "Retry policy (reserved by the API). " + unsetNote,
				Optional:            true,
				Validators:          []validator.String{validate.NotEmpty()},
			},
			"max_running_time_sec": schema.Int64Attribute{
				MarkdownDescription: "Longest time a run may take, in seconds; 0 (the default) means no limit " +
					"(reserved by the API).",
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "Cluster (`C-…`) the job runs on when it is run on its own; within a flow, the " +
					"flow's cluster is used. Sent on every write but never read back: DescribeFlowJob's documented " +
					"answer (and the SDK's) has no ClusterId, so a change made outside Terraform cannot be detected, " +
					"and an imported job has no `cluster_id` until the configuration gives one.",
				Optional:   true,
				Validators: []validator.String{validate.IDPrefix(validate.ClusterPrefix)},
			},
			"adhoc": schema.BoolAttribute{
				MarkdownDescription: "Whether the job is an ad hoc query job. Defaults to `false`. Changing it " +
					"replaces the job: ModifyFlowJob has no Adhoc parameter.",
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"parent_category_id": schema.StringAttribute{
				MarkdownDescription: "Folder (an `emrflow_category` of type `JOB`, `FC-…`) that holds the job; left " +
					"out (null) or `\"\"`, the job is at the project's root. Changing it replaces the job: " +
					"ModifyFlowJob has no ParentCategory parameter, so a job cannot be moved in place. A configured " +
					"folder is read back, so a job moved out of it by hand plans a replacement; a job at the root is " +
					"not checked.",
				Optional:   true,
				Validators: []validator.String{validate.EmptyOr(validate.IDPrefix(validate.FolderPrefix))},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(folderChanged,
					"Moving a job to another folder replaces it.", "Moving a job to another folder replaces it.")},
			},
		},
		Blocks: map[string]schema.Block{
			"resource": schema.ListNestedBlock{
				MarkdownDescription: "A file the job needs (a jar, a script), downloaded before it runs. Repeat the " +
					"block for several files; their order is kept (a server answering them in another order makes " +
					"no diff). Files are changed in place, but removing the last block replaces the job: " +
					"ModifyFlowJob requires `ResourceList.N.Path`, so it cannot be told \"no files\".",
				PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplaceIf(lastResourceRemoved,
					"Removing the last resource block replaces the job.",
					"Removing the last resource block replaces the job.")},
				NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{
						"path": schema.StringAttribute{
							MarkdownDescription: "Location of the file: `oss://bucket/path/app.jar` or `hdfs:///path/app.jar`.",
							Required:            true,
							Validators:          []validator.String{validate.URLScheme("oss", "hdfs")},
						},
						"alias": schema.StringAttribute{
							MarkdownDescription: "Name the file gets in the job's working directory.",
							Optional:            true,
							Validators:          []validator.String{validate.NotEmpty()},
						},
					},
				},
			},
		},
	}
}

// ModifyPlan warns when an update is planned for a job that was locked for editing in the
// console when last read: the API may refuse it.
func (r *jobResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	editlock.Warn(ctx, req.Private, "job "+id.ValueString(), &resp.Diagnostics)
}

func (r *jobResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan jobModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandJobInput(ctx, &plan, "")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in.Type = plan.Type.ValueString()
	// Ctrl-C stops the apply before the create is sent; once sent, it is seen through.
	ctx, cancel, err := createonce.Begin(ctx, "job")
	if err != nil {
		resp.Diagnostics.AddError("Job not created", err.Error())
		return
	}
	defer cancel()
	res, err := createJob(ctx, r.Client(), in)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the job", framework.ErrorDetail(err, createonce.Hint(err)))
		return
	}
	id := res.ID
	plan.ID = types.StringValue(id)
	// The id goes to state before anything else can fail, so that a failing read never orphans the
	// job.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	tflog.Info(ctx, "job created", map[string]any{"id": id, "project_id": in.ProjectID, "adopted": res.Adopted})
	r.readInto(ctx, &plan, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *jobResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var state jobModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	j, err := r.Client().DescribeJob(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if framework.ReadFailed(ctx, err, "job", state.ID.ValueString(), &resp.State, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(flattenJob(ctx, j, &state)...)
	resp.Diagnostics.Append(setAlertConf(ctx, resp.Private, j.AlertConf)...)
	resp.Diagnostics.Append(editlock.Save(ctx, resp.Private, j.EditLockDetail)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *jobResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var plan jobModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// ModifyFlowJob replaces every field; the job's AlertConf, which this resource does not manage,
	// is sent back as it was last read so that an update does not wipe it.
	alertConf, diags := getAlertConf(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	in, diags := expandJobInput(ctx, &plan, alertConf)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.Client().ModifyJob(ctx, plan.ID.ValueString(), in); err != nil {
		// A refusal while the job is open in the console says so (the API's wording is unknown).
		if j, ferr := r.Client().DescribeJob(ctx, plan.ProjectID.ValueString(), plan.ID.ValueString()); ferr == nil && j.EditLockDetail != "" {
			resp.Diagnostics.AddError("Cannot update the job", editlock.Refused("job "+plan.ID.ValueString(), j.EditLockDetail, err))
			return
		}
		resp.Diagnostics.AddError("Cannot update the job", framework.ErrorDetail(err,
			"Job names are unique within a project."))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.readInto(ctx, &plan, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *jobResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state jobModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.Client().DeleteJob(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the job", framework.ErrorDetail(err,
			"A job that a flow's graph still runs may have to be removed from the flow first."))
	}
}

func (r *jobResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if jobIdentity.Import(ctx, req, resp) {
		return
	}
	projectID, id, err := validate.ParseProjectScopedID(req.ID, validate.JobPrefix)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A job is imported by its project and its own ID, because the API reads a job only "+
				"together with its project: %s.", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// privateState is what Create, Read and Update can write private data to.
type privateState interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// readInto reads the job back after a write and stores what the server holds.
func (r *jobResource) readInto(ctx context.Context, m *jobModel, state *tfsdk.State, private privateState, diags *diag.Diagnostics) {
	j, err := r.Client().DescribeJob(ctx, m.ProjectID.ValueString(), m.ID.ValueString())
	if err != nil {
		framework.ReadBackFailed(diags, "job", err)
		return
	}
	diags.Append(flattenJob(ctx, j, m)...)
	diags.Append(setAlertConf(ctx, private, j.AlertConf)...)
	diags.Append(editlock.Save(ctx, private, j.EditLockDetail)...)
	diags.Append(state.Set(ctx, m)...)
}

// The job's AlertConf lives in the resource's private state, JSON-encoded as the framework wants.

func setAlertConf(ctx context.Context, private privateState, alertConf string) diag.Diagnostics {
	return framework.SetPrivateString(ctx, private, privateAlertConf, alertConf)
}

// privateGetter is what Update's request can read private data from.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func getAlertConf(ctx context.Context, private privateGetter) (string, diag.Diagnostics) {
	b, diags := private.GetKey(ctx, privateAlertConf)
	if diags.HasError() || len(b) == 0 {
		return "", diags
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		diags.AddError("Cannot read the job's recorded alert configuration",
			fmt.Sprintf("The private state holds %q: %s. This is a bug in the provider; please report it.", b, err))
	}
	return s, diags
}
