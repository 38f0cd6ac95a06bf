package flow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
)

// deleteRetryInterval is how often Delete looks again at a flow whose run holds it. A variable so
// that the tests need not wait seconds per step.
var deleteRetryInterval = 3 * time.Second

// flowDeleter is what deleteFlow calls.
type flowDeleter interface {
	DeleteFlow(ctx context.Context, projectID, id string) error
	ListFlowInstances(ctx context.Context, in emrapi.ListFlowInstancesInput) ([]emrapi.FlowInstance, error)
}

// errDeleteRunning is a delete that a run in progress kept from happening until ctx ended.
type errDeleteRunning struct {
	flowID string
	runs   []emrapi.FlowInstance
	err    error // DeleteFlow's last refusal
}

func (e *errDeleteRunning) Error() string {
	return fmt.Sprintf("flow %s has a run in progress (%s): %v", e.flowID, describeRuns(e.runs), e.err)
}

func (e *errDeleteRunning) Unwrap() error { return e.err }

// deleteFlow deletes a flow, waiting while a run of it is in progress: "A running workflow cannot
// be deleted" (console guide, "Edit a workflow"), and no page gives DeleteFlow's message for it.
// So the message is not matched: when DeleteFlow fails, the flow's runs say whether a run holds
// it (PREP, RUNNING, or SUSPENDED, which waits for a resume); if one does, DeleteFlow is tried
// again every deleteRetryInterval until it succeeds or ctx ends (*errDeleteRunning); if none
// does, DeleteFlow's error is the answer. A flow already gone is deleted.
func deleteFlow(ctx context.Context, c flowDeleter, projectID, flowID string) error {
	var held *errDeleteRunning // the last refusal while a run was in progress
	for {
		err := c.DeleteFlow(ctx, projectID, flowID)
		switch {
		case err == nil || emrapi.IsNotFound(err):
			return nil
		case ctx.Err() != nil && held != nil:
			return held
		case ctx.Err() != nil:
			return err
		}
		runs, lerr := c.ListFlowInstances(ctx, emrapi.ListFlowInstancesInput{ProjectID: projectID, FlowID: flowID,
			Statuses: []string{emrapi.InstancePrep, emrapi.InstanceRunning, emrapi.InstanceSuspended}})
		switch {
		case ctx.Err() != nil && held != nil:
			return held
		case lerr != nil || len(runs) == 0:
			return err
		}
		held = &errDeleteRunning{flowID: flowID, runs: runs, err: err}
		tflog.Info(ctx, "flow has a run in progress: waiting for it to end before deleting the flow",
			map[string]any{"flow_id": flowID, "runs": describeRuns(runs)})
		select {
		case <-ctx.Done():
			return held
		case <-time.After(deleteRetryInterval):
		}
	}
}

// describeRuns names runs with their statuses: "run FI-1 RUNNING, run FI-2 PREP".
func describeRuns(runs []emrapi.FlowInstance) string {
	parts := make([]string, 0, len(runs))
	for _, r := range runs {
		parts = append(parts, "run "+r.ID+" "+r.Status)
	}
	return strings.Join(parts, ", ")
}

// deleteErrorDetail tells what to do about a delete that failed: for a run that held the flow,
// which run and how to stop it.
func deleteErrorDetail(err error, projectID string) string {
	var held *errDeleteRunning
	if errors.As(err, &held) {
		return framework.ErrorDetail(held.err, fmt.Sprintf("Flow %s has a run in progress (%s), and a running flow "+
			"cannot be deleted. The run did not end within the delete timeout. Wait for it to end, or stop it (in the "+
			"EMR console: Data Development, project %s, the flow's run, Stop; a SUSPENDED run must be resumed or "+
			"stopped), then destroy again; or raise `timeouts.delete` to wait longer.", held.flowID,
			describeRuns(held.runs), projectID))
	}
	return framework.ErrorDetail(err, "")
}
