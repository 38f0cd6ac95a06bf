package flow_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

const resourceName = "emrflow_flow.test"

var flowIDRegexp = regexp.MustCompile(`^F-[0-9A-F]{16}$`)

// The provider checks, before writing a flow, that every JOB node names a job of the flow's
// project with the node's job_type; so the graphs of these tests use real jobs: emrflow_job
// resources in the configuration (jobsConfig) or jobs made through the API (the fixture's).
// missingJob is a job id that no project has (the CreateFlowForWeb document's): for
// TestAccFlow_jobMissing, and replaced by a real job in the graphs that come from the document.
const missingJob = "FJ-7BE1062897B19D25"

// References to the jobs of jobsConfig, for job_id in graphs.
const (
	refExtract = "${emrflow_job.extract.id}"
	refLoad    = "${emrflow_job.load.id}"
	refAudit   = "${emrflow_job.audit.id}"
)

// jobsConfig is three jobs in emrflow_project.test, one per type the graphs use.
const jobsConfig = `
resource "emrflow_job" "extract" {
  project_id  = emrflow_project.test.id
  name        = "extract"
  type        = "SHELL"
  description = "extract"
}
resource "emrflow_job" "load" {
  project_id  = emrflow_project.test.id
  name        = "load"
  type        = "HIVE_SQL"
  description = "load"
}
resource "emrflow_job" "audit" {
  project_id  = emrflow_project.test.id
  name        = "audit"
  type        = "SPARK"
  description = "audit"
}
`

func TestAccFlow_basic(t *testing.T) {
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccFlowConfigSeed(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("id")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("region"), knownvalue.StringExact("cn-hangzhou")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(flowIDRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("region"), knownvalue.StringExact("cn-hangzhou")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cron_expr"), knownvalue.StringExact("0 0 0-23/1 * * ?")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("start_schedule"), knownvalue.Int64Exact(1538017814000)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("end_schedule"), knownvalue.Int64Exact(1538018814000)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("create_cluster"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("STOP_SCHEDULE")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("periodic"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_category_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("graph_json"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, graphNodes(), knownvalue.MapExact(map[string]knownvalue.Check{
						"48d474ea": knownvalue.ObjectPartial(map[string]knownvalue.Check{"type": knownvalue.StringExact("START"), "x": knownvalue.Float64Exact(500), "y": knownvalue.Float64Exact(250), "depends_on": knownvalue.Null()}),
						"7ba480b3": knownvalue.ObjectPartial(map[string]knownvalue.Check{"job_id": knownvalue.StringRegexp(regexp.MustCompile(`^FJ-`)), "label": knownvalue.StringExact("fail_job"), "x": knownvalue.Float64Exact(470.5),
							"depends_on": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("48d474ea")})}),
						"33202d60": knownvalue.ObjectPartial(map[string]knownvalue.Check{"type": knownvalue.StringExact("END"), "label": knownvalue.Null(), "y": knownvalue.Float64Exact(562.5)}),
					})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("alert"), knownvalue.SetSizeExact(3)),
					statecheck.CompareValuePairs(resourceName, nodeAttr("7ba480b3", "job_id"),
						"emrflow_job.seed", tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						g, err := graph.Decode([]byte(f.Graph))
						if err != nil {
							return err
						}
						// By id, not position: a server may list nodes in its own order.
						job := slices.IndexFunc(g.Nodes, func(n graph.Node) bool { return n.ID == "7ba480b3" })
						if len(g.Nodes) != 3 || len(g.Edges) != 2 || job < 0 || g.Nodes[job].JobType != "SHELL" {
							return fmt.Errorf("server graph = %+v, want the seed's 3 nodes and 2 edges", g)
						}
						if !strings.Contains(f.AlertConf, "ADG-af1f9689d6194e2dbd89927d5c515172") {
							return fmt.Errorf("server AlertConf = %s, want the seed's groups", f.AlertConf)
						}
						return nil
					}),
				),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateIdFunc:       testAccFlowImportID(resourceName),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

// testAccFlowConfigSeed is the workflow of the CreateFlowForWeb document, its job made by an
// emrflow_job of the configuration.
func testAccFlowConfigSeed(name string) string {
	return acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_job" "seed" {
  project_id  = emrflow_project.test.id
  name        = "fail_job"
  type        = "SHELL"
  description = "the seed's job"
}

resource "emrflow_flow" "test" {
  project_id     = emrflow_project.test.id
  name           = %[1]q
  description    = "This is the description of a workflow"
  cluster_id     = %[2]q
  cron_expr      = "0 0 0-23/1 * * ?"
  start_schedule = 1538017814000
  end_schedule   = 1538018814000
  host_name      = "emr-header-1.cluster-123456"

  graph {
    nodes = {
      "48d474ea" = { type = "START", x = 500, y = 250 }
      "7ba480b3" = {
        type       = "JOB"
        label      = "fail_job"
        job_id     = emrflow_job.seed.id
        job_type   = emrflow_job.seed.type
        x          = 470.5
        y          = 398.5
        depends_on = ["48d474ea"]
      }
      "33202d60" = { type = "END", x = 430.5, y = 562.5, depends_on = ["7ba480b3"] }
    }
  }

  alert {
    event_id           = "EMR-210401001"
    user_group_ids     = ["AUG-b79bb29bb6e14ddd89674a242623851b"]
    dingding_group_ids = ["ADG-af1f9689d6194e2dbd89927d5c515172"]
  }
  alert {
    event_id           = "EMR-110401015"
    user_group_ids     = ["AUG-b79bb29bb6e14ddd89674a242623851b"]
    dingding_group_ids = ["ADG-af1f9689d6194e2dbd89927d5c515172"]
  }
  alert {
    event_id           = "EMR-110401002"
    user_group_ids     = ["AUG-b79bb29bb6e14ddd89674a242623851b"]
    dingding_group_ids = ["ADG-af1f9689d6194e2dbd89927d5c515172"]
  }
}
`, name, acctest.ClusterID())
}

// testAccFlowImportID builds the "FP-…:F-…" import id from state.
func testAccFlowImportID(name string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return "", fmt.Errorf("%s not in state", name)
		}
		return rs.Primary.Attributes["project_id"] + ":" + rs.Primary.ID, nil
	}
}

// testAccCheckFlowExists asks the API for the flow in state and stores what it holds in flow.
func testAccCheckFlowExists(t *testing.T, name string, flow *emrapi.Flow) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		f, err := acctest.Client(t).DescribeFlow(context.Background(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
		if err != nil {
			return fmt.Errorf("describing %s: %w", rs.Primary.ID, err)
		}
		*flow = *f
		return nil
	}
}

// testAccCheckFlowAPI runs check on the flow testAccCheckFlowExists read.
func testAccCheckFlowAPI(flow *emrapi.Flow, check func(*emrapi.Flow) error) resource.TestCheckFunc {
	return func(*terraform.State) error { return check(flow) }
}

// testAccCheckFlowDestroy checks with the API that every flow of the state is gone.
func testAccCheckFlowDestroy(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckDestroy("emrflow_flow", func(rs *terraform.ResourceState) error {
		_, err := acctest.Client(t).DescribeFlow(context.Background(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
		return err
	})
}

// testAccFlowConfig is a project and a flow in it with the given attributes and blocks besides
// project_id, name and cluster_id (which clusterID overrides when not "").
func testAccFlowConfig(name, body string) string {
	return acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_flow" "test" {
  project_id = emrflow_project.test.id
  name       = %[1]q
%[2]s
}
`, name, body)
}

// testAccFlowConfigWithJobs is testAccFlowConfig with the jobs of jobsConfig, for graphs that
// refer to them (refExtract, refLoad, refAudit).
func testAccFlowConfigWithJobs(name, body string) string {
	return testAccFlowConfig(name, body) + jobsConfig
}

// minimalBody is the least a flow needs besides project_id and name.
func minimalBody() string {
	return fmt.Sprintf(`
  description = "minimal"
  cluster_id  = %q
`, acctest.ClusterID())
}

// smallGraph is START -> extract -> END, laid out automatically; extract runs the SHELL job
// jobID (an id, or a reference such as refExtract).
func smallGraph(jobID string) string {
	return `
  graph {
    nodes = {
      start = { type = "START" }
      extract = {
        type       = "JOB"
        label      = "extract"
        job_id     = "` + jobID + `"
        job_type   = "SHELL"
        depends_on = ["start"]
      }
      end = { type = "END", depends_on = ["extract"] }
    }
  }
`
}

// graphNodes is the path of the graph's node map; nodeAttr that of one attribute of one node.
func graphNodes() tfjsonpath.Path { return tfjsonpath.New("graph").AtMapKey("nodes") }

func nodeAttr(id, attr string) tfjsonpath.Path { return graphNodes().AtMapKey(id).AtMapKey(attr) }

func emptyPlanAfterApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func planChecks(action plancheck.ResourceActionType, more ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, action)}, more...),
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// outOfBandFixture is a project, a folder and a parent flow made through the API, for the
// attributes that refer to them.
type outOfBandFixture struct {
	ProjectID, CategoryID, ParentFlowID string
	// Jobs of the project, one per type, for the graphs.
	ShellJob, HiveJob, SparkJob string
}

// jobs are the fixture's jobs as (id, type) pairs.
func (fx outOfBandFixture) jobs() [][2]string {
	return [][2]string{{fx.ShellJob, "SHELL"}, {fx.HiveJob, "HIVE_SQL"}, {fx.SparkJob, "SPARK"}}
}

func newOutOfBandFixture(t *testing.T) outOfBandFixture {
	t.Helper()
	ctx := context.Background()
	c := acctest.Client(t)
	name := acctest.RandomName("fixture")
	projectID, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: name, Description: "fixture"})
	if err != nil {
		t.Fatalf("creating project: %s", err)
	}
	categoryID, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: projectID, Name: name, Type: "FLOW"})
	if err != nil {
		t.Fatalf("creating category: %s", err)
	}
	parentID, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: projectID, Name: name + "-parent", Description: "parent", ClusterID: acctest.ClusterID()})
	if err != nil {
		t.Fatalf("creating parent flow: %s", err)
	}
	fx := outOfBandFixture{ProjectID: projectID, CategoryID: categoryID, ParentFlowID: parentID}
	for _, j := range []struct {
		id        *string
		name, typ string
	}{{&fx.ShellJob, "shell", "SHELL"}, {&fx.HiveJob, "hive", "HIVE_SQL"}, {&fx.SparkJob, "spark", "SPARK"}} {
		if *j.id, err = c.CreateJob(ctx, emrapi.JobInput{ProjectID: projectID, Name: j.name, Type: j.typ, Description: j.name}); err != nil {
			t.Fatalf("creating %s job: %s", j.typ, err)
		}
	}
	// Cleanups run after the test case has destroyed its own resources.
	t.Cleanup(func() {
		for _, err := range []error{
			c.DeleteFlow(ctx, projectID, parentID),
			c.DeleteJob(ctx, projectID, fx.ShellJob),
			c.DeleteJob(ctx, projectID, fx.HiveJob),
			c.DeleteJob(ctx, projectID, fx.SparkJob),
			c.DeleteCategory(ctx, projectID, categoryID),
			c.DeleteProject(ctx, projectID),
		} {
			if err != nil && !emrapi.IsNotFound(err) {
				t.Errorf("cleaning up: %s", err)
			}
		}
	})
	return fx
}

// testAccFlowConfigInProject is a flow in an existing project.
func testAccFlowConfigInProject(projectID, name, body string) string {
	return fmt.Sprintf(`
resource "emrflow_flow" "test" {
  project_id = %[1]q
  name       = %[2]q
%[3]s
}
`, projectID, name, body)
}

// fullBody sets every optional attribute.
func fullBody(fx outOfBandFixture, suffix string) string {
	return fmt.Sprintf(`
  description          = "full %[1]s"
  cluster_id           = %[2]q
  cron_expr            = "0 30 2 ? * MON-FRI"
  start_schedule       = 1700000000000
  end_schedule         = 1900000000000
  host_name            = "emr-header-1.cluster-%[1]s"
  namespace            = "ns-%[1]s"
  log_archive_location = "oss://bucket/logs/%[1]s/"
  parent_category_id   = %[3]q
  parent_flow_ids      = [%[4]q]
%[5]s
  alert {
    event_id       = "EMR-210401001"
    user_group_ids = ["AUG-%[1]s"]
  }
`, suffix, acctest.EmulatorClusterID2, fx.CategoryID, fx.ParentFlowID, smallGraph(fx.ShellJob))
}

func TestAccFlow_update(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	renamed := name + "-renamed"
	var flow emrapi.Flow
	keepsID := plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(flowIDRegexp))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()),
				ConfigPlanChecks: emptyPlanAfterApply(),
			},
			{
				// Every in-place attribute at once, from unset to set.
				Config:           testAccFlowConfigInProject(fx.ProjectID, renamed, fullBody(fx, "a")),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate, keepsID),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						return expectFields(f, map[string][2]any{
							"Name":               {f.Name, renamed},
							"Description":        {f.Description, "full a"},
							"ClusterID":          {f.ClusterID, acctest.EmulatorClusterID2},
							"CronExpr":           {f.CronExpr, "0 30 2 ? * MON-FRI"},
							"StartSchedule":      {f.StartSchedule, int64(1700000000000)},
							"EndSchedule":        {f.EndSchedule, int64(1900000000000)},
							"HostName":           {f.HostName, "emr-header-1.cluster-a"},
							"Namespace":          {f.Namespace, "ns-a"},
							"LogArchiveLocation": {f.LogArchiveLocation, "oss://bucket/logs/a/"},
							"CategoryID":         {f.CategoryID, fx.CategoryID},
							"ParentFlowIDs":      {strings.Join(f.ParentFlowIDs, ","), fx.ParentFlowID},
						})
					}),
				),
			},
			{
				// Each of them changed to another value.
				Config:           testAccFlowConfigInProject(fx.ProjectID, renamed, fullBody(fx, "b")),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate, keepsID),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						return expectFields(f, map[string][2]any{
							"Description":        {f.Description, "full b"},
							"HostName":           {f.HostName, "emr-header-1.cluster-b"},
							"Namespace":          {f.Namespace, "ns-b"},
							"LogArchiveLocation": {f.LogArchiveLocation, "oss://bucket/logs/b/"},
						})
					}),
				),
			},
			{
				// A cluster made from a template for each run.
				Config: testAccFlowConfigInProject(fx.ProjectID, renamed, fmt.Sprintf(`
  description    = "templated"
  cluster_id     = %q
  create_cluster = true
`, acctest.EmulatorClusterTemplate)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate, keepsID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("create_cluster"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(acctest.EmulatorClusterTemplate)),
				},
			},
		},
	})
}

// expectFields compares named got/want pairs and reports every mismatch.
func expectFields(f *emrapi.Flow, fields map[string][2]any) error {
	var errs []error
	for name, gw := range fields {
		if fmt.Sprint(gw[0]) != fmt.Sprint(gw[1]) {
			errs = append(errs, fmt.Errorf("flow %s: %s = %v, want %v", f.ID, name, gw[0], gw[1]))
		}
	}
	return errors.Join(errs...)
}

func TestAccFlow_clearOptionals(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, fullBody(fx, "a")),
				ConfigPlanChecks: emptyPlanAfterApply(),
			},
			{
				// Removing every optional attribute clears it on the server.
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cron_expr"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_category_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_flow_ids"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("graph"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("alert"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("periodic"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						var errs []error
						for field, v := range map[string]any{
							"CronExpr": f.CronExpr, "HostName": f.HostName, "Namespace": f.Namespace,
							"LogArchiveLocation": f.LogArchiveLocation, "CategoryID": f.CategoryID,
							"StartSchedule": f.StartSchedule, "EndSchedule": f.EndSchedule, "ParentFlowIDs": len(f.ParentFlowIDs),
						} {
							if fmt.Sprint(v) != "" && fmt.Sprint(v) != "0" {
								errs = append(errs, fmt.Errorf("%s = %v on the server, want it cleared", field, v))
							}
						}
						// A cleared graph may read as "", "{}" or {"nodes":[],"edges":[]}: all say "no graph".
						if g, err := graph.Decode([]byte(f.Graph)); err != nil || len(g.Nodes)+len(g.Edges) != 0 {
							errs = append(errs, fmt.Errorf("Graph = %q on the server, want no graph (%v)", f.Graph, err))
						}
						if alerts, err := graphlessAlertCount(f.AlertConf); err != nil || alerts != 0 {
							errs = append(errs, fmt.Errorf("AlertConf = %q on the server, want no alerts (%v)", f.AlertConf, err))
						}
						return errors.Join(errs...)
					}),
				),
			},
		},
	})
}

// graphlessAlertCount counts the items of an AlertConf document ("" has none).
func graphlessAlertCount(conf string) (int, error) {
	if strings.TrimSpace(conf) == "" {
		return 0, nil
	}
	var c struct {
		Items []json.RawMessage `json:"items"`
	}
	err := json.Unmarshal([]byte(conf), &c)
	return len(c.Items), err
}

// alertsEnabled reads an AlertConf document as event id -> enabled. "enable" counts as on when
// it is true or "true", whatever other fields or spelling the server adds.
func alertsEnabled(conf string) (map[string]bool, error) {
	var c struct {
		Items []struct {
			EventID string `json:"eventId"`
			Enable  any    `json:"enable"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(conf), &c); err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(c.Items))
	for _, it := range c.Items {
		out[it.EventID] = fmt.Sprint(it.Enable) == "true"
	}
	return out, nil
}

func TestAccFlow_replaceProject(t *testing.T) {
	name := acctest.RandomName("flow")
	config := func(project string) string {
		return fmt.Sprintf(`
resource "emrflow_project" "a" {
  name        = "%[1]s-a"
  description = "first"
}
resource "emrflow_project" "b" {
  name        = "%[1]s-b"
  description = "second"
}
resource "emrflow_flow" "test" {
  project_id  = emrflow_project.%[2]s.id
  name        = %[1]q
  description = "moves"
  cluster_id  = %[3]q
}
`, name, project, acctest.ClusterID())
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{Config: config("a"), ConfigPlanChecks: emptyPlanAfterApply()},
			{
				Config: config("b"),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionDestroyBeforeCreate,
					plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("id"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"), "emrflow_project.b", tfjsonpath.New("id"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccFlow_region(t *testing.T) {
	name := acctest.RandomName("flow")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfig(name, minimalBody()),
				ConfigPlanChecks: emptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("region"), knownvalue.StringExact("cn-hangzhou")),
				},
			},
			{
				// Naming the provider's region explicitly changes nothing.
				Config:           testAccFlowConfig(name, minimalBody()+`  region = "cn-hangzhou"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Another region replaces the flow. Objects are scoped by region (EMULATOR.md,
				// "Regions"), so the project of cn-hangzhou does not exist in cn-shanghai and the
				// create there fails: the plan is what this step proves.
				Config:           testAccFlowConfig(name, minimalBody()+`  region = "cn-shanghai"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)}},
				ExpectError:      regexp.MustCompile(`Project does not\s+exist`),
			},
		},
	})
}

func TestAccFlow_graph(t *testing.T) {
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	bigger := `
  graph {
    nodes = {
      start = { type = "START" }
      extract = {
        type       = "JOB"
        label      = "extract"
        job_id     = "` + refExtract + `"
        job_type   = "SHELL"
        depends_on = ["start"]
      }
      load = {
        type       = "JOB"
        job_id     = "` + refLoad + `"
        job_type   = "HIVE_SQL"
        host_name  = "emr-worker-1"
        depends_on = ["extract"]
      }
      audit = {
        type       = "JOB"
        job_id     = "` + refAudit + `"
        job_type   = "SPARK"
        x          = 900
        y          = 100
        depends_on = ["extract"]
      }
      end = { type = "END", depends_on = ["load", "audit"] }
    }
  }
`
	smaller := `
  graph {
    nodes = {
      start = { type = "START" }
      end   = { type = "END", depends_on = ["start"] }
    }
  }
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate,
					// The auto-layout places the nodes at plan time: no "known after apply".
					plancheck.ExpectKnownValue(resourceName, nodeAttr("start", "x"), knownvalue.NotNull()),
					plancheck.ExpectKnownValue(resourceName, nodeAttr("end", "y"), knownvalue.NotNull())),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, nodeAttr("extract", "label"), knownvalue.StringExact("extract")),
					statecheck.ExpectKnownValue(resourceName, nodeAttr("start", "label"), knownvalue.Null()),
				},
			},
			{
				// Unchanged configuration: the layout is stable.
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Nodes added; one node placed by hand.
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+bigger),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate, plancheck.ExpectKnownValue(resourceName, nodeAttr("load", "x"), knownvalue.NotNull())),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, nodeAttr("load", "host_name"), knownvalue.StringExact("emr-worker-1")),
					statecheck.ExpectKnownValue(resourceName, nodeAttr("audit", "x"), knownvalue.Float64Exact(900)),
					statecheck.ExpectKnownValue(resourceName, nodeAttr("end", "depends_on"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("audit"), knownvalue.StringExact("load")})),
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error { return expectServerGraph(f, 5, 5) }),
				),
			},
			{
				// Nodes and edges removed.
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+smaller),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error { return expectServerGraph(f, 2, 1) }),
				),
			},
		},
	})
}

func expectServerGraph(f *emrapi.Flow, nodes, edges int) error {
	g, err := graph.Decode([]byte(f.Graph))
	if err != nil {
		return fmt.Errorf("server graph: %w", err)
	}
	if len(g.Nodes) != nodes || len(g.Edges) != edges {
		return fmt.Errorf("server graph has %d nodes and %d edges, want %d and %d", len(g.Nodes), len(g.Edges), nodes, edges)
	}
	for _, n := range g.Nodes {
		if n.X == nil || n.Y == nil {
			return fmt.Errorf("server node %q is not placed", n.ID)
		}
	}
	return nil
}

// graphOfSize is START, n-2 JOB nodes in 10 parallel chains, END; the JOB nodes run jobs, given
// as (id, type) pairs, in turn.
func graphOfSize(n int, run [][2]string) string {
	var b strings.Builder
	b.WriteString("  graph {\n    nodes = {\n      start = { type = \"START\" }\n")
	const chains = 10
	jobs := n - 2
	var last []string
	for i := range jobs {
		job := run[i%len(run)]
		prev := "start"
		if i >= chains {
			prev = fmt.Sprintf("j%03d", i-chains)
		}
		fmt.Fprintf(&b, "      j%03d = { type = \"JOB\", job_id = %q, job_type = %q, depends_on = [%q] }\n", i, job[0], job[1], prev)
		if i+chains >= jobs {
			last = append(last, fmt.Sprintf("%q", fmt.Sprintf("j%03d", i)))
		}
	}
	fmt.Fprintf(&b, "      end = { type = \"END\", depends_on = [%s] }\n    }\n  }\n", strings.Join(last, ", "))
	return b.String()
}

func TestAccFlow_graph200(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+graphOfSize(200, fx.jobs())),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, graphNodes(), knownvalue.MapSizeExact(200)),
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error { return expectServerGraph(f, 200, 208) }),
				),
			},
			{
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+graphOfSize(200, fx.jobs())),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// seedGraphJSON is the seed document's graph, as the console sends it (with spmAnchorId and
// index), and seedGraphJSONPlain the same graph written by hand without them. Their job id is
// the document's, which is no real job: the tests put a job of theirs in its place.
const (
	seedGraphJSON      = `{"nodes":[{"id":"48d474ea","index":0,"spmAnchorId":"0.0.0.i0.766645eb2cmNtQ","attribute":{"type":"START"},"shape":"startControlNode","type":"node","y":250,"size":"80*34","x":500},{"id":"7ba480b3","index":1,"spmAnchorId":"5176.8250060.0.i19.771e28d0IPNQGE","attribute":{"jobType":"SHELL","jobId":"FJ-7BE1062897B19D25","type":"JOB"},"config":{"hostName":""},"label":"fail_job","shape":"shellJobNode","type":"node","y":398.5,"size":"170*34","x":470.5},{"id":"33202d60","index":2,"spmAnchorId":"5176.8250060.0.i23.771e28d0IPNQGE","attribute":{"type":"END"},"shape":"endControlNode","type":"node","y":562.5,"size":"80*34","x":430.5}],"edges":[{"id":"28167ea0","index":3,"source":"48d474ea","sourceAnchor":0,"target":"7ba480b3","targetAnchor":0},{"id":"e8d5ff52","index":4,"source":"7ba480b3","sourceAnchor":1,"target":"33202d60","targetAnchor":0}]}`
	seedGraphJSONPlain = `{
    "nodes": [
      {"id": "48d474ea", "attribute": {"type": "START"}, "x": 500, "y": 250},
      {"id": "7ba480b3", "attribute": {"type": "JOB", "jobType": "SHELL", "jobId": "FJ-7BE1062897B19D25"}, "label": "fail_job", "x": 470.5, "y": 398.5},
      {"id": "33202d60", "attribute": {"type": "END"}, "x": 430.5, "y": 562.5}
    ],
    "edges": [
      {"source": "48d474ea", "target": "7ba480b3"},
      {"source": "7ba480b3", "target": "33202d60"}
    ]
  }`
)

func TestAccFlow_graphJSON(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	withJSON := func(doc string) string {
		doc = strings.ReplaceAll(doc, missingJob, fx.ShellJob)
		return minimalBody() + "  graph_json = <<-EOT\n" + doc + "\n  EOT\n"
	}
	relabelled := strings.Replace(seedGraphJSONPlain, `"label": "fail_job"`, `"label": "renamed_job"`, 1)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				// The server adds "index" to every node and edge: no diff.
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, withJSON(seedGraphJSONPlain)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("graph"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						if !strings.Contains(f.Graph, `"index"`) {
							return fmt.Errorf("server graph %s has no index: the test does not test what it should", f.Graph)
						}
						return nil
					}),
				),
			},
			{
				// The console's spelling of the same graph (UI-only fields, other key order): the
				// text changes, so Terraform plans an update, but what the server holds is
				// the same graph and the next plan is empty.
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, withJSON(seedGraphJSON)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
			},
			{
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, withJSON(relabelled)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						if !strings.Contains(f.Graph, "renamed_job") {
							return fmt.Errorf("server graph %s lacks the new label", f.Graph)
						}
						return nil
					}),
				),
			},
			{
				// From raw JSON to the typed block.
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(fx.ShellJob)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("graph_json"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, graphNodes(), knownvalue.MapSizeExact(3)),
				},
			},
		},
	})
}

func alertHCL(eventID string, enabled *bool, users ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  alert {\n    event_id = %q\n", eventID)
	if enabled != nil {
		fmt.Fprintf(&b, "    enabled = %t\n", *enabled)
	}
	if len(users) > 0 {
		quoted := make([]string, len(users))
		for i, u := range users {
			quoted[i] = strconv.Quote(u)
		}
		fmt.Fprintf(&b, "    user_group_ids = [%s]\n    dingding_group_ids = [\"ADG-%s\"]\n", strings.Join(quoted, ", "), strings.ToLower(eventID))
	}
	b.WriteString("  }\n")
	return b.String()
}

func TestAccFlow_alerts(t *testing.T) {
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	off := false
	failed := alertHCL("EMR-210401001", nil, "AUG-1", "AUG-2")
	nodeFailed := alertHCL("EMR-110401015", nil, "AUG-3")
	succeeded := alertHCL("EMR-110401002", nil)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfig(name, minimalBody()+failed+nodeFailed),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("alert"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"event_id": knownvalue.StringExact("EMR-210401001"), "enabled": knownvalue.Bool(true),
							"user_group_ids":     knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("AUG-1"), knownvalue.StringExact("AUG-2")}),
							"dingding_group_ids": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ADG-emr-210401001")}),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"event_id": knownvalue.StringExact("EMR-110401015")}),
					})),
				},
			},
			{
				// Added.
				Config:           testAccFlowConfig(name, minimalBody()+failed+nodeFailed+succeeded),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("alert"), knownvalue.SetSizeExact(3)),
				},
			},
			{
				// Reordered: no diff.
				Config:           testAccFlowConfig(name, minimalBody()+succeeded+failed+nodeFailed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// One removed, one turned off.
				Config:           testAccFlowConfig(name, minimalBody()+alertHCL("EMR-210401001", &off, "AUG-1", "AUG-2")+succeeded),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						// Parsed, not matched as text: the server may order, space or spell it its own way.
						enabled, err := alertsEnabled(f.AlertConf)
						if err != nil || len(enabled) != 2 || enabled["EMR-210401001"] || !enabled["EMR-110401002"] {
							return fmt.Errorf("server AlertConf = %s, want EMR-210401001 off and EMR-110401002 on (%v)", f.AlertConf, err)
						}
						return nil
					}),
				),
			},
			{
				// All removed.
				Config:           testAccFlowConfig(name, minimalBody()),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("alert"), knownvalue.SetSizeExact(0)),
				},
			},
		},
	})
}

func TestAccFlow_status(t *testing.T) {
	name := acctest.RandomName("flow")
	var flow emrapi.Flow
	scheduled := func(cron, status string) string {
		s := minimalBody() + fmt.Sprintf("  cron_expr = %q\n  start_schedule = 1700000000000\n", cron)
		if status != "" {
			s += fmt.Sprintf("  status = %q\n", status)
		}
		return s
	}
	apiStatus := func(want string) resource.TestCheckFunc {
		return resource.ComposeTestCheckFunc(
			testAccCheckFlowExists(t, resourceName, &flow),
			testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
				if f.Status != want {
					return fmt.Errorf("server status = %s, want %s", f.Status, want)
				}
				return nil
			}))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				// Scheduled at creation: applied with ModifyFlowForWeb after CreateFlowForWeb.
				Config:           testAccFlowConfig(name, scheduled("0 0 * * * ?", "UNDER_SCHEDULE")),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("UNDER_SCHEDULE")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("periodic"), knownvalue.Bool(true)),
				},
				Check: apiStatus("UNDER_SCHEDULE"),
			},
			{
				Config:           testAccFlowConfig(name, scheduled("0 0 * * * ?", "STOP_SCHEDULE")),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check:            apiStatus("STOP_SCHEDULE"),
			},
			{
				// Unset: the server's status is kept, without a diff.
				Config:           testAccFlowConfig(name, scheduled("0 0 * * * ?", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Another attribute changes: status and periodic stay known in the plan.
				Config: testAccFlowConfig(name, strings.Replace(scheduled("0 0 * * * ?", ""), "minimal", "changed", 1)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("STOP_SCHEDULE")),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("periodic"), knownvalue.Bool(true))),
			},
			{
				Config:           testAccFlowConfig(name, scheduled("0 30 * * * ?", "UNDER_SCHEDULE")),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check:            apiStatus("UNDER_SCHEDULE"),
			},
			{
				// The schedule removed while scheduled, status left to the server: stopped.
				Config: testAccFlowConfig(name, minimalBody()),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate,
					plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("status")),
					plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("periodic"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("STOP_SCHEDULE")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("periodic"), knownvalue.Bool(false)),
				},
				Check: apiStatus("STOP_SCHEDULE"),
			},
		},
	})
}

func TestAccFlow_import(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, fullBody(fx, "a")+alertHCL("EMR-110401002", nil)),
				ConfigPlanChecks: emptyPlanAfterApply(),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateIdFunc:       testAccFlowImportID(resourceName),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: fx.ParentFlowID,
				ExpectError:   regexp.MustCompile(`Expected <project_id>:<flow_id>, e.g.\s+FP-257A173659F5:F-7A39731FE719`),
			},
		},
	})
}

func TestAccFlow_importBlock(t *testing.T) {
	name := acctest.RandomName("flow")
	config := testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)+alertHCL("EMR-210401001", nil, "AUG-1"))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: emptyPlanAfterApply()},
			{
				// The import block's plan must be a no-op import: the imported state equals the
				// configuration.
				Config:            config,
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: testAccFlowImportID(resourceName),
			},
		},
	})
}

func TestAccFlow_disappears(t *testing.T) {
	name := acctest.RandomName("flow")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:             testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)),
				Check:              testAccCheckFlowDeleteOutOfBand(t, resourceName),
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
			},
		},
	})
}

func testAccCheckFlowDeleteOutOfBand(t *testing.T, name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		return acctest.Client(t).DeleteFlow(context.Background(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
	}
}

func TestAccFlow_drift(t *testing.T) {
	name := acctest.RandomName("flow")
	config := testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)+alertHCL("EMR-210401001", nil, "AUG-1"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: testAccCheckFlowModifyOutOfBand(t, resourceName, func(in *emrapi.FlowInput) {
					in.Description = "changed by hand"
					in.HostName = "emr-header-9"
					in.AlertConf = ""
					// The label as any answer profile spells it (spacing, key order).
					in.Graph = regexp.MustCompile(`"label":\s*"extract"`).ReplaceAllLiteralString(in.Graph, `"label":"renamed by hand"`)
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("minimal")),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("host_name"), knownvalue.Null()),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("alert"), knownvalue.SetSizeExact(1)),
					plancheck.ExpectKnownValue(resourceName, nodeAttr("extract", "label"), knownvalue.StringExact("extract"))),
			},
		},
	})
}

// testAccCheckFlowModifyOutOfBand changes the flow through the API, as someone in the console
// would.
func testAccCheckFlowModifyOutOfBand(t *testing.T, name string, change func(*emrapi.FlowInput)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		ctx := context.Background()
		c := acctest.Client(t)
		f, err := c.DescribeFlow(ctx, rs.Primary.Attributes["project_id"], rs.Primary.ID)
		if err != nil {
			return err
		}
		in := emrapi.FlowInput{
			ProjectID: f.ProjectID, Name: f.Name, Description: f.Description, ClusterID: f.ClusterID,
			CreateCluster: f.CreateCluster, CronExpr: f.CronExpr, StartSchedule: f.StartSchedule,
			EndSchedule: f.EndSchedule, HostName: f.HostName, Graph: f.Graph, AlertConf: f.AlertConf,
			ParentFlowIDs: f.ParentFlowIDs, ParentCategory: f.CategoryID, Namespace: f.Namespace,
			LogArchiveLocation: f.LogArchiveLocation,
		}
		change(&in)
		if !strings.Contains(in.Graph, "renamed by hand") {
			return fmt.Errorf("the out-of-band graph change did not apply to %s", f.Graph)
		}
		return c.ModifyFlow(ctx, f.ID, in)
	}
}

// phrase matches text as Terraform prints it, whatever the line wrapping of its diagnostics.
func phrase(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// expectErrorAt matches an error whose message has want and, when at is set, whose source
// snippet shows the configuration line at (Terraform prints the snippet before the detail).
func expectErrorAt(at, want string) *regexp.Regexp {
	if at == "" {
		return phrase(want)
	}
	return regexp.MustCompile(`(?s)` + phrase(at).String() + `.*` + phrase(want).String())
}

// validationConfig is a flow that plans without an API call, with body added (and a name and a
// description unless body has its own).
func validationConfig(body string) string {
	if !strings.Contains(body, "\nname =") {
		body += "\n  name = \"validation\""
	}
	if !strings.Contains(body, "\ndescription =") {
		body += "\n  description = \"validation\""
	}
	return fmt.Sprintf(`
resource "emrflow_flow" "test" {
%s
}
`, body)
}

// graphHCL renders a graph block of the given node map items (`id = { ... }`).
func graphHCL(items ...string) string {
	return "  graph {\n    nodes = {\n      " + strings.Join(items, "\n      ") + "\n    }\n  }\n"
}

// TestAccFlow_validation keeps, of the flow's plan-time rules, one CLI case per validation
// family, to prove that Terraform prints the diagnostic on the attribute's own line: an attribute
// validator (cron_expr) and a rule of ValidateConfig (start_schedule); and what only Terraform
// itself checks (a single block given twice). The other rules are rows of TestFlowValidation,
// run in process.
func TestAccFlow_validation(t *testing.T) {
	const ids = `
  project_id = "FP-0000000000000001"
  cluster_id = "C-0000000000000001"
`
	const (
		start = `s = { type = "START" }`
		job   = `j = { type = "JOB", job_id = "FJ-1", job_type = "SHELL", depends_on = ["s"] }`
		end   = `e = { type = "END", depends_on = ["j"] }`
	)
	t.Run("attribute validator on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, validationConfig(ids+`cron_expr = "* * * * *"`+"\nstart_schedule = 1767225600000"),
			`cron_expr = "* * * * *"`, phrase("expected 6 or 7 fields, got 5"))
	})
	t.Run("ValidateConfig on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, validationConfig(ids+"start_schedule = 1767225600020\nend_schedule = 1767225600010"),
			"start_schedule = 1767225600020", phrase("start_schedule (1767225600020) must be lower than end_schedule (1767225600010)"))
	})
	// Seconds where milliseconds belong: the API takes them and schedules from January 1970.
	t.Run("seconds on their line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, validationConfig(ids+`cron_expr = "0 0 2 * * ?"`+"\nstart_schedule = 1767196800"),
			"start_schedule = 1767196800", phrase("It looks like seconds (2025-12-31T16:00:00Z): write 1767196800000 for that, or provider::emrflow::epoch_ms"))
	})
	t.Run("two graph blocks", func(t *testing.T) {
		acctest.ExpectPlanError(t, validationConfig(ids+graphHCL(start, job, end)+graphHCL(start, job, end)), phrase("graph block"))
	})
}

// TestAccFlow_validationUnknown checks that values not known at plan time are not judged: a
// JOB node whose job_id comes from a job not created yet plans fine, its position is still known
// in the plan, and the job check at apply time finds the new job.
func TestAccFlow_validationUnknown(t *testing.T) {
	name := acctest.RandomName("flow")
	config := acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_flow" "parent" {
  project_id  = emrflow_project.test.id
  name        = "%[1]s-parent"
  description = "parent"
  cluster_id  = %[2]q
}

resource "emrflow_job" "job" {
  project_id  = emrflow_project.test.id
  name        = "%[1]s-job"
  type        = "SPARK"
  description = "job"
}

resource "emrflow_flow" "test" {
  project_id      = emrflow_project.test.id
  name            = %[1]q
  description     = "child"
  cluster_id      = %[2]q
  parent_flow_ids = [emrflow_flow.parent.id]

  graph {
    nodes = {
      start = { type = "START" }
      job = {
        type       = "JOB"
        job_id     = emrflow_job.job.id # unknown until the job exists
        job_type   = emrflow_job.job.type
        depends_on = ["start"]
      }
      end = { type = "END", depends_on = ["job"] }
    }
  }
}
`, name, acctest.ClusterID())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate,
				plancheck.ExpectUnknownValue(resourceName, nodeAttr("job", "job_id")),
				plancheck.ExpectKnownValue(resourceName, nodeAttr("job", "x"), knownvalue.NotNull())),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_flow_ids"), knownvalue.SetSizeExact(1)),
			},
		}},
	})
}

// TestAccFlow_unknownCreateOutcome makes every write's answer get lost after the emulator has
// committed it: the create's outcome is unknown, the flow is found by name and adopted, and there
// is exactly one flow. Not parallel: the faults apply to the whole emulator, and a sequential test
// runs while the parallel ones wait.
func TestAccFlow_unknownCreateOutcome(t *testing.T) {
	em := acctest.Emulator(t)
	fx := newOutOfBandFixture(t)
	t.Cleanup(func() { em.SetFaults(emulator.Faults{}) })
	name := acctest.RandomName("flow")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				em.ResetStats()
				em.SetFaults(emulator.Faults{AmbiguousRate: 1})
			},
			Config: testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(fx.ShellJob)),
			Check: func(*terraform.State) error {
				em.SetFaults(emulator.Faults{})
				if n := em.Stats().Calls["CreateFlowForWeb"]; n != 1 {
					return fmt.Errorf("CreateFlowForWeb called %d times, want 1", n)
				}
				flows, err := acctest.Client(t).ListFlows(context.Background(), emrapi.ListFlowsInput{ProjectID: fx.ProjectID, Name: name})
				if err != nil || len(flows) != 1 {
					return fmt.Errorf("%d flows named %s (%v), want exactly 1", len(flows), name, err)
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(flowIDRegexp)),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		}},
	})
}

// TestAccFlow_nameTaken: a flow of the same name that this configuration did not create is
// never taken over; the error shows the import command.
func TestAccFlow_nameTaken(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	existing, err := acctest.Client(t).CreateFlow(context.Background(), emrapi.FlowInput{
		ProjectID: fx.ProjectID, Name: name, Description: "made by hand", ClusterID: acctest.ClusterID()})
	if err != nil {
		t.Fatalf("creating the flow by hand: %s", err)
	}
	t.Cleanup(func() { _ = acctest.Client(t).DeleteFlow(context.Background(), fx.ProjectID, existing) })
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			Config:      testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()),
			ExpectError: phrase(fmt.Sprintf("terraform import emrflow_flow.<resource name> %s:%s", fx.ProjectID, existing)),
		}},
	})
}

// testAccCheckNoFlowNamed checks with the API that the project holds no flow named name: a
// write refused by the job check must leave nothing behind.
func testAccCheckNoFlowNamed(t *testing.T, projectID, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		flows, err := acctest.Client(t).ListFlows(context.Background(), emrapi.ListFlowsInput{ProjectID: projectID, Name: name})
		if err != nil {
			return fmt.Errorf("listing the flows of %s: %w", projectID, err)
		}
		for _, f := range flows {
			if f.Name == name {
				return fmt.Errorf("flow %s (%s) exists in %s: the refused create wrote it", f.ID, name, projectID)
			}
		}
		return nil
	}
}

// TestAccFlow_jobTypeMismatch: a JOB node whose job_type is not its job's type is refused before
// anything is written, with the error on the node's job_type (graph block) or on graph_json.
func TestAccFlow_jobTypeMismatch(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	jsonDoc := strings.ReplaceAll(seedGraphJSONPlain, missingJob, fx.SparkJob)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(testAccCheckFlowDestroy(t), testAccCheckNoFlowNamed(t, fx.ProjectID, name)),
		Steps: []resource.TestStep{
			{
				// smallGraph says SHELL; the job is a SPARK job.
				Config: testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(fx.SparkJob)),
				ExpectError: expectErrorAt("", fmt.Sprintf(
					`node "extract" says job_type "SHELL" but job %s is of type "SPARK". Set job_type = "SPARK" on the node`, fx.SparkJob)),
			},
			{
				Config: testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+"  graph_json = <<-EOT\n"+jsonDoc+"\n  EOT\n"),
				ExpectError: phrase(fmt.Sprintf(
					`graph_json nodes[1]: node "7ba480b3" says job_type "SHELL" but job %s is of type "SPARK". Set "jobType": "SPARK"`, fx.SparkJob)),
			},
		},
	})
}

// TestAccFlow_jobMissing: a JOB node whose job is not a job of the flow's project is refused on
// create, and on update the flow on the server is left as it was.
func TestAccFlow_jobMissing(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow")
	missing := expectErrorAt("", fmt.Sprintf(
		`node "extract" runs job %s, which does not exist in project %s`, missingJob, fx.ProjectID))
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(testAccCheckFlowDestroy(t), testAccCheckNoFlowNamed(t, fx.ProjectID, name)),
		Steps: []resource.TestStep{
			{
				Config:      testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(missingJob)),
				ExpectError: missing,
			},
			{
				// Nothing was created: the same name is free.
				PreConfig: func() {
					if err := testAccCheckNoFlowNamed(t, fx.ProjectID, name)(nil); err != nil {
						t.Error(err)
					}
				},
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(fx.ShellJob)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
			},
			{
				Config:      testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(missingJob)),
				ExpectError: missing,
			},
			{
				// The refused update wrote nothing: the server still runs the real job.
				Config:           testAccFlowConfigInProject(fx.ProjectID, name, minimalBody()+smallGraph(fx.ShellJob)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						if !strings.Contains(f.Graph, fx.ShellJob) || strings.Contains(f.Graph, missingJob) {
							return fmt.Errorf("server graph %s, want it to run %s only", f.Graph, fx.ShellJob)
						}
						return nil
					}),
				),
			},
		},
	})
}
