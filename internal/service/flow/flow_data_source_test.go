package flow_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// dataSourcesByIDAndName looks the flow of resourceName up twice, by id and by name.
const dataSourcesByIDAndName = `
data "emrflow_flow" "by_id" {
  project_id = emrflow_flow.test.project_id
  id         = emrflow_flow.test.id
}

data "emrflow_flow" "by_name" {
  project_id = emrflow_flow.test.project_id
  name       = emrflow_flow.test.name
}
`

// sameAsResource checks that both data sources of dataSourcesByIDAndName read every attribute
// the resource and the data source share as the resource holds it.
func sameAsResource() []statecheck.StateCheck {
	attrs := []string{
		"id", "project_id", "region", "name", "description", "cluster_id", "create_cluster", "cron_expr",
		"start_schedule", "end_schedule", "host_name", "parent_flow_ids", "parent_category_id", "status",
		"periodic", "namespace", "log_archive_location",
	}
	var checks []statecheck.StateCheck
	for _, ds := range []string{"data.emrflow_flow.by_id", "data.emrflow_flow.by_name"} {
		for _, a := range attrs {
			checks = append(checks, statecheck.CompareValuePairs(ds, tfjsonpath.New(a), resourceName, tfjsonpath.New(a), compare.ValuesSame()))
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("gmt_create"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("gmt_modified"), knownvalue.NotNull()),
		)
	}
	return checks
}

func TestAccFlowDataSource_byIDAndName(t *testing.T) {
	name := acctest.RandomName("flow-ds")
	groups := func(id string) knownvalue.Check {
		return knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(id)})
	}
	seedAlert := func(eventID string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"event_id":           knownvalue.StringExact(eventID),
			"enabled":            knownvalue.Bool(true),
			"user_group_ids":     groups("AUG-b79bb29bb6e14ddd89674a242623851b"),
			"dingding_group_ids": groups("ADG-af1f9689d6194e2dbd89927d5c515172"),
		})
	}
	checks := append(sameAsResource(),
		// The seed has a typed graph in the resource; the data source shows the server's JSON.
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("graph_json"),
			knownvalue.StringRegexp(regexp.MustCompile(`"jobId":\s*"FJ-[0-9A-Za-z]+"`))),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("graph_json"),
			knownvalue.StringRegexp(regexp.MustCompile(`"label":\s*"fail_job"`))),
		statecheck.CompareValuePairs("data.emrflow_flow.by_id", tfjsonpath.New("graph_json"),
			"data.emrflow_flow.by_name", tfjsonpath.New("graph_json"), compare.ValuesSame()),
		// Alerts are a list sorted by event id, whatever the configuration's order.
		statecheck.ExpectKnownValue("data.emrflow_flow.by_name", tfjsonpath.New("alert"), knownvalue.ListExact([]knownvalue.Check{
			seedAlert("EMR-110401002"), seedAlert("EMR-110401015"), seedAlert("EMR-210401001"),
		})),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("status"), knownvalue.StringExact("STOP_SCHEDULE")),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("periodic"), knownvalue.Bool(true)),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("parent_flow_ids"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("namespace"), knownvalue.Null()),
	)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			Config:            testAccFlowConfigSeed(name) + dataSourcesByIDAndName,
			ConfigStateChecks: checks,
		}},
	})
}

// TestAccFlowDataSource_allAttributes reads a flow with every optional attribute set: parent
// flows, folder, namespace, log location, schedule and an alert without DingTalk groups.
func TestAccFlowDataSource_allAttributes(t *testing.T) {
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("flow-ds")
	checks := append(sameAsResource(),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("parent_flow_ids"),
			knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(fx.ParentFlowID)})),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_name", tfjsonpath.New("parent_category_id"), knownvalue.StringExact(fx.CategoryID)),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_name", tfjsonpath.New("log_archive_location"), knownvalue.StringExact("oss://bucket/logs/ds/")),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("alert"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{
				"event_id":           knownvalue.StringExact("EMR-210401001"),
				"enabled":            knownvalue.Bool(true),
				"user_group_ids":     knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("AUG-ds")}),
				"dingding_group_ids": knownvalue.SetSizeExact(0),
			}),
		})),
		statecheck.ExpectKnownValue("data.emrflow_flow.by_id", tfjsonpath.New("graph_json"),
			knownvalue.StringRegexp(regexp.MustCompile(`"id":\s*"extract"`))),
	)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			Config:            testAccFlowConfigInProject(fx.ProjectID, name, fullBody(fx, "ds")) + dataSourcesByIDAndName,
			ConfigStateChecks: checks,
		}},
	})
}

// TestAccFlowDataSource_serverForm reads a flow made through the API, as the console makes them:
// the graph is shown exactly as the server stores it (UI fields included), and the alerts, stored
// out of order, come sorted by event id.
func TestAccFlowDataSource_serverForm(t *testing.T) {
	fx := newOutOfBandFixture(t)
	ctx := context.Background()
	client := acctest.Client(t)
	const consoleGraph = `{"nodes":[` +
		`{"id":"s","attribute":{"type":"START"},"shape":"startControlNode","spmAnchorId":"0.0.1","x":10,"y":10},` +
		`{"id":"j","attribute":{"type":"JOB","jobType":"SHELL","jobId":"FJ-7BE1062897B19D25"},"label":"job","shape":"shellJobNode","x":10,"y":110},` +
		`{"id":"e","attribute":{"type":"END"},"shape":"endControlNode","x":10,"y":210}],` +
		`"edges":[{"id":"se","source":"s","target":"j"},{"id":"je","source":"j","target":"e"}]}`
	const alertConf = `{"items":[` +
		`{"enable":false,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-2","AUG-1"],"alertDingDingGroupList":[]},` +
		`{"enable":true,"eventId":"EMR-110401002","alertUserGroupIdList":[],"alertDingDingGroupList":["ADG-1"]}]}`
	id, err := client.CreateFlow(ctx, emrapi.FlowInput{
		ProjectID:     fx.ProjectID,
		Name:          acctest.RandomName("flow-ds-console"),
		Description:   "made in the console",
		ClusterID:     acctest.ClusterID(),
		Graph:         consoleGraph,
		AlertConf:     alertConf,
		ParentFlowIDs: []string{fx.ParentFlowID},
	})
	if err != nil {
		t.Fatalf("creating flow: %s", err)
	}
	// Registered after the fixture's cleanup, so it runs before it: the project must be empty.
	t.Cleanup(func() {
		if err := client.DeleteFlow(ctx, fx.ProjectID, id); err != nil && !emrapi.IsNotFound(err) {
			t.Errorf("deleting %s: %s", id, err)
		}
	})
	stored, err := client.DescribeFlow(ctx, fx.ProjectID, id)
	if err != nil {
		t.Fatalf("describing flow: %s", err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "emrflow_flow" "console" {
  project_id = %[1]q
  id         = %[2]q
}
`, fx.ProjectID, id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.emrflow_flow.console", tfjsonpath.New("graph_json"), knownvalue.StringExact(stored.Graph)),
				statecheck.ExpectKnownValue("data.emrflow_flow.console", tfjsonpath.New("graph_json"),
					knownvalue.StringRegexp(regexp.MustCompile(`"spmAnchorId":\s*"0\.0\.1"`))),
				statecheck.ExpectKnownValue("data.emrflow_flow.console", tfjsonpath.New("parent_flow_ids"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(fx.ParentFlowID)})),
				statecheck.ExpectKnownValue("data.emrflow_flow.console", tfjsonpath.New("alert"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"event_id":           knownvalue.StringExact("EMR-110401002"),
						"enabled":            knownvalue.Bool(true),
						"user_group_ids":     knownvalue.SetSizeExact(0),
						"dingding_group_ids": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ADG-1")}),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"event_id":           knownvalue.StringExact("EMR-210401001"),
						"enabled":            knownvalue.Bool(false),
						"user_group_ids":     knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("AUG-1"), knownvalue.StringExact("AUG-2")}),
						"dingding_group_ids": knownvalue.SetSizeExact(0),
					}),
				})),
			},
		}},
	})
}

// TestAccFlowDataSource_errors: what only the API can tell (no such flow or project) and what only
// Terraform itself checks (a required attribute) through the CLI, and one case of the config
// validator on the attribute's own line; the rules that need no API call are rows of
// TestFlowDataSourceValidation, run in process.
func TestAccFlowDataSource_errors(t *testing.T) {
	t.Run("config validator on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `data "emrflow_flow" "x" {
  project_id = "FP-0000000000000000"
  id         = "F-0000000000000000"
  name       = "x"
}`, `id         = "F-0000000000000000"`, regexp.MustCompile(`(?s)Exactly one of these attributes must be configured: \[id,name\]`))
	})
	ctx := context.Background()
	client := acctest.Client(t)
	projectID, err := client.CreateProject(ctx, emrapi.ProjectInput{Name: acctest.RandomName("flow-ds-errors"), Description: "errors"})
	if err != nil {
		t.Fatalf("creating project: %s", err)
	}
	// Runs after every subtest, parallel ones included.
	t.Cleanup(func() {
		if err := client.DeleteProject(ctx, projectID); err != nil && !emrapi.IsNotFound(err) {
			t.Errorf("deleting %s: %s", projectID, err)
		}
	})
	const noProject = "FP-0000000000000000"
	missing := acctest.RandomName("no-such-flow")
	cases := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"unknown id": {
			config: fmt.Sprintf(`data "emrflow_flow" "x" {
  project_id = %q
  id         = "F-0000000000000000"
}`, projectID),
			want: phrase(fmt.Sprintf(`No flow has the ID "F-0000000000000000" in project %s.`, projectID)),
		},
		"unknown name": {
			config: fmt.Sprintf(`data "emrflow_flow" "x" {
  project_id = %q
  name       = %q
}`, projectID, missing),
			want: phrase(fmt.Sprintf(`No flow of project %s is named %q.`, projectID, missing)),
		},
		"unknown project by id": {
			config: `data "emrflow_flow" "x" {
  project_id = "` + noProject + `"
  id         = "F-0000000000000000"
}`,
			want: expectErrorAt(`project_id = "`+noProject+`"`, `No project has the ID "`+noProject+`"`),
		},
		"unknown project by name": {
			config: `data "emrflow_flow" "x" {
  project_id = "` + noProject + `"
  name       = "x"
}`,
			want: expectErrorAt(`project_id = "`+noProject+`"`, `No project has the ID "`+noProject+`"`),
		},
		"unknown project in the list": {
			config: `data "emrflow_flows" "x" { project_id = "` + noProject + `" }`,
			want:   phrase(`No project has the ID "` + noProject + `"`),
		},

		"missing project_id": {
			config: `data "emrflow_flow" "x" { id = "F-0000000000000000" }`,
			want:   phrase(`The argument "project_id" is required`),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}
}

// TestAccFlowsDataSource_filters lists three flows of a project through each filter: a stopped
// flow on a cluster, a scheduled one on another cluster, and one on a cluster template.
func TestAccFlowsDataSource_filters(t *testing.T) {
	name := acctest.RandomName("flows-ds")
	config := acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_flow" "a" {
  project_id  = emrflow_project.test.id
  name        = "%[1]s-a"
  description = "stopped"
  cluster_id  = %[2]q
}

resource "emrflow_flow" "b" {
  project_id     = emrflow_project.test.id
  name           = "%[1]s-b"
  description    = "scheduled"
  cluster_id     = %[3]q
  cron_expr      = "0 0 0-23/1 * * ?"
  start_schedule = 1700000000000
  end_schedule   = 1900000000000
  status         = "UNDER_SCHEDULE"
}

resource "emrflow_flow" "c" {
  project_id     = emrflow_project.test.id
  name           = "%[1]s-c"
  description    = "on a template"
  cluster_id     = %[4]q
  create_cluster = true
}

locals {
  project_id = emrflow_project.test.id
}

data "emrflow_flows" "all" {
  project_id = local.project_id
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flows" "regex" {
  project_id = local.project_id
  name_regex = "-b$"
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flows" "scheduled" {
  project_id = local.project_id
  status     = "UNDER_SCHEDULE"
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flows" "stopped" {
  project_id = local.project_id
  status     = "STOP_SCHEDULE"
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flows" "cluster" {
  project_id = local.project_id
  cluster_id = %[2]q
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flows" "template" {
  project_id = local.project_id
  cluster_id = %[4]q
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flows" "none" {
  project_id = local.project_id
  cluster_id = %[2]q
  name_regex = "-b$"
  depends_on = [emrflow_flow.a, emrflow_flow.b, emrflow_flow.c]
}

data "emrflow_flow" "a" {
  project_id = local.project_id
  name       = emrflow_flow.a.name
}
`, name, acctest.EmulatorClusterID, acctest.EmulatorClusterID2, acctest.EmulatorClusterTemplate)

	only := func(ds, res string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
			statecheck.CompareValuePairs(ds, tfjsonpath.New("ids").AtSliceIndex(0), res, tfjsonpath.New("id"), compare.ValuesSame()),
			statecheck.CompareValuePairs(ds, tfjsonpath.New("flows").AtSliceIndex(0).AtMapKey("id"), res, tfjsonpath.New("id"), compare.ValuesSame()),
		}
	}
	contains := func(ds string, res ...string) []statecheck.StateCheck {
		checks := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(len(res))),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New("flows"), knownvalue.ListSizeExact(len(res))),
		}
		for _, r := range res {
			checks = append(checks, statecheck.CompareValueCollection(ds, []tfjsonpath.Path{tfjsonpath.New("ids")}, r, tfjsonpath.New("id"), compare.ValuesSame()))
		}
		return checks
	}
	var checks []statecheck.StateCheck
	checks = append(checks, contains("data.emrflow_flows.all", "emrflow_flow.a", "emrflow_flow.b", "emrflow_flow.c")...)
	checks = append(checks, contains("data.emrflow_flows.stopped", "emrflow_flow.a", "emrflow_flow.c")...)
	checks = append(checks, contains("data.emrflow_flows.none")...)
	checks = append(checks, only("data.emrflow_flows.regex", "emrflow_flow.b")...)
	checks = append(checks, only("data.emrflow_flows.scheduled", "emrflow_flow.b")...)
	checks = append(checks, only("data.emrflow_flows.cluster", "emrflow_flow.a")...)
	checks = append(checks, only("data.emrflow_flows.template", "emrflow_flow.c")...)
	// The fields of a list item are the resource's.
	for _, a := range []string{"project_id", "name", "description", "cluster_id", "status", "periodic", "cron_expr", "start_schedule", "end_schedule", "parent_category_id"} {
		checks = append(checks, statecheck.CompareValuePairs("data.emrflow_flows.regex", tfjsonpath.New("flows").AtSliceIndex(0).AtMapKey(a),
			"emrflow_flow.b", tfjsonpath.New(a), compare.ValuesSame()))
	}
	checks = append(checks,
		statecheck.ExpectKnownValue("data.emrflow_flows.regex", tfjsonpath.New("flows").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"status":             knownvalue.StringExact("UNDER_SCHEDULE"),
			"periodic":           knownvalue.Bool(true),
			"cron_expr":          knownvalue.StringExact("0 0 0-23/1 * * ?"),
			"start_schedule":     knownvalue.Int64Exact(1700000000000),
			"parent_category_id": knownvalue.Null(),
			"gmt_create":         knownvalue.NotNull(),
			"gmt_modified":       knownvalue.NotNull(),
		})),
		statecheck.ExpectKnownValue("data.emrflow_flows.cluster", tfjsonpath.New("flows").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"cron_expr":      knownvalue.Null(),
			"start_schedule": knownvalue.Null(),
			"periodic":       knownvalue.Bool(false),
		})),
		// A flow without graph, alerts or parents reads them as null or empty.
		statecheck.CompareValuePairs("data.emrflow_flow.a", tfjsonpath.New("id"), "emrflow_flow.a", tfjsonpath.New("id"), compare.ValuesSame()),
		statecheck.ExpectKnownValue("data.emrflow_flow.a", tfjsonpath.New("graph_json"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.emrflow_flow.a", tfjsonpath.New("alert"), knownvalue.ListSizeExact(0)),
		statecheck.ExpectKnownValue("data.emrflow_flow.a", tfjsonpath.New("parent_flow_ids"), knownvalue.Null()),
	)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: checks,
		}},
	})
}

// TestAccFlowsDataSource_paging lists more flows than one page of ListFlow holds (100), so the
// data source must walk the pages.
func TestAccFlowsDataSource_paging(t *testing.T) {
	const count = 105
	prefix := acctest.RandomName("flows-paging")
	client := acctest.Client(t)
	ctx := context.Background()
	projectID, err := client.CreateProject(ctx, emrapi.ProjectInput{Name: prefix, Description: "paging"})
	if err != nil {
		t.Fatalf("creating project: %s", err)
	}
	var ids []string
	// Registered before the flows are made, so that a failure half-way still removes them (and
	// the project, which must be empty to go).
	t.Cleanup(func() {
		for _, id := range ids {
			if err := client.DeleteFlow(ctx, projectID, id); err != nil && !emrapi.IsNotFound(err) {
				t.Errorf("deleting %s: %s", id, err)
			}
		}
		if err := client.DeleteProject(ctx, projectID); err != nil && !emrapi.IsNotFound(err) {
			t.Errorf("deleting %s: %s", projectID, err)
		}
	})
	for i := range count {
		id, err := client.CreateFlow(ctx, emrapi.FlowInput{
			ProjectID:   projectID,
			Name:        fmt.Sprintf("%s-%03d", prefix, i),
			Description: "paging",
			ClusterID:   acctest.ClusterID(),
		})
		if err != nil {
			t.Fatalf("creating flow %d: %s", i, err)
		}
		ids = append(ids, id)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "emrflow_flows" "all" {
  project_id = %[1]q
}

data "emrflow_flows" "stopped" {
  project_id = %[1]q
  status     = "STOP_SCHEDULE"
}

data "emrflow_flows" "one" {
  project_id = %[1]q
  name_regex = "-042$"
}

data "emrflow_flow" "last" {
  project_id = %[1]q
  name       = "%[2]s-104"
}
`, projectID, prefix),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.emrflow_flows.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(count)),
				statecheck.ExpectKnownValue("data.emrflow_flows.all", tfjsonpath.New("flows"), knownvalue.ListSizeExact(count)),
				statecheck.ExpectKnownValue("data.emrflow_flows.stopped", tfjsonpath.New("ids"), knownvalue.ListSizeExact(count)),
				// flows is in the order of ids, on the second page too.
				statecheck.CompareValuePairs("data.emrflow_flows.all", tfjsonpath.New("ids").AtSliceIndex(count-1),
					"data.emrflow_flows.all", tfjsonpath.New("flows").AtSliceIndex(count-1).AtMapKey("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.emrflow_flows.one", tfjsonpath.New("ids"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(ids[42])})),
				statecheck.ExpectKnownValue("data.emrflow_flows.one", tfjsonpath.New("flows").AtSliceIndex(0).AtMapKey("name"),
					knownvalue.StringExact(fmt.Sprintf("%s-042", prefix))),
				// The lookup by name finds the last flow made among many.
				statecheck.ExpectKnownValue("data.emrflow_flow.last", tfjsonpath.New("id"), knownvalue.StringExact(ids[count-1])),
			},
		}},
	})
}
