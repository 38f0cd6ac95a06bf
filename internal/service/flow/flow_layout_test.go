package flow_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// layoutGraph is START -> extract [-> load] -> END with the given attributes added to every
// node (e.g. positions) and to the graph block (layout).
func layoutGraph(withLoad bool, block string, pos map[string]string) string {
	endDeps := `["extract"]`
	load := ""
	if withLoad {
		endDeps = `["load"]`
		load = fmt.Sprintf(`      load = { type = "JOB", job_id = "%s", job_type = "HIVE_SQL", depends_on = ["extract"]%s }
`, refLoad, pos["load"])
	}
	return fmt.Sprintf(`
  graph {
%s
    nodes = {
      start   = { type = "START"%s }
      extract = { type = "JOB", job_id = "%s", job_type = "SHELL", depends_on = ["start"]%s }
%s      end     = { type = "END", depends_on = %s%s }
    }
  }
`, block, pos["start"], refExtract, pos["extract"], load, endDeps, pos["end"])
}

// positionsAre checks the state's positions of the given nodes.
func positionsAre(want map[string][2]float64) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for id, p := range want {
		checks = append(checks,
			statecheck.ExpectKnownValue(resourceName, nodeAttr(id, "x"), knownvalue.Float64Exact(p[0])),
			statecheck.ExpectKnownValue(resourceName, nodeAttr(id, "y"), knownvalue.Float64Exact(p[1])))
	}
	return checks
}

// TestAccFlow_graphLayout: positions drawn elsewhere (the console's, here given once in the
// configuration and then dropped from it) are kept; a node added between the last job and END is
// placed between them, not beside END (issue 19); layout = "auto" lays the whole graph out
// afresh, and removing it again moves nothing.
func TestAccFlow_graphLayout(t *testing.T) {
	name := acctest.RandomName("flow")
	drawn := map[string]string{
		"start": ", x = 300, y = 50", "extract": ", x = 320, y = 170", "end": ", x = 310, y = 290",
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+layoutGraph(false, "", drawn)),
				ConfigPlanChecks: emptyPlanAfterApply(),
			},
			{
				// Positions dropped from the configuration: the drawing stays.
				Config:            testAccFlowConfigWithJobs(name, minimalBody()+layoutGraph(false, "", nil)),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: positionsAre(map[string][2]float64{"start": {300, 50}, "extract": {320, 170}, "end": {310, 290}}),
			},
			{
				// A node between extract (y 170) and END (y 290): halfway between extract and the
				// highest y that keeps it clear of END, at the layout's axis; nothing else moves.
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+layoutGraph(true, "", nil)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: positionsAre(map[string][2]float64{
					"start": {300, 50}, "extract": {320, 170}, "load": {500, 230}, "end": {310, 290},
				}),
			},
			{
				// A fresh layout of the whole graph.
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+layoutGraph(true, `    layout = "auto"`, nil)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: positionsAre(map[string][2]float64{
					"start": {500, 100}, "extract": {500, 200}, "load": {500, 300}, "end": {500, 400},
				}),
			},
			{
				// Back to the default: the positions stay where the fresh layout put them.
				Config:           testAccFlowConfigWithJobs(name, minimalBody()+layoutGraph(true, "", nil)),
				ConfigPlanChecks: planChecks(plancheck.ResourceActionUpdate),
				ConfigStateChecks: positionsAre(map[string][2]float64{
					"start": {500, 100}, "extract": {500, 200}, "load": {500, 300}, "end": {500, 400},
				}),
			},
		},
	})
}
