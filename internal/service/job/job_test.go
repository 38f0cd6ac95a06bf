package job_test

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

const resourceName = "emrflow_job.test"

var (
	jobIDRegexp      = regexp.MustCompile(`^FJ-[0-9A-F]{16}$`)
	categoryIDRegexp = regexp.MustCompile(`^FC-[0-9A-F]{16}$`)
)

// compareEqual compares two state values for CompareValuePairs.
var compareEqual = compare.ValuesSame()

// emptyPlanAfterApply is the plan check every applying step makes: refreshing and planning again
// right after the apply must show nothing to do.
var emptyPlanAfterApply = []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

func TestAccJob_basic(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigMinimal(project, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("id")),
						// The defaults are known at plan time; the root folder is null, as a flow's.
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("mode"), knownvalue.StringExact("YARN")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_category_id"), knownvalue.Null()),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: append(minimalStateChecks(name),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(jobIDRegexp)),
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"),
						"emrflow_project.test", tfjsonpath.New("id"), compareEqual),
				),
				Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{
						"name": {j.Name, name}, "type": {j.Type, "SHELL"}, "mode": {j.Mode, "YARN"},
						"fail_act": {j.FailAct, "STOP"}, "category": {j.CategoryID, ""}, "resources": {len(j.Resources), 0},
					})
				}),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: importID(resourceName),
				ImportStateVerify: true,
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FJ-0123456789ABCDEF",
				ExpectError:   errorRegexp(`Invalid import ID.*<project id>:<id> such as\s+FP-257A173659F5E1A2:FJ-`),
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FJ-0123456789ABCDEF:FP-0123456789ABCDEF",
				ExpectError:   errorRegexp(`Invalid import ID.*is not a project id`),
			},
		},
	})
}

// TestAccJob_full sets every attribute, imports the job, then changes every in-place attribute
// at once, and imports it again. cluster_id is not read back (DescribeFlowJob does not document
// it), so an import cannot know it.
func TestAccJob_full(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	renamed := name + "-renamed"
	var created importBaseline
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigFull(project, name, fullV1()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("parent_category_id")),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: fullStateChecks(name, fullV1(), "emrflow_category.one"),
				Check: resource.ComposeTestCheckFunc(created.save(resourceName), testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{
						"description": {j.Description, "first description"}, "params": {j.Params, "ls -l"},
						"mode": {j.Mode, "LOCAL"}, "fail_act": {j.FailAct, "CONTINUE"}, "max_retry": {j.MaxRetry, int64(3)},
						"retry_interval": {j.RetryInterval, int64(200)}, "retry_policy": {j.RetryPolicy, "policy-1"},
						"max_running_time_sec": {j.MaxRunningTimeSec, int64(3600)}, "adhoc": {j.Adhoc, true},
						"resources": {len(j.Resources), 2}, "run_conf": {j.RunConf, jsonEq(`{"cores":1,"memory":2048,"priority":1,"userName":"hadoop"}`)},
					})
				})),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: importID(resourceName),
				ImportStateCheck:  created.verifyImport("cluster_id"),
			},
			{
				Config: testAccJobConfigFull(project, renamed, fullV2()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(jobIDRegexp)),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: fullStateChecks(renamed, fullV2(), "emrflow_category.one"),
				Check: resource.ComposeTestCheckFunc(created.save(resourceName), testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{
						"name": {j.Name, renamed}, "description": {j.Description, "second description"},
						"params": {j.Params, "echo done"}, "mode": {j.Mode, "YARN"}, "fail_act": {j.FailAct, "STOP"},
						"max_retry": {j.MaxRetry, int64(5)}, "retry_interval": {j.RetryInterval, int64(300)},
						"adhoc": {j.Adhoc, true}, "resources": {len(j.Resources), 1},
						"resource path": {j.Resources[0].Path, "hdfs:///user/hadoop/other.py"},
					})
				})),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: importID(resourceName),
				ImportStateCheck:  created.verifyImport("cluster_id"),
			},
		},
	})
}

// TestAccJob_clear removes every optional attribute that ModifyFlowJob can clear from a full
// configuration: strings and JSON are cleared on the server, the others go back to their defaults.
// (Removing the folder, adhoc or the last resource block replaces the job: TestAccJob_replaces.)
func TestAccJob_clear(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigFull(project, name, clearable()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				Config: testAccJobConfigFolders(project) + testAccJobConfigBare(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: minimalStateChecks(name),
				Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{
						"description": {j.Description, ""}, "params": {j.Params, ""}, "param_conf": {j.ParamConf, emptyJSON{}},
						"custom_variables": {j.CustomVariables, emptyJSON{}}, "env_conf": {j.EnvConf, emptyJSON{}},
						"run_conf": {j.RunConf, emptyJSON{}}, "monitor_conf": {j.MonitorConf, emptyJSON{}}, "mode": {j.Mode, "YARN"}, "fail_act": {j.FailAct, "STOP"},
						"max_retry": {j.MaxRetry, int64(0)}, "retry_interval": {j.RetryInterval, int64(0)},
						"retry_policy": {j.RetryPolicy, ""}, "max_running_time_sec": {j.MaxRunningTimeSec, int64(0)},
						"cluster_id": {j.ClusterID, ""}, "adhoc": {j.Adhoc, false}, "category": {j.CategoryID, ""},
						"resources": {len(j.Resources), 0},
					})
				}),
			},
		},
	})
}

// TestAccJob_category moves a job between folders, then back to the root with an explicit "": each
// move replaces the job, since ModifyFlowJob has no ParentCategory.
func TestAccJob_category(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigCategory(project, name, "emrflow_category.one.id"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("parent_category_id"),
						"emrflow_category.one", tfjsonpath.New("id"), compareEqual),
				},
				Check: testAccCheckJobInCategory(t, "emrflow_category.one"),
			},
			{
				Config: testAccJobConfigCategory(project, name, "emrflow_category.two.id"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("parent_category_id"),
						"emrflow_category.two", tfjsonpath.New("id"), compareEqual),
				},
				Check: testAccCheckJobInCategory(t, "emrflow_category.two"),
			},
			{
				Config: testAccJobConfigCategory(project, name, `""`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_category_id"), knownvalue.StringExact("")),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{"category": {j.CategoryID, ""}})
				}),
			},
		},
	})
}

// TestAccJob_replaceTypeOrProject: a new type or project replaces the job (both are
// RequiresReplace: ModifyFlowJob changes neither).
func TestAccJob_replaceTypeOrProject(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	other := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigTwoProjects(project, other, name, "emrflow_project.test.id", "SHELL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				Config: testAccJobConfigTwoProjects(project, other, name, "emrflow_project.test.id", "HIVE_SQL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("type"), knownvalue.StringExact("HIVE_SQL")),
				},
				Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{"type": {j.Type, "HIVE_SQL"}})
				}),
			},
			{
				Config: testAccJobConfigTwoProjects(project, other, name, "emrflow_project.other.id", "HIVE_SQL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"),
						"emrflow_project.other", tfjsonpath.New("id"), compareEqual),
				},
				Check: testAccCheckJobExists(t, resourceName, nil),
			},
		},
	})
}

func TestAccJob_disappears(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigMinimal(project, name),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckJobExists(t, resourceName, nil),
					testAccCheckJobDeleteOutOfBand(t, resourceName),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				// The next plan re-creates it.
				Config: testAccJobConfigMinimal(project, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckJobExists(t, resourceName, nil),
			},
		},
	})
}

// TestAccJob_drift changes a job by hand; the next plan puts every field back.
func TestAccJob_drift(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigFull(project, name, fullV1()),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckJobExists(t, resourceName, nil),
					testAccCheckJobModifyOutOfBand(t, resourceName, func(in *emrapi.JobInput) {
						in.Description = "changed by hand"
						in.Params = ""
						in.EnvConf = `{"JAVA_HOME":"/opt/java"}`
						in.MaxRetry = 0
						in.Mode = "YARN"
						in.Resources = in.Resources[:1]
					}),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: testAccJobConfigFull(project, name, fullV1()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("first description")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("resource"), knownvalue.ListSizeExact(2)),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: fullStateChecks(name, fullV1(), "emrflow_category.one"),
			},
		},
	})
}

// TestAccJob_jsonSemanticEquality: JSON that the server holds in another formatting and key order
// is no drift; a real change is an update.
func TestAccJob_jsonSemanticEquality(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigJSON(project, name, `jsonencode({ priority = 1, userName = "hadoop" })`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				// The server now holds the same object, spaced and in another order: no drift.
				Check: testAccCheckJobModifyOutOfBand(t, resourceName, func(in *emrapi.JobInput) {
					in.RunConf = "{\n  \"userName\": \"hadoop\",\n  \"priority\": 1\n}"
				}),
			},
			{
				// A real change is one.
				Config: testAccJobConfigJSON(project, name, `jsonencode({ priority = 2, userName = "hadoop" })`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{"run_conf": {j.RunConf, jsonEq(`{"priority":2,"userName":"hadoop"}`)}})
				}),
			},
		},
	})
}

// TestAccJob_keepsAlertConf: the job's AlertConf, which the resource does not manage, survives an
// update (ModifyFlowJob replaces every field).
func TestAccJob_keepsAlertConf(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	const alertConf = `{"items":[{"eventId":"EMR-210401001","enabled":true}]}`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigMinimal(project, name),
				Check: testAccCheckJobModifyOutOfBand(t, resourceName, func(in *emrapi.JobInput) {
					in.AlertConf = alertConf
				}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				Config: testAccJobConfigMinimal(project, name+"-renamed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
					return expectFields(j, map[string][2]any{"name": {j.Name, name + "-renamed"}, "alert_conf": {j.AlertConf, jsonEq(alertConf)}})
				}),
			},
		},
	})
}

// TestAccJob_validation keeps, of the job's plan-time rules, one CLI case per validation family:
// an attribute validator, to prove that Terraform prints the diagnostic on the attribute's own
// line, and what only Terraform itself checks (a required attribute of a block). The other rules
// are rows of TestJobValidation, run in process.
func TestAccJob_validation(t *testing.T) {
	t.Run("attribute validator on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `
resource "emrflow_job" "test" {
  project_id = "FP-0123456789ABCDEF"
  name       = "n"
  type       = "SHELL"
  mode       = "K8S"
}
`, `mode       = "K8S"`, errorRegexp(`Attribute mode value must be one of:.*"YARN".*"LOCAL"`))
	})
	t.Run("resource without path", func(t *testing.T) {
		acctest.ExpectPlanError(t, `
resource "emrflow_job" "test" {
  project_id = "FP-0123456789ABCDEF"
  name       = "n"
  type       = "SHELL"
  resource {
    alias = "a.jar"
  }
}
`, errorRegexp(`The argument "path" is required`))
	})
}

// TestAccJob_apiErrors: what only the API can refuse is reported with its message.
func TestAccJob_apiErrors(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				// Two jobs of one name in one project.
				Config: testAccJobConfigMinimal(project, name) + fmt.Sprintf(`
resource "emrflow_job" "twin" {
  project_id = emrflow_job.test.project_id
  name       = %[1]q
  type       = "SHELL"
}
`, name),
				ExpectError: errorRegexp(`Cannot create the job.*Job name already exists.*terraform import`),
			},
			{
				// A project that does not exist.
				Config: `
resource "emrflow_job" "test" {
  project_id = "FP-0000000000000000"
  name       = "orphan"
  type       = "SHELL"
}
`,
				ExpectError: errorRegexp(`Cannot create the job.*Project does not exist`),
			},
		},
	})
}

// Configurations.

// jobValues are the values of the full configuration.
type jobValues struct {
	description, params, paramConf, customVariables, envConf, runConf, monitorConf string
	mode, failAct, retryPolicy, clusterID                                          string
	maxRetry, retryInterval, maxRunningTimeSec                                     int
	adhoc                                                                          bool
	category                                                                       string // "one", "two" or "" (none)
	resources                                                                      string // HCL blocks
}

func fullV1() jobValues {
	return jobValues{
		description: "first description", params: "ls -l",
		paramConf:       `jsonencode({ date = "$${yyyy-MM-dd}" })`,
		customVariables: `jsonencode({ scope = "PROJECT", variables = [{ name = "v1", value = "1" }] })`,
		envConf:         `jsonencode({ JAVA_HOME = "/usr/lib/jvm/java" })`,
		runConf:         `jsonencode({ priority = 1, userName = "hadoop", memory = 2048, cores = 1 })`,
		monitorConf:     `jsonencode({ inputs = [] })`,
		mode:            "LOCAL", failAct: "CONTINUE", retryPolicy: "policy-1", clusterID: clusterID(),
		maxRetry: 3, retryInterval: 200, maxRunningTimeSec: 3600, adhoc: true, category: "one",
		resources: `
  resource {
    path  = "oss://bucket/path/app.jar"
    alias = "app.jar"
  }
  resource {
    path = "hdfs:///user/hadoop/lib.py"
  }`,
	}
}

func fullV2() jobValues {
	return jobValues{
		description: "second description", params: "echo done",
		paramConf:       `jsonencode({ date = "$${yyyyMMdd}", region = "cn-hangzhou" })`,
		customVariables: `jsonencode({ scope = "PROJECT", variables = [{ name = "v2", value = "2" }] })`,
		envConf:         `jsonencode({ JAVA_HOME = "/opt/java" })`,
		runConf:         `jsonencode({ priority = 2, userName = "root", memory = 4096, cores = 2 })`,
		monitorConf:     `jsonencode({ inputs = [], outputs = [] })`,
		mode:            "YARN", failAct: "STOP", retryPolicy: "policy-2", clusterID: clusterID2(),
		// The folder and adhoc stay: ModifyFlowJob cannot change them (TestAccJob_replaces).
		maxRetry: 5, retryInterval: 300, maxRunningTimeSec: 7200, adhoc: true, category: "one",
		resources: `
  resource {
    path  = "hdfs:///user/hadoop/other.py"
    alias = "other.py"
  }`,
	}
}

// clearable is fullV1 without what ModifyFlowJob cannot clear: the folder, adhoc, the resources.
func clearable() jobValues {
	v := fullV1()
	v.category, v.adhoc, v.resources = "", false, ""
	return v
}

func clusterID() string { return acctest.ClusterID() }

// clusterID2 is a second cluster; against the real API there is only one.
func clusterID2() string {
	if acctest.IsReal() {
		return acctest.ClusterID()
	}
	return acctest.EmulatorClusterID2
}

func testAccJobConfigMinimal(project, name string) string {
	return acctest.ConfigProject(project) + testAccJobConfigBare(name)
}

// testAccJobConfigBare is a SHELL job with only its required attributes, in emrflow_project.test.
func testAccJobConfigBare(name string) string {
	return fmt.Sprintf(`
resource "emrflow_job" "test" {
  project_id = emrflow_project.test.id
  name       = %[1]q
  type       = "SHELL"
}
`, name)
}

// testAccJobConfigFull has two JOB folders, "one" and "two", and a job with every attribute set.
// Both folders stay in every step: Terraform deletes a folder removed from the configuration
// before it updates the job that leaves it, which the API refuses while the job is inside.
func testAccJobConfigFull(project, name string, v jobValues) string {
	parent := ""
	if v.category != "" {
		parent = "parent_category_id   = emrflow_category." + v.category + ".id"
	}
	return testAccJobConfigFolders(project) + fmt.Sprintf(`
resource "emrflow_job" "test" {
  project_id           = emrflow_project.test.id
  name                 = %[1]q
  type                 = "SHELL"
  description          = %[2]q
  params               = %[3]q
  param_conf           = %[4]s
  custom_variables     = %[5]s
  env_conf             = %[6]s
  run_conf             = %[7]s
  monitor_conf         = %[8]s
  mode                 = %[9]q
  fail_act             = %[10]q
  max_retry            = %[11]d
  retry_interval       = %[12]d
  retry_policy         = %[13]q
  max_running_time_sec = %[14]d
  cluster_id           = %[16]q
  adhoc                = %[17]t
  %[15]s
  %[18]s
}
`, name, v.description, v.params, v.paramConf, v.customVariables, v.envConf, v.runConf, v.monitorConf,
		v.mode, v.failAct, v.maxRetry, v.retryInterval, v.retryPolicy, v.maxRunningTimeSec, parent,
		v.clusterID, v.adhoc, v.resources)
}

// testAccJobConfigFolders is a project with two JOB folders, "one" and "two".
func testAccJobConfigFolders(project string) string {
	return acctest.ConfigProject(project) + `
resource "emrflow_category" "one" {
  project_id = emrflow_project.test.id
  name       = "one"
  type       = "JOB"
}

resource "emrflow_category" "two" {
  project_id = emrflow_project.test.id
  name       = "two"
  type       = "JOB"
}
`
}

func testAccJobConfigCategory(project, name, parent string) string {
	return testAccJobConfigFolders(project) + fmt.Sprintf(`
resource "emrflow_job" "test" {
  project_id         = emrflow_project.test.id
  name               = %[1]q
  type               = "SPARK"
  params             = "--class org.example.Main app.jar"
  parent_category_id = %[2]s
}
`, name, parent)
}

func testAccJobConfigTwoProjects(project, other, name, projectRef, typ string) string {
	return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_project" "other" {
  name        = %[1]q
  description = "the other project"
}

resource "emrflow_job" "test" {
  project_id = %[2]s
  name       = %[3]q
  type       = %[4]q
}
`, other, projectRef, name, typ)
}

func testAccJobConfigJSON(project, name, runConf string) string {
	return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_job" "test" {
  project_id = emrflow_project.test.id
  name       = %[1]q
  type       = "SHELL"
  run_conf   = %[2]s
}
`, name, runConf)
}

// State checks.

func minimalStateChecks(name string) []statecheck.StateCheck {
	attr := func(p string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(p), v)
	}
	return []statecheck.StateCheck{
		attr("name", knownvalue.StringExact(name)),
		attr("type", knownvalue.StringExact("SHELL")),
		attr("description", knownvalue.Null()),
		attr("params", knownvalue.Null()),
		attr("param_conf", knownvalue.Null()),
		attr("custom_variables", knownvalue.Null()),
		attr("env_conf", knownvalue.Null()),
		attr("run_conf", knownvalue.Null()),
		attr("monitor_conf", knownvalue.Null()),
		attr("mode", knownvalue.StringExact("YARN")),
		attr("fail_act", knownvalue.StringExact("STOP")),
		attr("max_retry", knownvalue.Int64Exact(0)),
		attr("retry_interval", knownvalue.Int64Exact(0)),
		attr("retry_policy", knownvalue.Null()),
		attr("max_running_time_sec", knownvalue.Int64Exact(0)),
		attr("cluster_id", knownvalue.Null()),
		attr("adhoc", knownvalue.Bool(false)),
		attr("parent_category_id", knownvalue.Null()),
		attr("resource", knownvalue.ListSizeExact(0)),
	}
}

func fullStateChecks(name string, v jobValues, category string) []statecheck.StateCheck {
	attr := func(p string, val knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(p), val)
	}
	return []statecheck.StateCheck{
		attr("name", knownvalue.StringExact(name)),
		attr("description", knownvalue.StringExact(v.description)),
		attr("params", knownvalue.StringExact(v.params)),
		attr("param_conf", knownvalue.NotNull()),
		attr("custom_variables", knownvalue.NotNull()),
		attr("env_conf", knownvalue.NotNull()),
		attr("run_conf", knownvalue.NotNull()),
		attr("monitor_conf", knownvalue.NotNull()),
		attr("mode", knownvalue.StringExact(v.mode)),
		attr("fail_act", knownvalue.StringExact(v.failAct)),
		attr("max_retry", knownvalue.Int64Exact(int64(v.maxRetry))),
		attr("retry_interval", knownvalue.Int64Exact(int64(v.retryInterval))),
		attr("retry_policy", knownvalue.StringExact(v.retryPolicy)),
		attr("max_running_time_sec", knownvalue.Int64Exact(int64(v.maxRunningTimeSec))),
		attr("cluster_id", knownvalue.StringExact(v.clusterID)),
		attr("adhoc", knownvalue.Bool(v.adhoc)),
		attr("parent_category_id", knownvalue.StringRegexp(categoryIDRegexp)),
		statecheck.CompareValuePairs(resourceName, tfjsonpath.New("parent_category_id"),
			category, tfjsonpath.New("id"), compareEqual),
		attr("resource", knownvalue.ListSizeExact(strings.Count(v.resources, "resource {"))),
		attr("resource", knownvalue.ListPartial(map[int]knownvalue.Check{
			0: knownvalue.ObjectExact(map[string]knownvalue.Check{
				"path":  knownvalue.StringRegexp(regexp.MustCompile(`^(oss|hdfs)://`)),
				"alias": knownvalue.NotNull(),
			}),
		})),
	}
}

// API checks.

// testAccCheckJobExists asks the API, not the state, for the job and hands it to check (if any).
func testAccCheckJobExists(t *testing.T, n string, check func(*emrapi.Job) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		j, err := acctest.Client(t).DescribeJob(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
		if err != nil {
			return fmt.Errorf("describing %s: %w", rs.Primary.ID, err)
		}
		if check == nil {
			return nil
		}
		return check(j)
	}
}

func testAccCheckJobInCategory(t *testing.T, category string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[category]
		if !ok {
			return fmt.Errorf("%s not in state", category)
		}
		return testAccCheckJobExists(t, resourceName, func(j *emrapi.Job) error {
			return expectFields(j, map[string][2]any{"category": {j.CategoryID, rs.Primary.ID}})
		})(s)
	}
}

// expectFields compares server values with wanted ones: name -> {got, want}. A want that is a
// fieldMatcher (jsonEq, emptyJSON) is asked whether the value means what is wanted: the server may
// spell a JSON setting in its own way (EMULATOR.md, "Answer profiles").
func expectFields(j *emrapi.Job, fields map[string][2]any) error {
	var bad []string
	for name, gw := range fields {
		ok := gw[0] == gw[1]
		if m, isMatcher := gw[1].(fieldMatcher); isMatcher {
			ok = m.matches(gw[0])
		}
		if !ok {
			bad = append(bad, fmt.Sprintf("%s is %#v, want %v", name, gw[0], gw[1]))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("job %s on the server: %s", j.ID, strings.Join(bad, "; "))
	}
	return nil
}

// fieldMatcher is a wanted value of expectFields that accepts every spelling of one meaning.
type fieldMatcher interface {
	matches(got any) bool
}

// jsonEq wants a JSON document that means the same as this one to the API, as the provider
// judges it (flex.SameJSON): key order, spacing and numbers answered as strings do not count.
type jsonEq string

func (want jsonEq) matches(got any) bool {
	s, ok := got.(string)
	return ok && flex.SameJSON(s, string(want))
}

func (want jsonEq) String() string { return "JSON meaning " + string(want) }

// emptyJSON wants a cleared JSON setting, which a server may hold as "", "{}" or "null".
type emptyJSON struct{}

func (emptyJSON) matches(got any) bool {
	s, ok := got.(string)
	return ok && flex.EmptyJSON(s)
}

func (emptyJSON) String() string { return `an empty JSON setting ("", "{}")` }

func testAccCheckJobDestroy(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckDestroy("emrflow_job", func(rs *terraform.ResourceState) error {
		_, err := acctest.Client(t).DescribeJob(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
		return err
	})
}

func testAccCheckJobDeleteOutOfBand(t *testing.T, n string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		return acctest.Client(t).DeleteJob(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
	}
}

// testAccCheckJobModifyOutOfBand reads the job from the API, lets change edit it and writes it back,
// as a user of the console would.
func testAccCheckJobModifyOutOfBand(t *testing.T, n string, change func(*emrapi.JobInput)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		ctx := t.Context()
		c := acctest.Client(t)
		j, err := c.DescribeJob(ctx, rs.Primary.Attributes["project_id"], rs.Primary.ID)
		if err != nil {
			return fmt.Errorf("describing %s: %w", rs.Primary.ID, err)
		}
		in := emrapi.JobInput{
			ProjectID: j.ProjectID, Name: j.Name, Description: j.Description, Params: j.Params,
			ParamConf: j.ParamConf, CustomVariables: j.CustomVariables, EnvConf: j.EnvConf, RunConf: j.RunConf,
			MonitorConf: j.MonitorConf, Mode: j.Mode, FailAct: j.FailAct, MaxRetry: j.MaxRetry,
			RetryInterval: j.RetryInterval, RetryPolicy: j.RetryPolicy, MaxRunningTimeSec: j.MaxRunningTimeSec,
			ClusterID: j.ClusterID, Adhoc: j.Adhoc, ParentCategory: j.CategoryID, AlertConf: j.AlertConf,
			Resources: j.Resources,
		}
		change(&in)
		return c.ModifyJob(ctx, j.ID, in)
	}
}

// errorRegexp matches a diagnostic whatever the line wrapping of Terraform's output: each space of
// pattern matches any run of white space.
func errorRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// importBaseline is the state an import is compared with: ImportStateVerify by meaning. The
// server holds JSON settings in its own spelling (keys reordered, spaced, numbers as strings) and
// the resource files in its own order, and an import, having no configuration, shows the server's
// form; what must hold is that it means what was applied.
type importBaseline struct{ attrs map[string]string }

// save records n's attributes as they are after the step.
func (b *importBaseline) save(n string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		b.attrs = maps.Clone(rs.Primary.Attributes)
		return nil
	}
}

// jsonSettings are the attributes compared by meaning (flex.SameJSON, as the provider does).
var jsonSettings = []string{"param_conf", "custom_variables", "env_conf", "run_conf", "monitor_conf"}

// verifyImport checks that the imported job means the saved one: JSON settings by meaning,
// resource blocks as a set of (path, alias), every other attribute but ignore exactly.
func (b *importBaseline) verifyImport(ignore ...string) resource.ImportStateCheckFunc {
	return func(states []*terraform.InstanceState) error {
		if len(states) != 1 {
			return fmt.Errorf("import gave %d resources, want 1", len(states))
		}
		got := states[0].Attributes
		var bad []string
		files := func(attrs map[string]string) []string {
			var out []string
			for i := 0; ; i++ {
				p, ok := attrs[fmt.Sprintf("resource.%d.path", i)]
				if !ok {
					break
				}
				out = append(out, p+" as "+attrs[fmt.Sprintf("resource.%d.alias", i)])
			}
			slices.Sort(out)
			return out
		}
		if w, g := files(b.attrs), files(got); !slices.Equal(w, g) {
			bad = append(bad, fmt.Sprintf("resource files %q, want %q", g, w))
		}
		keys := slices.Collect(maps.Keys(b.attrs))
		for k := range got {
			if _, ok := b.attrs[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			want, wok := b.attrs[k]
			have, gok := got[k]
			switch {
			case slices.Contains(ignore, k), strings.HasPrefix(k, "resource."):
			case slices.Contains(jsonSettings, k):
				if wok != gok || !flex.SameJSON(have, want) {
					bad = append(bad, fmt.Sprintf("%s = %q, want JSON meaning %q", k, have, want))
				}
			case wok != gok || have != want:
				bad = append(bad, fmt.Sprintf("%s = %q (set: %v), want %q (set: %v)", k, have, gok, want, wok))
			}
		}
		if len(bad) > 0 {
			return fmt.Errorf("imported job differs: %s", strings.Join(bad, "; "))
		}
		return nil
	}
}

func importID(n string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return "", fmt.Errorf("%s not in state", n)
		}
		return rs.Primary.Attributes["project_id"] + ":" + rs.Primary.ID, nil
	}
}

// TestAccJob_example plans the documentation's example, so that it stays valid.
func TestAccJob_example(t *testing.T) {
	example, err := os.ReadFile("../../../examples/resources/emrflow_job/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:             string(example),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

// TestAccJob_createUnknownOutcome: when CreateFlowJob makes the job but its answer is lost (a
// 500 after the commit), the resource finds the job by name and adopts it instead of failing and
// leaving a job that the next apply would trip over. Not parallel: it injects faults into the
// emulator that every test of the package shares, while the parallel tests wait.
func TestAccJob_createUnknownOutcome(t *testing.T) {
	emu := acctest.Emulator(t)
	t.Cleanup(func() { emu.SetFaults(emulator.Faults{}) })
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				PreConfig: func() { emu.SetFaults(emulator.Faults{AmbiguousRate: 1}) },
				Config:    testAccJobConfigMinimal(project, name),
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { emu.SetFaults(emulator.Faults{}); return nil },
					testAccCheckJobExists(t, resourceName, nil),
					func(s *terraform.State) error {
						projectID := s.RootModule().Resources["emrflow_project.test"].Primary.ID
						jobs, err := acctest.Client(t).ListJobs(t.Context(), emrapi.ListJobsInput{ProjectID: projectID})
						if err != nil {
							return err
						}
						if len(jobs) != 1 {
							return fmt.Errorf("the project holds %d jobs, want exactly 1", len(jobs))
						}
						if faults := emu.Stats().Faults.Ambiguous; faults == 0 {
							return fmt.Errorf("no ambiguous answer was injected: the test tested nothing")
						}
						return nil
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
		},
	})
}
