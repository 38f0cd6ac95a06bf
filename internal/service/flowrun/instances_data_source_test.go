package flowrun_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// configInstances is a project with one job that fails at once and a flow running it; the data
// sources read the flow's runs: all of them, the FAILED newest one, and the SUCCEEDED ones.
func configInstances(name string, withData bool) string {
	cfg := acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_job" "extract" {
  project_id  = emrflow_project.test.id
  name        = "extract"
  type        = "SHELL"
  description = "extract"
  params      = "EMRFLOW_EMULATOR_DURATION=0s EMRFLOW_EMULATOR_FAIL: no input"
}

resource "emrflow_project_cluster_setting" "test" {
  project_id = emrflow_project.test.id
  cluster_id = %[2]q
}

# The flow runs only once its cluster is associated with the project.
resource "emrflow_flow" "test" {
  depends_on  = [emrflow_project_cluster_setting.test]
  project_id  = emrflow_project.test.id
  name        = %[1]q
  description = "read by emrflow_flow_instances"
  cluster_id  = %[2]q
  graph_json = jsonencode({
    nodes = [
      { id = "start", type = "node", x = 300, y = 40, attribute = { type = "START" } },
      { id = "extract", type = "node", label = "extract", x = 300, y = 140,
        attribute = { type = "JOB", jobType = "SHELL", jobId = emrflow_job.extract.id } },
      { id = "end", type = "node", x = 300, y = 240, attribute = { type = "END" } },
    ]
    edges = [
      { id = "e1", source = "start", target = "extract" },
      { id = "e2", source = "extract", target = "end" },
    ]
  })
}
`, name, acctest.ClusterID())
	if !withData {
		return cfg
	}
	return cfg + `
data "emrflow_flow_instances" "all" {
  project_id = emrflow_project.test.id
  flow_id    = emrflow_flow.test.id
}

data "emrflow_flow_instances" "newest_failed" {
  project_id  = emrflow_project.test.id
  flow_id     = emrflow_flow.test.id
  status      = "FAILED"
  max_results = 1
}

data "emrflow_flow_instances" "newest_two" {
  project_id  = emrflow_project.test.id
  flow_id     = emrflow_flow.test.id
  max_results = 2
}

data "emrflow_flow_instances" "succeeded" {
  project_id = emrflow_project.test.id
  flow_id    = emrflow_flow.test.id
  status     = "SUCCEEDED"
}
`
}

func TestAccFlowInstancesDataSource_basic(t *testing.T) {
	name := acctest.RandomName("instances")
	var first, second, third string
	// Three runs, a few milliseconds apart (newest first is by creation time), each waited for
	// until the service shows it (under the async-runs switch it does not at once).
	submitThree := func() {
		ctx := context.Background()
		c := acctest.Client(t)
		p, err := c.FindProjectByName(ctx, name)
		if err != nil {
			t.Fatalf("finding the project: %v", err)
		}
		f, err := c.FindFlowByName(ctx, p.ID, name)
		if err != nil {
			t.Fatalf("finding the flow: %v", err)
		}
		for _, id := range []*string{&first, &second, &third} {
			if *id, err = c.SubmitFlow(ctx, p.ID, f.ID, ""); err != nil {
				t.Fatalf("SubmitFlow: %v", err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		deadline := time.Now().Add(10 * time.Second)
		for _, id := range []string{first, second, third} {
			for _, err := c.DescribeFlowInstance(ctx, p.ID, id); err != nil; _, err = c.DescribeFlowInstance(ctx, p.ID, id) {
				if time.Now().After(deadline) {
					t.Fatalf("run %s never shown: %v", id, err)
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	}
	all, failed, none := "data.emrflow_flow_instances.all", "data.emrflow_flow_instances.newest_failed", "data.emrflow_flow_instances.succeeded"
	two := "data.emrflow_flow_instances.newest_two"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: configInstances(name, false)},
			{
				PreConfig: submitThree,
				Config:    configInstances(name, true),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(all, "ids.#", "3"),
					resource.TestCheckResourceAttrPtr(all, "ids.0", &third), // newest first
					resource.TestCheckResourceAttrPtr(all, "ids.1", &second),
					resource.TestCheckResourceAttrPtr(all, "ids.2", &first),
					resource.TestCheckResourceAttr(two, "ids.#", "2"),
					resource.TestCheckResourceAttrPtr(two, "ids.0", &third),
					resource.TestCheckResourceAttrPtr(two, "ids.1", &second),
					resource.TestCheckResourceAttr(all, "region", "cn-hangzhou"),
					resource.TestCheckResourceAttr(all, "instances.0.status", "FAILED"),
					resource.TestCheckResourceAttr(all, "instances.0.flow_name", name),
					resource.TestCheckResourceAttr(all, "instances.0.has_node_failed", "true"),
					resource.TestCheckResourceAttrSet(all, "instances.0.start_time"),
					resource.TestCheckNoResourceAttr(all, "instances.0.schedule_time"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.#", "3"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.0.type", "START"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.0.status", "OK"),
					resource.TestCheckNoResourceAttr(all, "instances.0.nodes.0.job_id"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.1.node_name", "extract"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.1.status", "FAILED"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.1.job_name", "extract"),
					resource.TestCheckResourceAttrPair(all, "instances.0.nodes.1.job_id", "emrflow_job.extract", "id"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.1.external_info", "no input"),
					resource.TestCheckResourceAttr(all, "instances.0.nodes.2.status", "PREP"),
					resource.TestCheckResourceAttr(failed, "ids.#", "1"),
					resource.TestCheckResourceAttrPtr(failed, "ids.0", &third),
					resource.TestCheckResourceAttr(none, "ids.#", "0"),
					resource.TestCheckResourceAttr(none, "instances.#", "0"),
				),
			},
		},
	})
}

// TestAccFlowInstancesDataSource_badInput keeps one CLI case of the data source's plan-time rules,
// to prove that Terraform prints the diagnostic on the attribute's own line; the other rules are
// rows of TestFlowInstancesDataSourceValidation, run in process.
func TestAccFlowInstancesDataSource_badInput(t *testing.T) {
	acctest.ExpectPlanErrorOnLine(t, `
data "emrflow_flow_instances" "bad" {
  project_id = "FP-0000000000000000"
  flow_id    = "F-0000000000000000"
  status     = "DONE"
}
`, `status     = "DONE"`, regexp.MustCompile(`value must be one of`))
}
