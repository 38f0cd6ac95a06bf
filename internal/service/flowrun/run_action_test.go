package flowrun_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/flowrun"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

func TestMain(m *testing.M) {
	// The emulator's nodes take a second; polling every 3 s would make each test wait for nothing.
	restore := flowrun.SetPollInterval(200 * time.Millisecond)
	code := m.Run()
	restore()
	os.Exit(code)
}

// actions need Terraform 1.14 (action blocks and lifecycle.action_trigger).
var needActions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

// configRun is a project with the jobs extract and load (their params given), a flow
// START -> extract -> load -> END, and the emrflow_flow_run action triggered after the flow is
// created. actionExtra goes into the action's config block.
func configRun(name, extractParams, loadParams, actionExtra string) string {
	return acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_job" "extract" {
  project_id  = emrflow_project.test.id
  name        = "extract"
  type        = "SHELL"
  description = "extract"
  params      = %[2]q
}

resource "emrflow_job" "load" {
  project_id  = emrflow_project.test.id
  name        = "load"
  type        = "SHELL"
  description = "load"
  params      = %[3]q
}

resource "emrflow_project_cluster_setting" "test" {
  project_id = emrflow_project.test.id
  cluster_id = %[4]q
}

# The flow runs only once its cluster is associated with the project.
resource "emrflow_flow" "test" {
  depends_on  = [emrflow_project_cluster_setting.test]
  project_id  = emrflow_project.test.id
  name        = %[1]q
  description = "run by the emrflow_flow_run action"
  cluster_id  = %[4]q
  graph_json = jsonencode({
    nodes = [
      { id = "start", type = "node", shape = "startControlNode", x = 300, y = 40, attribute = { type = "START" } },
      { id = "extract", type = "node", shape = "shellJobNode", label = "extract", x = 300, y = 140,
        attribute = { type = "JOB", jobType = "SHELL", jobId = emrflow_job.extract.id } },
      { id = "load", type = "node", shape = "shellJobNode", label = "load", x = 300, y = 240,
        attribute = { type = "JOB", jobType = "SHELL", jobId = emrflow_job.load.id } },
      { id = "end", type = "node", shape = "endControlNode", x = 300, y = 340, attribute = { type = "END" } },
    ]
    edges = [
      { id = "e1", source = "start", target = "extract" },
      { id = "e2", source = "extract", target = "load" },
      { id = "e3", source = "load", target = "end" },
    ]
  })

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.emrflow_flow_run.test]
    }
  }
}

action "emrflow_flow_run" "test" {
  config {
    project_id = emrflow_project.test.id
    flow_id    = emrflow_flow.test.id
%[5]s
  }
}
`, name, extractParams, loadParams, acctest.ClusterID(), actionExtra)
}

// flowRuns asks the API for the runs of the configuration's flow.
func flowRuns(t *testing.T, s *terraform.State) ([]emrapi.FlowInstance, error) {
	rs := s.RootModule().Resources["emrflow_flow.test"]
	if rs == nil {
		return nil, fmt.Errorf("emrflow_flow.test not in state")
	}
	return acctest.Client(t).ListFlowInstances(context.Background(), emrapi.ListFlowInstancesInput{
		ProjectID: rs.Primary.Attributes["project_id"], FlowID: rs.Primary.ID,
	})
}

// The trigger after create runs the new flow and waits: when apply returns, the run has
// succeeded, node by node.
func TestAccFlowRunAction_afterCreate(t *testing.T) {
	name := acctest.RandomName("run")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: configRun(name, "echo extract", "echo load", ""),
			Check: func(s *terraform.State) error {
				runs, err := flowRuns(t, s)
				if err != nil {
					return err
				}
				if len(runs) != 1 || runs[0].Status != emrapi.InstanceSucceeded {
					return fmt.Errorf("want one SUCCEEDED run after apply, got %+v", runs)
				}
				return nil
			},
		}},
	})
}

// A failing node fails the apply with the node's name and its error (the log is in the report,
// a progress message: TestRunFlowFailure, TestCLIPrintsFailureOnce).
func TestAccFlowRunAction_failure(t *testing.T) {
	name := acctest.RandomName("run-fail")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: configRun(name, "echo extract", "load.sh # EMRFLOW_EMULATOR_FAIL: table ods.orders not found", ""),
			ExpectError: regexp.MustCompile(`(?s)Flow run FAILED.*Run\s+FI-[0-9A-F]+\s+of\s+flow\s+F-[0-9A-F]+\s+ended\s+FAILED.*` +
				`node\s+load\s+FAILED:\s+table\s+ods.orders\s+not\s+found`),
		}},
	})
}

// A run longer than the timeout fails the apply on the timeout attribute, saying where it stands.
func TestAccFlowRunAction_timeout(t *testing.T) {
	name := acctest.RandomName("run-slow")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// 5s: longer than a run stays unknown under the async-runs switch (2s), so the message can
			// say where the run stands; the run (12s) ends soon after, for destroy, which waits for it.
			Config:      configRun(name, "slow EMRFLOW_EMULATOR_DURATION=12s", "echo load", `    timeout = "5s"`),
			ExpectError: regexp.MustCompile(`(?s)Flow run did not finish in time.*timeout of\s+5s.*extract\s+RUNNING.*not\s+stopped`),
		}},
	})
}

// Without waiting, the action returns once the run is submitted.
func TestAccFlowRunAction_noWait(t *testing.T) {
	name := acctest.RandomName("run-nowait")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// 8s: long enough to be seen RUNNING, short enough for destroy, which waits for the run
			// (a running flow cannot be deleted).
			Config: configRun(name, "slow EMRFLOW_EMULATOR_DURATION=8s", "echo load", `    wait_for_completion = false`),
			Check: func(s *terraform.State) error {
				// Under the async-runs switch the new run is listed only after a few seconds.
				var runs []emrapi.FlowInstance
				for deadline := time.Now().Add(10 * time.Second); len(runs) == 0 && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
					var err error
					if runs, err = flowRuns(t, s); err != nil {
						return err
					}
				}
				if len(runs) != 1 || runs[0].Status != emrapi.InstanceRunning {
					return fmt.Errorf("want one RUNNING run, got %+v", runs)
				}
				return nil
			},
		}},
	})
}

// Bad input is refused at plan time, on the attribute's own path.
func TestAccFlowRunAction_badInput(t *testing.T) {
	name := acctest.RandomName("run-bad")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      configRun(name, "echo", "echo", `    timeout = "soon"`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid duration.*"soon" is not a positive duration`),
		}},
	})
}

// A flow whose cluster is not associated with its project cannot run: the action says so.
func TestAccFlowRunAction_unassociated(t *testing.T) {
	name := acctest.RandomName("run-unassoc")
	cfg := configRun(name, "echo extract", "echo load", "")
	cfg = strings.Replace(cfg, "  depends_on  = [emrflow_project_cluster_setting.test]\n", "", 1)
	cfg = cfg[:strings.Index(cfg, `resource "emrflow_project_cluster_setting"`)] + cfg[strings.Index(cfg, "# The flow runs only"):]
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needActions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ExpectError: regexp.MustCompile(`(?s)Cannot run the flow.*Cluster\s+is\s+not\s+associated\s+with\s+the\s+project.*` +
				`Add an\s+emrflow_project_cluster_setting\s+for\s+C-\w+\s+in\s+project\s+FP-`),
		}},
	})
}
