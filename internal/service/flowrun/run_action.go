package flowrun

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

const (
	// defaultTimeout bounds the wait for a run when the configuration does not (DESIGN.md, 4).
	defaultTimeout = 30 * time.Minute
	// logTailLines is how much of a failed node's launcher log the failure shows.
	logTailLines = 10
)

// pollInterval is how often a waiting action reads the run. A variable so that the tests, which
// run the emulator's short nodes, need not wait seconds per step.
var pollInterval = 3 * time.Second

// visibilityGrace is how long a run the service does not know yet is waited for after it was
// submitted (always within the action's timeout). A variable for the same reason as pollInterval.
var visibilityGrace = time.Minute

var (
	_ action.Action              = (*runAction)(nil)
	_ action.ActionWithConfigure = (*runAction)(nil)
)

type runAction struct {
	framework.ActionWithClient
}

// NewAction returns the emrflow_flow_run action: runs a flow and, by default, waits for the run
// to end, reporting each node's progress.
func NewAction() action.Action { return &runAction{} }

// waitModel holds the attributes of waitAttributes, which both run actions have.
type waitModel struct {
	ProjectID         types.String `tfsdk:"project_id"`
	FlowID            types.String `tfsdk:"flow_id"`
	Region            types.String `tfsdk:"region"`
	WaitForCompletion types.Bool   `tfsdk:"wait_for_completion"`
	Timeout           types.String `tfsdk:"timeout"`
}

type runModel struct {
	waitModel
}

func (a *runAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow_run"
}

func (a *runAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs an EMR data-development workflow (flow) once (SubmitFlow), as the console's **Run** " +
			"button does, and by default waits for the run to end, reporting each job node as it starts and ends. " +
			"The action fails when the run ends `FAILED` or `KILLED`, naming the failed nodes with their errors and " +
			"the last lines of their logs. Invoke it with `terraform apply -invoke=action.emrflow_flow_run.<name>`, " +
			"or from a resource's `lifecycle.action_trigger` (for example after a flow is created or updated). " +
			"Requires Terraform 1.14 or later.",
		Attributes: waitAttributes("ID of the flow (`F-…`) to run.", "the run is submitted"),
	}
}

// waitAttributes are the attributes of the actions that start a run and follow it
// (emrflow_flow_run, emrflow_flow_rerun): where the flow is, and how to wait. flowID describes
// flow_id, and started says when the action succeeds without waiting.
func waitAttributes(flowID, started string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"project_id": schema.StringAttribute{
			MarkdownDescription: "ID of the project (`FP-…`) that holds the flow.",
			Required:            true,
			Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
		},
		"flow_id": schema.StringAttribute{
			MarkdownDescription: flowID,
			Required:            true,
			Validators:          []validator.String{validate.IDPrefix(validate.FlowPrefix)},
		},
		"region": schema.StringAttribute{
			MarkdownDescription: "Region of the flow. Defaults to the provider's region.",
			Optional:            true,
			Validators:          []validator.String{validate.NotEmpty()},
		},
		"wait_for_completion": schema.BoolAttribute{
			MarkdownDescription: "Whether to wait for the run to end (default `true`). When `false`, the action " +
				"succeeds as soon as " + started + ".",
			Optional: true,
		},
		"timeout": schema.StringAttribute{
			MarkdownDescription: "How long to wait for the run to end, as a Go duration (`90s`, `30m`, `2h`; " +
				"default `30m`). When it passes, the action fails and says where the run stands; the run itself " +
				"is not stopped.",
			Optional:   true,
			Validators: []validator.String{positiveDuration()},
		},
	}
}

// errTimeout is the cause of the wait's context when the configured timeout passes, to tell it
// from Terraform cancelling the operation (Ctrl-C).
var errTimeout = errors.New("timeout")

func (a *runAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg runModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec, ok := cfg.spec(&resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(runFlow(ctx, a.Client().InRegion(cfg.Region.ValueString()), spec, progressOf(resp))...)
}

// spec reads the configuration into a runSpec; false when timeout is invalid (the diagnostic
// added).
func (m waitModel) spec(diags *diag.Diagnostics) (runSpec, bool) {
	spec := runSpec{
		projectID: m.ProjectID.ValueString(),
		flowID:    m.FlowID.ValueString(),
		wait:      m.WaitForCompletion.IsNull() || m.WaitForCompletion.ValueBool(),
		timeout:   defaultTimeout,
	}
	if !m.Timeout.IsNull() {
		d, err := time.ParseDuration(m.Timeout.ValueString())
		if err != nil || d <= 0 {
			diags.AddAttributeError(pathTimeout, "Invalid timeout", durationHint(m.Timeout.ValueString()))
			return spec, false
		}
		spec.timeout = d
	}
	return spec, true
}

// progressOf sends progress messages to the CLI, when it takes them.
func progressOf(resp *action.InvokeResponse) func(string) {
	return func(msg string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
}

// runSpec is what one invocation asks for.
type runSpec struct {
	projectID, flowID string
	wait              bool
	timeout           time.Duration
}

// runFlow submits the run and, when asked, follows it to its end, the timeout or the
// cancellation of ctx, telling progress what changed at each reading.
func runFlow(ctx context.Context, client *emrapi.Client, spec runSpec, progress func(string)) diag.Diagnostics {
	var diags diag.Diagnostics
	projectID, flowID := spec.projectID, spec.flowID
	ctx, cancel := context.WithTimeoutCause(ctx, spec.timeout, errTimeout)
	defer cancel()
	id, err := client.SubmitFlow(ctx, projectID, flowID, "")
	if err != nil {
		hint := ""
		if emrapi.IsUnknownOutcome(err) {
			hint = "The run may have started all the same: look at the flow's runs (the emrflow_flow_instances " +
				"data source or the console) before running it again."
		}
		if emrapi.IsNotFound(err) {
			hint = fmt.Sprintf("Check that flow %s exists in project %s (and in the region the provider or `region` names).", flowID, projectID)
		}
		if clusterID, ok := emrapi.ClusterNotAssociated(err); ok {
			hint = framework.ClusterSettingHint(projectID, clusterID)
		}
		diags.AddError("Cannot run the flow", framework.ErrorDetail(err, hint))
		return diags
	}
	progress(fmt.Sprintf("submitted flow %s: run %s", flowID, id))
	if !spec.wait {
		return diags
	}
	return follow(ctx, client, spec, id, nil, progress)
}

// follow reads run id until it ends, ctx ends (the caller's timeout or Terraform's
// cancellation) or its status is one the provider does not know, telling progress what changed
// at each reading. before is the run as it was before a rerun (nil for a new run): progress
// tells only what changed since, and a reading that still shows that previous end is the rerun
// not shown yet. A run the service does not show yet (unknown, or its previous end) is waited
// for during visibilityGrace: the service may act after SubmitFlow or RerunFlow has answered.
func follow(ctx context.Context, client *emrapi.Client, spec runSpec, id string, before *emrapi.FlowInstance, progress func(string)) diag.Diagnostics {
	var diags diag.Diagnostics
	projectID, flowID := spec.projectID, spec.flowID
	t := newTracker()
	if before != nil {
		t.update(before)
	}
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	var last *emrapi.FlowInstance
	unseenUntil := time.Now().Add(visibilityGrace)
	toldUnseen := false
	for {
		in, err := client.DescribeFlowInstance(ctx, projectID, id)
		unseen := last == nil && ((err != nil && emrapi.IsNotFound(err)) || (err == nil && before != nil && sameEnd(before, in)))
		switch {
		case ctx.Err() != nil:
			return stopped(ctx, last, id, spec.timeout)
		case unseen && time.Now().Before(unseenUntil):
			if !toldUnseen {
				progress(fmt.Sprintf("run %s: %s yet; waiting up to %s for the service to show it", id,
					cond(before == nil, "not visible", "the rerun does not show"), visibilityGrace))
				toldUnseen = true
			}
		case unseen && err == nil:
			diags.AddError("Cannot follow the flow run", fmt.Sprintf("The rerun of run %s of flow %s was accepted, "+
				"but %s later the run still shows its previous end (%s). Look at the run in the console (or with the "+
				"emrflow_flow_instances data source) before rerunning it again.", id, flowID, visibilityGrace, in.Status))
			return diags
		case err != nil:
			detail := fmt.Sprintf("Run %s of flow %s was submitted; reading its status failed. It was not stopped.", id, flowID)
			if unseen {
				detail = fmt.Sprintf("Run %s of flow %s was submitted, but the service still did not know it after %s. "+
					"Look at the flow's runs (the emrflow_flow_instances data source or the console).", id, flowID, visibilityGrace)
			}
			diags.AddError("Cannot follow the flow run", framework.ErrorDetail(err, detail))
			return diags
		default:
			last = in
			for _, msg := range t.update(in) {
				progress(msg)
			}
			switch statusClass(in.Status) {
			case runSucceeded:
				return diags
			case runFailed:
				// The CLI prints an action's error twice (its "Action failed" line, then the
				// diagnostic): the report, with the log tails, goes once, as the last progress
				// message, and the error is its one-paragraph verdict.
				progress(failureDetail(in, flowID, logTails(ctx, client, projectID, in)))
				diags.AddError(fmt.Sprintf("Flow run %s", in.Status), failureVerdict(in, flowID))
				return diags
			case runUnknown:
				diags.AddError("Flow run has an unknown status", unknownStatusDetail(in, flowID))
				return diags
			}
		}
		select {
		case <-ctx.Done():
			return stopped(ctx, last, id, spec.timeout)
		case <-ticker.C:
		}
	}
}

// stopped reports a wait that ended before the run did: by the configured timeout, or because
// Terraform cancelled the operation. Either way the run goes on: stopping it is a decision the
// action does not take for the user.
func stopped(ctx context.Context, last *emrapi.FlowInstance, id string, timeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	where := "run " + id + " was submitted"
	if last != nil {
		where = runningSummary(last)
	}
	if errors.Is(context.Cause(ctx), errTimeout) {
		diags.AddAttributeError(pathTimeout, "Flow run did not finish in time",
			fmt.Sprintf("The run did not end within the timeout of %s: %s. It was not stopped and goes on running; "+
				"raise `timeout`, or set `wait_for_completion = false` to only start it.", timeout, where))
		return diags
	}
	diags.AddError("Waiting for the flow run was cancelled",
		fmt.Sprintf("Terraform cancelled the operation while %s. The run was not stopped and goes on running.", where))
	return diags
}

// logTails reads the last log lines of each failed node. A log that cannot be read is left out:
// the failure itself is what the user must see.
func logTails(ctx context.Context, client *emrapi.Client, projectID string, in *emrapi.FlowInstance) map[string][]string {
	out := map[string][]string{}
	if ctx.Err() != nil {
		// The wait's deadline has passed; the logs get a few seconds of their own.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
	}
	for _, n := range failedNodes(in) {
		if n.Type != "JOB" {
			continue
		}
		if lines, err := client.NodeInstanceLog(ctx, projectID, n.ID, logTailLines); err == nil {
			out[n.ID] = lines
		}
	}
	return out
}

// sameEnd tells whether a reading still shows the end a run had before a rerun.
func sameEnd(before, in *emrapi.FlowInstance) bool {
	return in.Status == before.Status && in.EndTime == before.EndTime
}

func cond(c bool, yes, no string) string {
	if c {
		return yes
	}
	return no
}
