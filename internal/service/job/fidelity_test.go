package job_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// These tests hold the resource to the documented API (issue 9): what ModifyFlowJob cannot
// change replaces the job, what DescribeFlowJob does not document is not read, and what a server
// may answer for settings left unset makes no diff.

// TestAccJob_replaceUnmodifiable: ModifyFlowJob documents no ParentCategory and no Adhoc and requires
// ResourceList.N.Path, so moving the job, changing adhoc and removing the last resource block
// replace it; changing the files while some remain is in place.
func TestAccJob_replaceUnmodifiable(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	oneFile := `
  resource {
    path = "oss://bucket/a.jar"
  }`
	twoFiles := oneFile + `
  resource {
    path  = "hdfs:///b.py"
    alias = "b.py"
  }`
	step := func(parent string, adhoc bool, files string, action plancheck.ResourceActionType, check resource.TestCheckFunc) resource.TestStep {
		return resource.TestStep{
			Config: testAccJobConfigFolders(project) + fmt.Sprintf(`
resource "emrflow_job" "test" {
  project_id         = emrflow_project.test.id
  name               = %[1]q
  type               = "SHELL"
  adhoc              = %[2]t
  parent_category_id = %[3]s
  %[4]s
}
`, name, adhoc, parent, files),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, action)},
				PostApplyPostRefresh: emptyPlanAfterApply,
			},
			Check: check,
		}
	}
	files := func(n int, adhoc bool) resource.TestCheckFunc {
		return testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
			return expectFields(j, map[string][2]any{"resources": {len(j.Resources), n}, "adhoc": {j.Adhoc, adhoc}})
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			step("emrflow_category.one.id", false, oneFile, plancheck.ResourceActionCreate, testAccCheckJobInCategory(t, "emrflow_category.one")),
			step("emrflow_category.two.id", false, oneFile, plancheck.ResourceActionDestroyBeforeCreate, testAccCheckJobInCategory(t, "emrflow_category.two")),
			step("emrflow_category.two.id", true, oneFile, plancheck.ResourceActionDestroyBeforeCreate, files(1, true)),
			step("emrflow_category.two.id", true, twoFiles, plancheck.ResourceActionUpdate, files(2, true)),
			step("emrflow_category.two.id", true, oneFile, plancheck.ResourceActionUpdate, files(1, true)),
			step("emrflow_category.two.id", true, "", plancheck.ResourceActionDestroyBeforeCreate, files(0, true)),
			// null and "" are both the root: one replacement to get there, none between them (an
			// update that changes nothing on the server, since the attribute is not computed).
			step("null", true, "", plancheck.ResourceActionDestroyBeforeCreate,
				testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{"category": {j.CategoryID, ""}})
				})),
			step(`""`, true, "", plancheck.ResourceActionUpdate, testAccCheckJobExists(t, resourceName, nil)),
		},
	})
}

// TestAccJob_emptyResourceList: a module that passes an empty list of files (a dynamic block over
// []) plans, applies and re-plans like one without any resource block.
func TestAccJob_emptyResourceList(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	config := acctest.ConfigProject(project) + fmt.Sprintf(`
variable "files" {
  type    = list(object({ path = string, alias = optional(string) }))
  default = []
}

resource "emrflow_job" "test" {
  project_id = emrflow_project.test.id
  name       = %[1]q
  type       = "SHELL"

  dynamic "resource" {
    for_each = var.files
    content {
      path  = resource.value.path
      alias = resource.value.alias
    }
  }
}
`, name)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("resource"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				// The same job written without the block: nothing to do.
				Config: testAccJobConfigMinimal(project, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccJob_clusterIDNotRead: DescribeFlowJob's documented answer has no ClusterId, so the
// resource never reads it: a cluster changed by hand makes no diff (as the attribute's description
// says), and an update still plans in place with the configured one. The emulator answers as the
// documentation does (no ClusterId), so the test cannot read the server's cluster back either.
func TestAccJob_clusterIDNotRead(t *testing.T) {
	if acctest.IsReal() {
		t.Skip("needs two clusters")
	}
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	config := func(desc string) string {
		return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_job" "test" {
  project_id  = emrflow_project.test.id
  name        = %[1]q
  type        = "SHELL"
  description = %[2]q
  cluster_id  = %[3]q
}
`, name, desc, clusterID())
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				// The step's own re-plan after the change by hand must be empty.
				Config: config("one"),
				Check: testAccCheckJobModifyOutOfBand(t, resourceName, func(in *emrapi.JobInput) {
					in.ClusterID = clusterID2()
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(clusterID())),
				},
			},
			{
				Config: config("two"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(clusterID())),
				},
			},
		},
	})
}

// TestAccJob_serverAnswers: what a server may hold and answer for settings the configuration
// leaves out ("{}", a default run configuration) or sets (the same JSON re-serialised, numbers as
// strings) makes no diff. The changes are made by hand, through the API, since today's emulator
// answers what it was sent; the unit tests of flatten cover the other answer shapes.
func TestAccJob_serverAnswers(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	config := testAccJobConfigJSON(project, name, `jsonencode({ priority = 1, userName = "hadoop", memory = 2048 })`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				// Each step re-plans after its checks, and that plan must be empty.
				Config: config,
				Check: testAccCheckJobModifyOutOfBand(t, resourceName, func(in *emrapi.JobInput) {
					in.ParamConf, in.CustomVariables, in.EnvConf, in.MonitorConf = "{}", "{}", "{}", "{}"
					in.RunConf = "{\n  \"userName\" : \"hadoop\",\n  \"memory\" : \"2048\",\n  \"priority\" : \"1\"\n}"
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("env_conf"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("run_conf"),
						knownvalue.StringExact(`{"memory":2048,"priority":1,"userName":"hadoop"}`)),
				},
			},
			{
				// A server default for a setting left out.
				Config: testAccJobConfigMinimal(project, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				Check: testAccCheckJobModifyOutOfBand(t, resourceName, func(in *emrapi.JobInput) {
					in.RunConf = `{"priority":1,"userName":"hadoop","memory":2048,"cores":1}`
					in.ParamConf = "{}"
				}),
				ConfigStateChecks: minimalStateChecks(name),
			},
		},
	})
}

// TestAccJob_consoleType: a job type the console guide shows but the API pages do not list is
// accepted (the emulator takes it, as the console does), and so is one only a real client names
// (PRESTO_SQL, dataworks-spec's EmrJobType), as a graph's JOB node accepts it.
func TestAccJob_consoleType(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccJobConfigTwoProjects(project, acctest.RandomName("project"), name, "emrflow_project.test.id", "SPARK_SHELL"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: emptyPlanAfterApply,
			},
			Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
				return expectFields(j, map[string][2]any{"type": {j.Type, "SPARK_SHELL"}})
			}),
		}, {
			Config: testAccJobConfigTwoProjects(project, acctest.RandomName("project"), name, "emrflow_project.test.id", "PRESTO_SQL"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: emptyPlanAfterApply,
			},
			Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
				return expectFields(j, map[string][2]any{"type": {j.Type, "PRESTO_SQL"}})
			}),
		}},
	})
}
