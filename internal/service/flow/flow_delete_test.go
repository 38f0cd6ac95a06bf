package flow_test

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

// testAccFlowRunningConfig is a flow whose one job runs for 8 seconds, with the given delete
// timeout.
func testAccFlowRunningConfig(name, deleteTimeout string) string {
	return acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_job" "slow" {
  project_id  = emrflow_project.test.id
  name        = "slow"
  type        = "SHELL"
  description = "runs for 8 seconds in the emulator"
  params      = "sleep 8 # EMRFLOW_EMULATOR_DURATION=8s"
}

resource "emrflow_project_cluster_setting" "test" {
  project_id = emrflow_project.test.id
  cluster_id = %[2]q
}

resource "emrflow_flow" "test" {
  depends_on  = [emrflow_project_cluster_setting.test]
  project_id  = emrflow_project.test.id
  name        = %[1]q
  description = "destroyed while it runs"
  cluster_id  = %[2]q
  graph_json = jsonencode({
    nodes = [
      { id = "start", type = "node", x = 300, y = 40, attribute = { type = "START" } },
      { id = "slow", type = "node", label = "slow", x = 300, y = 140,
        attribute = { type = "JOB", jobType = "SHELL", jobId = emrflow_job.slow.id } },
      { id = "end", type = "node", x = 300, y = 240, attribute = { type = "END" } },
    ]
    edges = [
      { id = "e1", source = "start", target = "slow" },
      { id = "e2", source = "slow", target = "end" },
    ]
  })

  timeouts {
    delete = %[3]q
  }
}
`, name, acctest.ClusterID(), deleteTimeout)
}

// A running flow cannot be deleted (console guide, "Edit a workflow"): destroy waits for its run
// within the delete timeout; past it, it fails naming the run and how to stop it, and keeps the
// flow in state; with a longer timeout the next destroy waits for the run's end and deletes.
func TestAccFlow_destroyWhileRunning(t *testing.T) {
	name := acctest.RandomName("flow-running")
	var runID string
	submit := func(s *terraform.State) error {
		rs := s.RootModule().Resources["emrflow_flow.test"]
		ctx := context.Background()
		c := acctest.Client(t)
		id, err := c.SubmitFlow(ctx, rs.Primary.Attributes["project_id"], rs.Primary.ID, "")
		if err != nil {
			return err
		}
		runID = id
		// Under the async-runs switch the run is shown a few seconds after SubmitFlow.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			in, err := c.DescribeFlowInstance(ctx, rs.Primary.Attributes["project_id"], id)
			if err == nil && in.Status == emrapi.InstanceRunning {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("run %s not RUNNING: %+v, %v", id, in, err)
			}
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccFlowRunningConfig(name, "1s"), Check: submit},
			{
				Config:  testAccFlowRunningConfig(name, "1s"),
				Destroy: true,
				ExpectError: regexp.MustCompile(`(?s)Cannot delete the flow.*has a run in progress\s+\(run\s+FI-[0-9A-F]+\s+RUNNING\).*` +
					`stop\s+it.*timeouts.delete`),
			},
			{
				Config: testAccFlowRunningConfig(name, "2m"),
				Check: func(*terraform.State) error {
					if runID == "" {
						return fmt.Errorf("no run was submitted")
					}
					return nil
				},
			},
		},
	})
}
