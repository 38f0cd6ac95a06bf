package flow_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccFlow_updatePlanShowsOnlyTheChange checks that an in-place update plans nothing as
// "(known after apply)" that the provider can know: editing the schedule keeps the status, the
// periodic flag and the folder (root when unset) known in the plan, so the plan shows one change.
func TestAccFlow_updatePlanShowsOnlyTheChange(t *testing.T) {
	name := acctest.RandomName("flow-exact")
	config := func(cron string) string {
		return acctest.ConfigProject(name) + fmt.Sprintf(`
resource "emrflow_flow" "test" {
  project_id     = emrflow_project.test.id
  cluster_id     = %[1]q
  name           = %[2]q
  description    = "exact plans"
  cron_expr      = %[3]q
  start_schedule = 1767225600000
  status         = "UNDER_SCHEDULE"
}
`, acctest.ClusterID(), name, cron)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("0 0 2 * * ?")},
			{
				Config: config("0 30 3 * * ?"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("emrflow_flow.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("emrflow_flow.test", tfjsonpath.New("parent_category_id"), knownvalue.Null()),
						plancheck.ExpectKnownValue("emrflow_flow.test", tfjsonpath.New("periodic"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue("emrflow_flow.test", tfjsonpath.New("status"), knownvalue.StringExact("UNDER_SCHEDULE")),
						plancheck.ExpectKnownValue("emrflow_flow.test", tfjsonpath.New("cron_expr"), knownvalue.StringExact("0 30 3 * * ?")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
