package flowrun_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// configRerun is configRun with the run not waited for, and the emrflow_flow_rerun action
// triggered when the load job's params change (rerunExtra goes into its config block). The
// trigger is on a terraform_data that follows the params: on the job itself it would close a
// cycle (the job, the flow that runs it, the action on the flow).
func configRerun(name, loadParams, rerunExtra string) string {
	return configRun(name, "echo extract", loadParams, "    wait_for_completion = false") + fmt.Sprintf(`
resource "terraform_data" "load_params" {
  input      = emrflow_job.load.params
  depends_on = [emrflow_flow.test]

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.emrflow_flow_rerun.test]
    }
  }
}

action "emrflow_flow_rerun" "test" {
  config {
    project_id = emrflow_project.test.id
    flow_id    = emrflow_flow.test.id
%s
  }
}
`, rerunExtra)
}

// flowRun waits for the configuration's flow to have one run in status and returns it read
// with its nodes.
func flowRun(t *testing.T, s *terraform.State, status string) (*emrapi.FlowInstance, error) {
	var runs []emrapi.FlowInstance
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		var err error
		if runs, err = flowRuns(t, s); err != nil {
			return nil, err
		}
		if len(runs) == 1 && runs[0].Status == status {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("want one %s run, got %+v", status, runs)
		}
	}
	return acctest.Client(t).DescribeFlowInstance(context.Background(), runs[0].ProjectID, runs[0].ID)
}

// nodeOf returns the node instance of a run by graph node id.
func nodeOf(in *emrapi.FlowInstance, name string) emrapi.NodeInstance {
	for _, n := range in.Nodes {
		if n.NodeName == name {
			return n
		}
	}
	return emrapi.NodeInstance{}
}

// A run fails on its load node; the load job is fixed, and the rerun its update triggers runs the
// failed node again, in place, while the extract node that had succeeded does not run again.
func TestAccFlowRerunAction_failedNodes(t *testing.T) {
	name := acctest.RandomName("rerun")
	var extract emrapi.NodeInstance
	var runID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: configRerun(name, "load.sh # EMRFLOW_EMULATOR_FAIL: table ods.orders not found", ""),
				Check: func(s *terraform.State) error {
					in, err := flowRun(t, s, emrapi.InstanceFailed)
					if err != nil {
						return err
					}
					runID, extract = in.ID, nodeOf(in, "extract")
					if extract.Status != "OK" || nodeOf(in, "load").Status != "FAILED" {
						return fmt.Errorf("first run: extract %s, load %s", extract.Status, nodeOf(in, "load").Status)
					}
					return nil
				},
			},
			{
				Config: configRerun(name, "load.sh # fixed", ""),
				Check: func(s *terraform.State) error {
					in, err := flowRun(t, s, emrapi.InstanceSucceeded)
					if err != nil {
						return err
					}
					if in.ID != runID {
						return fmt.Errorf("the rerun should be in place: run %s, then %s", runID, in.ID)
					}
					again, load := nodeOf(in, "extract"), nodeOf(in, "load")
					if again.ID != extract.ID || again.StartTime != extract.StartTime || again.EndTime != extract.EndTime {
						return fmt.Errorf("extract ran again: before %+v, after %+v", extract, again)
					}
					if load.Status != "OK" || load.StartTime < extract.EndTime {
						return fmt.Errorf("load was not rerun: %+v", load)
					}
					return nil
				},
			},
		},
	})
}

// A rerun that fails again fails the apply with the failed node, as emrflow_flow_run does; a run
// of another flow is refused on instance_id.
func TestAccFlowRerunAction_failsAgain(t *testing.T) {
	name := acctest.RandomName("rerun-fail")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: configRerun(name, "EMRFLOW_EMULATOR_FAIL: first", ""),
				Check: func(s *terraform.State) error {
					_, err := flowRun(t, s, emrapi.InstanceFailed)
					return err
				},
			},
			{
				Config:      configRerun(name, "EMRFLOW_EMULATOR_FAIL: second", ""),
				ExpectError: regexp.MustCompile(`(?s)Flow run FAILED.*node\s+load\s+FAILED:\s+second`),
			},
			{
				Config:      configRerun(name, "EMRFLOW_EMULATOR_FAIL: third", `    instance_id = "FI-0000000000000000"`),
				ExpectError: regexp.MustCompile(`(?s)Run not found.*FI-0000000000000000`),
			},
		},
	})
}

// A run id of the wrong kind is refused at plan time, on instance_id.
func TestAccFlowRerunAction_badInput(t *testing.T) {
	name := acctest.RandomName("rerun-bad")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      configRerun(name, "echo", `    instance_id = "FNI-0000000000000000"`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)instance_id.*FI-`),
		}},
	})
}
