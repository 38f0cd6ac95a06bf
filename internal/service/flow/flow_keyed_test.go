package flow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// expectChangedNodes is a plan check: the planned update of resourceName changes exactly the
// given nodes of the graph (added, removed or with any attribute changed, positions included)
// and no attribute outside the graph. It is what "the plan names the node that changed" means.
type expectChangedNodes struct {
	resource string
	want     []string
}

func (e expectChangedNodes) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.resource {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		var outside []string
		for k := range after {
			if k != "graph" && !reflect.DeepEqual(before[k], after[k]) {
				outside = append(outside, k)
			}
		}
		bn, an := nodesOf(before), nodesOf(after)
		var changed []string
		for id, n := range an {
			if !reflect.DeepEqual(bn[id], n) {
				changed = append(changed, id)
			}
		}
		for id := range bn {
			if _, kept := an[id]; !kept {
				changed = append(changed, id)
			}
		}
		sort.Strings(changed)
		want := slices.Sorted(slices.Values(e.want))
		if !slices.Equal(changed, want) || len(outside) > 0 {
			resp.Error = fmt.Errorf("%s: plan changes nodes %v and attributes %v, want nodes %v and nothing else", e.resource, changed, outside, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", e.resource)
}

func nodesOf(v map[string]any) map[string]any {
	g, _ := v["graph"].(map[string]any)
	n, _ := g["nodes"].(map[string]any)
	return n
}

// keyedGraph renders a graph block from HCL node items, in the given order.
func keyedGraph(items ...string) string {
	return "  graph {\n    nodes = {\n      " + strings.Join(items, "\n      ") + "\n    }\n  }\n"
}

// TestAccFlow_keyedDiff: the graph is keyed by node id, so writing the nodes in another order
// plans nothing, inserting a node changes only that node and the node that now runs after it,
// renaming a node changes only it and its dependents, and a changed attribute is planned on its
// node.
func TestAccFlow_keyedDiff(t *testing.T) {
	name := acctest.RandomName("flow")
	start := `start = { type = "START" }`
	extract := `extract = { type = "JOB", job_id = "` + refExtract + `", job_type = "SHELL", depends_on = ["start"] }`
	load := `load = { type = "JOB", job_id = "` + refLoad + `", job_type = "HIVE_SQL", depends_on = ["extract"] }`
	transform := `transform = { type = "JOB", job_id = "` + refLoad + `", job_type = "HIVE_SQL", depends_on = ["extract"] }`
	audit := `audit = { type = "JOB", job_id = "` + refAudit + `", job_type = "SPARK", depends_on = ["extract"] }`
	config := func(items ...string) string {
		return testAccFlowConfigWithJobs(name, minimalBody()+keyedGraph(items...))
	}
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           config(start, extract, load, `end = { type = "END", depends_on = ["load"] }`),
				ConfigPlanChecks: emptyPlanAfterApply(),
			},
			{
				// The same nodes, written in another order, and depends_on in another order.
				Config:           config(`end = { type = "END", depends_on = ["load"] }`, load, extract, start),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Insert audit beside load: audit is new, end now also runs after it.
				Config: config(start, extract, audit, load, `end = { type = "END", depends_on = ["load", "audit"] }`),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate,
					expectChangedNodes{resourceName, []string{"audit", "end"}},
					plancheck.ExpectKnownValue(resourceName, nodeAttr("audit", "x"), knownvalue.NotNull())),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error { return expectServerGraph(f, 5, 5) }),
				),
			},
			{
				// Rename load to transform: the old node goes, the new one comes, end follows.
				Config: config(start, extract, audit, transform, `end = { type = "END", depends_on = ["transform", "audit"] }`),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate,
					expectChangedNodes{resourceName, []string{"load", "transform", "end"}}),
			},
			{
				// One attribute of one node: the plan names that node's attribute.
				Config: config(start, extract, strings.Replace(audit, `job_type = "SPARK"`, `job_type = "SPARK", label = "audit it"`, 1),
					transform, `end = { type = "END", depends_on = ["transform", "audit"] }`),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate,
					expectChangedNodes{resourceName, []string{"audit"}},
					plancheck.ExpectKnownValue(resourceName, nodeAttr("audit", "label"), knownvalue.StringExact("audit it"))),
			},
		},
	})
}

// consoleGraph is the seed document's graph as a console leaves it, with more than the model
// holds: spmAnchorId, an edge anchor of 1, an unknown key in a node, in its attribute and in its
// config, and one at the top level. Its job id is replaced by a real one.
const consoleGraph = `{"nodes":[` +
	`{"id":"48d474ea","index":0,"spmAnchorId":"0.0.0.i0.766645eb2cmNtQ","attribute":{"type":"START"},"shape":"startControlNode","type":"node","y":250,"size":"80*34","x":500},` +
	`{"id":"7ba480b3","index":1,"spmAnchorId":"5176.8250060.0.i19.771e28d0IPNQGE","attribute":{"jobType":"SHELL","jobId":"` + missingJob + `","type":"JOB","color":"blue"},"config":{"hostName":"","queue":"default"},"label":"fail_job","shape":"shellJobNode","type":"node","y":398.5,"size":"170*34","x":470.5,"collapsed":false},` +
	`{"id":"33202d60","index":2,"spmAnchorId":"5176.8250060.0.i23.771e28d0IPNQGE","attribute":{"type":"END"},"shape":"endControlNode","type":"node","y":562.5,"size":"80*34","x":430.5}],` +
	`"edges":[{"id":"28167ea0","index":3,"source":"48d474ea","sourceAnchor":0,"target":"7ba480b3","targetAnchor":0},` +
	`{"id":"e8d5ff52","index":4,"source":"7ba480b3","sourceAnchor":1,"target":"33202d60","targetAnchor":0}],"zoom":1.25}`

// newConsoleFlow writes a flow with consoleGraph straight into the backend, as the console would,
// and returns its id and the graph as written.
func newConsoleFlow(t *testing.T, fx outOfBandFixture, name string) (string, string) {
	t.Helper()
	doc := strings.ReplaceAll(consoleGraph, missingJob, fx.ShellJob)
	c := acctest.Client(t)
	id, err := c.CreateFlow(context.Background(), emrapi.FlowInput{
		ProjectID: fx.ProjectID, Name: name, Description: "drawn in the console", ClusterID: acctest.ClusterID(), Graph: doc,
	})
	if err != nil {
		t.Fatalf("creating the console flow: %s", err)
	}
	t.Cleanup(func() {
		if err := c.DeleteFlow(context.Background(), fx.ProjectID, id); err != nil && !emrapi.IsNotFound(err) {
			t.Errorf("deleting the console flow: %s", err)
		}
	})
	return id, doc
}

// sameJSON compares two JSON documents value for value: key order and spacing aside, and the
// two liberties the answer profiles take with what the server holds (EMULATOR.md: "strings"
// spells numbers and booleans as strings, "shuffled" reorders lists of objects with ids).
func sameJSON(a, b string) error {
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		return fmt.Errorf("%s: %w", a, err)
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		return fmt.Errorf("%s: %w", b, err)
	}
	if !reflect.DeepEqual(canonicalJSON(va), canonicalJSON(vb)) {
		return fmt.Errorf("graph\n%s\nwant, field for field,\n%s", a, b)
	}
	return nil
}

// canonicalJSON rewrites a decoded JSON value as sameJSON compares it: scalars as their text,
// lists of objects with an "id" sorted by it.
func canonicalJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = canonicalJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = canonicalJSON(e)
		}
		slices.SortStableFunc(out, func(x, y any) int {
			return strings.Compare(fmt.Sprint(idOf(x)), fmt.Sprint(idOf(y)))
		})
		return out
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	default:
		return v
	}
}

func idOf(v any) any {
	if m, ok := v.(map[string]any); ok {
		return m["id"]
	}
	return nil
}

// TestAccFlow_consoleFlowLossless adopts a flow drawn in the console with an import block and a
// typed graph of what it holds: the import plans no change, an unrelated update (description)
// leaves the server's graph equal field for field, and a change of one node's label changes only
// that label.
func TestAccFlow_consoleFlowLossless(t *testing.T) {
	acctest.PreCheck(t)
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("console")
	id, doc := newConsoleFlow(t, fx, name)
	config := func(description, label string) string {
		return fmt.Sprintf(`
import {
  to = emrflow_flow.test
  id = "%[1]s:%[2]s"
}

resource "emrflow_flow" "test" {
  project_id  = %[1]q
  name        = %[3]q
  description = %[4]q
  cluster_id  = %[5]q
  graph {
    nodes = {
      "48d474ea" = { type = "START" }
      "7ba480b3" = { type = "JOB", label = %[6]q, job_id = %[7]q, job_type = "SHELL", depends_on = ["48d474ea"] }
      "33202d60" = { type = "END", depends_on = ["7ba480b3"] }
    }
  }
}
`, fx.ProjectID, id, name, description, acctest.ClusterID(), label, fx.ShellJob)
	}
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("drawn in the console", "fail_job"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, nodeAttr("7ba480b3", "x"), knownvalue.Float64Exact(470.5)),
				},
			},
			{
				Config:           config("adopted by terraform", "fail_job"),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						if f.Description != "adopted by terraform" {
							return fmt.Errorf("description %q: the update did not happen", f.Description)
						}
						return sameJSON(f.Graph, doc)
					}),
				),
			},
			{
				Config:           config("adopted by terraform", "relabelled"),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate, expectChangedNodes{resourceName, []string{"7ba480b3"}}),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						return sameJSON(f.Graph, strings.Replace(doc, `"label":"fail_job"`, `"label":"relabelled"`, 1))
					}),
				),
			},
		},
	})
}

// TestAccFlow_consoleFlowLosslessJSON is the same for graph_json: a description-only update
// sends the server's graph back as it is, though the configuration's JSON lacks the console's
// fields.
func TestAccFlow_consoleFlowLosslessJSON(t *testing.T) {
	acctest.PreCheck(t)
	fx := newOutOfBandFixture(t)
	name := acctest.RandomName("console")
	id, doc := newConsoleFlow(t, fx, name)
	plain := strings.ReplaceAll(seedGraphJSONPlain, missingJob, fx.ShellJob)
	config := func(description string) string {
		return fmt.Sprintf(`
import {
  to = emrflow_flow.test
  id = "%[1]s:%[2]s"
}

resource "emrflow_flow" "test" {
  project_id  = %[1]q
  name        = %[3]q
  description = %[4]q
  cluster_id  = %[5]q
  graph_json  = <<-EOT
%[6]s
  EOT
}
`, fx.ProjectID, id, name, description, acctest.ClusterID(), plain)
	}
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("drawn in the console")},
			{
				Config:           config("adopted by terraform"),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						if f.Description != "adopted by terraform" {
							return fmt.Errorf("description %q: the update did not happen", f.Description)
						}
						return sameJSON(f.Graph, doc)
					}),
				),
			},
		},
	})
}

// TestAccFlow_emptyCollections: `[]` is accepted wherever a set is optional, re-plans empty, and
// reads the same as unset from the server's side; an empty description is accepted too.
func TestAccFlow_emptyCollections(t *testing.T) {
	name := acctest.RandomName("flow")
	body := fmt.Sprintf(`
  description     = ""
  cluster_id      = %q
  parent_flow_ids = []
  alert {
    event_id           = "EMR-210401001"
    user_group_ids     = []
    dingding_group_ids = []
  }
`, acctest.ClusterID())
	var flow emrapi.Flow
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfig(name, body),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_flow_ids"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckFlowExists(t, resourceName, &flow),
					testAccCheckFlowAPI(&flow, func(f *emrapi.Flow) error {
						if len(f.ParentFlowIDs) != 0 || f.Description != "" {
							return fmt.Errorf("server flow %+v, want no parents and no description", f)
						}
						return nil
					}),
				),
			},
			{
				// The same flow imported reads as unset: [] and unset are one thing on the server
				// (the alert groups read as [], as an unset one is planned).
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateIdFunc:       testAccFlowImportID(resourceName),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "parent_flow_ids.#"},
			},
			{
				// From [] to unset: Terraform plans the change of the configuration's value (a
				// provider may not plan anything but the configuration for a non-computed
				// attribute), the server sees the same empty list, and the next plan is empty.
				Config: testAccFlowConfig(name, strings.NewReplacer("  parent_flow_ids = []\n", "",
					"    user_group_ids     = []\n", "", "    dingding_group_ids = []\n", "").Replace(body)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_flow_ids"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccFlow_importEmptyAlertGroups: a flow whose alert has `dingding_group_ids = []` (and one
// that leaves user_group_ids unset), imported with an import block, plans no change: `[]` and
// unset are one value in nested blocks too, so the alert block (a set element) is not deleted
// and re-added.
func TestAccFlow_importEmptyAlertGroups(t *testing.T) {
	name := acctest.RandomName("flow")
	body := fmt.Sprintf(`
  description = "alerts"
  cluster_id  = %q
  alert {
    event_id           = "EMR-210401001"
    dingding_group_ids = []
  }
  alert {
    event_id       = "EMR-110401002"
    user_group_ids = ["AUG-1"]
  }
`, acctest.ClusterID())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfig(name, body),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionCreate),
			},
			{
				Config: acctest.ConfigProject(name) + `
removed {
  from = emrflow_flow.test
  lifecycle {
    destroy = false
  }
}
`,
			},
			{
				Config: testAccFlowConfig(name, body) + fmt.Sprintf(`
import {
  to = emrflow_flow.test
  id = "${emrflow_project.test.id}:%s"
}
`, "${data.emrflow_flow.by_name.id}") + `
data "emrflow_flow" "by_name" {
  project_id = emrflow_project.test.id
  name       = "` + name + `"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
