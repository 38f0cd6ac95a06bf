package flowrun

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ action.Action              = (*rerunAction)(nil)
	_ action.ActionWithConfigure = (*rerunAction)(nil)
)

var pathInstanceID = path.Root("instance_id")

type rerunAction struct {
	framework.ActionWithClient
}

// NewRerunAction returns the emrflow_flow_rerun action: reruns a finished run of a flow (by
// default its latest, and only the nodes that did not succeed) and follows it as emrflow_flow_run
// does.
func NewRerunAction() action.Action { return &rerunAction{} }

type rerunModel struct {
	waitModel
	InstanceID types.String `tfsdk:"instance_id"`
	FailedOnly types.Bool   `tfsdk:"failed_only"`
}

func (a *rerunAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow_rerun"
}

func (a *rerunAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := waitAttributes("ID of the flow (`F-…`) whose run to rerun.", "the rerun is accepted")
	attrs["instance_id"] = schema.StringAttribute{
		MarkdownDescription: "ID of the run (flow instance, `FI-…`) to rerun. Defaults to the flow's latest run. " +
			"The run must have ended (`SUCCEEDED`, `FAILED` or `KILLED`).",
		Optional:   true,
		Validators: []validator.String{validate.IDPrefix(validate.FlowInstancePrefix)},
	}
	attrs["failed_only"] = schema.BoolAttribute{
		MarkdownDescription: "Whether to rerun only the nodes that did not succeed (default `true`): the failed " +
			"ones and those that never ran behind them; nodes that ended `OK` do not run again. When `false`, " +
			"the whole run is rerun from its start node.",
		Optional: true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reruns a finished run of an EMR data-development workflow (flow) in place (RerunFlow), " +
			"as the console's **Rerun** does: by default the flow's latest run, and only its nodes that did not " +
			"succeed, reading their jobs as they are now (fix a job, then rerun the failed nodes). It then waits " +
			"for the run to end as `emrflow_flow_run` does, reporting each node as it starts and ends, and fails " +
			"when the run ends `FAILED` or `KILLED`, naming the failed nodes with their errors and log tails. " +
			"Invoke it with `terraform apply -invoke=action.emrflow_flow_rerun.<name>`. Requires Terraform 1.14 " +
			"or later.",
		Attributes: attrs,
	}
}

func (a *rerunAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg rerunModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec, ok := cfg.spec(&resp.Diagnostics)
	if !ok {
		return
	}
	failedOnly := cfg.FailedOnly.IsNull() || cfg.FailedOnly.ValueBool()
	resp.Diagnostics.Append(rerunFlow(ctx, a.Client().InRegion(cfg.Region.ValueString()), spec,
		cfg.InstanceID.ValueString(), failedOnly, progressOf(resp))...)
}

// rerunFlow reruns run id of the flow (its latest when id is ""), the failed nodes only when
// failedOnly, and, when asked, follows it as runFlow does.
func rerunFlow(ctx context.Context, client *emrapi.Client, spec runSpec, id string, failedOnly bool, progress func(string)) diag.Diagnostics {
	var diags diag.Diagnostics
	projectID, flowID := spec.projectID, spec.flowID
	ctx, cancel := context.WithTimeoutCause(ctx, spec.timeout, errTimeout)
	defer cancel()
	before, ok := runToRerun(ctx, client, spec, id, &diags)
	if !ok {
		return diags
	}
	id = before.ID
	if failedOnly && before.Status == emrapi.InstanceSucceeded && !before.HasNodeFailed {
		progress(fmt.Sprintf("run %s of flow %s succeeded: no failed node to rerun", id, flowID))
		return diags
	}
	if err := client.RerunFlow(ctx, projectID, id, failedOnly); err != nil {
		hint := ""
		if emrapi.IsUnknownOutcome(err) {
			hint = fmt.Sprintf("The rerun may have started all the same: look at run %s (the emrflow_flow_instances "+
				"data source or the console) before rerunning it again.", id)
		}
		diags.AddError("Cannot rerun the flow run", framework.ErrorDetail(err, hint))
		return diags
	}
	what := "every node of run " + id
	if failedOnly {
		what = "the nodes of run " + id + " that did not succeed"
	}
	progress(fmt.Sprintf("rerunning %s (flow %s, which ended %s)", what, flowID, before.Status))
	if !spec.wait {
		return diags
	}
	return follow(ctx, client, spec, id, before, progress)
}

// runToRerun reads the run to rerun: id, or the flow's latest run when id is "". It must be a run
// of the flow, and have ended. false when it cannot be rerun (the diagnostic added).
func runToRerun(ctx context.Context, client *emrapi.Client, spec runSpec, id string, diags *diag.Diagnostics) (*emrapi.FlowInstance, bool) {
	projectID, flowID := spec.projectID, spec.flowID
	if id == "" {
		runs, err := client.ListFlowInstances(ctx, emrapi.ListFlowInstancesInput{ProjectID: projectID, FlowID: flowID, Limit: 1})
		if err != nil {
			diags.AddError("Cannot find the flow's latest run", framework.ErrorDetail(err, ""))
			return nil, false
		}
		if len(runs) == 0 {
			diags.AddError("Nothing to rerun", fmt.Sprintf("Flow %s in project %s has no runs. Run it first "+
				"(the emrflow_flow_run action), or set `instance_id`.", flowID, projectID))
			return nil, false
		}
		id = runs[0].ID
	}
	in, err := client.DescribeFlowInstance(ctx, projectID, id)
	switch {
	case emrapi.IsNotFound(err):
		diags.AddAttributeError(pathInstanceID, "Run not found", fmt.Sprintf("Run %s is not a run of project %s "+
			"(in the region the provider or `region` names). The flow's runs are listed by the "+
			"emrflow_flow_instances data source.", id, projectID))
		return nil, false
	case err != nil:
		diags.AddError("Cannot read the run to rerun", framework.ErrorDetail(err, ""))
		return nil, false
	case in.FlowID != "" && in.FlowID != flowID:
		diags.AddAttributeError(pathInstanceID, "Run of another flow", fmt.Sprintf("Run %s is a run of flow %s, "+
			"not of flow %s: set `flow_id` to the run's flow, or `instance_id` to a run of this flow.", id, in.FlowID, flowID))
		return nil, false
	case !emrapi.InstanceFinished(in.Status):
		diags.AddError("Cannot rerun a run in progress", fmt.Sprintf("Run %s of flow %s is %s: a run can be rerun "+
			"once it has ended (SUCCEEDED, FAILED or KILLED).", id, flowID, in.Status))
		return nil, false
	}
	if in.ID == "" {
		in.ID = id
	}
	return in, true
}
