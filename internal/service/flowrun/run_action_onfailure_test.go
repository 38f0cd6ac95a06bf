package flowrun_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// action_trigger's on_failure (halt, taint, continue) is Terraform 1.16's.
var needOnFailure = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(version.Must(version.NewVersion("1.16.0"))),
}

// The job params that make the emulator fail the load node, and those that let it succeed.
const (
	loadFails = "load.sh # EMRFLOW_EMULATOR_FAIL: table ods.orders not found"
	loadRuns  = "echo load"
)

// runFailed is what a failed run says in an error (halt, taint).
var runFailed = regexp.MustCompile(`(?s)Flow run FAILED.*node\s+load\s+FAILED:\s+table\s+ods.orders\s+not\s+found`)

// configOnFailure is configRun with the trigger's events and on_failure set, the flow's
// description set to rev, and a folder applied after the flow (depends_on): it shows whether an
// action's failure stops what comes after the flow. rev also names the folder, so that changing rev
// updates both the flow (after_update) and the folder.
func configOnFailure(name, loadParams, events, onFailure, rev string) string {
	cfg := configRun(name, "echo extract", loadParams, "")
	for old, repl := range map[string]string{
		"      events  = [after_create]\n":                   fmt.Sprintf("      events     = [%s]\n      on_failure = %s\n", events, onFailure),
		"      actions = [":                                  "      actions    = [",
		`description = "run by the emrflow_flow_run action"`: fmt.Sprintf("description = %q", "rev "+rev),
		// Terraform 1.16 names the triggering resource "caller", and warns about a reference
		// to it by address ("Reference to triggering resource").
		"    project_id = emrflow_project.test.id\n    flow_id    = emrflow_flow.test.id\n": "    project_id = caller.project_id\n    flow_id    = caller.id\n",
	} {
		if strings.Count(cfg, old) != 1 {
			panic(fmt.Sprintf("configRun no longer holds %q once", old))
		}
		cfg = strings.Replace(cfg, old, repl, 1)
	}
	return cfg + fmt.Sprintf(`
resource "emrflow_category" "after" {
  depends_on = [emrflow_flow.test]
  project_id = emrflow_project.test.id
  name       = "after-%s"
  type       = "FLOW"
}
`, rev)
}

// runStatuses checks the statuses of the flow's runs, oldest first.
func runStatuses(t *testing.T, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		runs, err := flowRuns(t, s)
		if err != nil {
			return err
		}
		got := make([]string, 0, len(runs))
		for _, r := range runs {
			got = append(got, r.Status)
		}
		// The list's order is the server's: compare as multisets.
		slices.Sort(got)
		want := slices.Sorted(slices.Values(want))
		if !slices.Equal(got, want) {
			return fmt.Errorf("want runs %v, got %v", want, got)
		}
		return nil
	}
}

// testOnFailure runs steps against the emulator on Terraform 1.16 or later.
func testOnFailure(t *testing.T, steps []resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   needOnFailure,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// expectActions checks the planned action of each named resource before the step's apply.
func expectActions(actions map[string]plancheck.ResourceActionType) resource.ConfigPlanChecks {
	checks := make([]plancheck.PlanCheck, 0, len(actions))
	for addr, a := range actions {
		checks = append(checks, plancheck.ExpectResourceAction(addr, a))
	}
	return resource.ConfigPlanChecks{PreApply: checks}
}

// After create: halt (the default) and taint fail the apply with the run's error and do not create
// the folder after the flow. With halt the flow stays in state as created; the next apply creates
// the folder and leaves the flow alone (the failed run is not retried). With taint the flow is
// tainted: once the job is fixed, the next apply replaces the flow, and the new flow's run
// succeeds. With continue the failure is a warning: the apply succeeds, the folder is created, and
// the next plan is empty.
func TestAccFlowRunAction_onFailureAfterCreate(t *testing.T) {
	cases := map[string]struct {
		fails    bool                                    // the first apply fails
		nextLoad string                                  // the load job's params in the next apply
		next     map[string]plancheck.ResourceActionType // what the next apply plans
		runs     []string                                // the flow's runs at the end
	}{
		"halt": {
			fails: true, nextLoad: loadFails, runs: []string{emrapi.InstanceFailed},
			next: map[string]plancheck.ResourceActionType{
				"emrflow_flow.test":      plancheck.ResourceActionNoop,
				"emrflow_category.after": plancheck.ResourceActionCreate,
			},
		},
		"taint": {
			// The runs are the new flow's: its only run succeeded.
			fails: true, nextLoad: loadRuns, runs: []string{emrapi.InstanceSucceeded},
			next: map[string]plancheck.ResourceActionType{
				"emrflow_job.load":       plancheck.ResourceActionUpdate,
				"emrflow_flow.test":      plancheck.ResourceActionDestroyBeforeCreate,
				"emrflow_category.after": plancheck.ResourceActionCreate,
			},
		},
		"continue": {runs: []string{emrapi.InstanceFailed}},
	}
	for mode, tc := range cases {
		t.Run(mode, func(t *testing.T) {
			name := acctest.RandomName("run-new-" + mode[:4])
			created := resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet("emrflow_category.after", "id"),
				runStatuses(t, tc.runs...),
			)
			first := resource.TestStep{Config: configOnFailure(name, loadFails, "after_create", mode, "1")}
			if !tc.fails {
				first.Check = created
				testOnFailure(t, []resource.TestStep{first})
				return
			}
			first.ExpectError = runFailed
			testOnFailure(t, []resource.TestStep{first, {
				Config:           configOnFailure(name, tc.nextLoad, "after_create", mode, "1"),
				ConfigPlanChecks: expectActions(tc.next),
				Check:            created,
			}})
		})
	}
}

// After update, halt and taint both fail the apply and leave the flow as updated, not tainted
// (Terraform taints only a resource it has just created); the folder after it keeps its old name
// until the next apply. continue warns and renames the folder too. The trigger is after_update
// alone, which Terraform 1.16 plans only because the action names the flow as caller: with
// emrflow_flow.test.id it refuses the flow's creation ("action reference cycle").
func TestAccFlowRunAction_onFailureAfterUpdate(t *testing.T) {
	for _, mode := range []string{"halt", "taint", "continue"} {
		t.Run(mode, func(t *testing.T) {
			name := acctest.RandomName("run-upd-" + mode[:4])
			// The flow changes (its description), and its run fails.
			updating := configOnFailure(name, loadFails, "after_update", mode, "2")
			updated := resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("emrflow_flow.test", "description", "rev 2"),
				resource.TestCheckResourceAttr("emrflow_category.after", "name", "after-2"),
				runStatuses(t, emrapi.InstanceFailed),
			)
			steps := []resource.TestStep{{
				// No run after create.
				Config: configOnFailure(name, loadFails, "after_update", mode, "1"),
				Check:  runStatuses(t),
			}, {
				Config: updating,
				Check:  updated,
			}}
			if mode != "continue" {
				steps[1] = resource.TestStep{Config: updating, ExpectError: runFailed}
				// The flow was updated and is not tainted; the folder was not renamed. Applying
				// renames it and runs nothing (the flow does not change).
				steps = append(steps, resource.TestStep{
					Config: updating,
					ConfigPlanChecks: expectActions(map[string]plancheck.ResourceActionType{
						"emrflow_flow.test":      plancheck.ResourceActionNoop,
						"emrflow_category.after": plancheck.ResourceActionUpdate,
					}),
					Check: updated,
				})
			}
			testOnFailure(t, steps)
		})
	}
}
