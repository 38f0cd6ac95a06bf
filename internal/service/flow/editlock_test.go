package flow_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccFlow_editLock: a flow held open in the console (DescribeFlow's EditLockDetail) is warned
// about at plan time; the API's refusal of the update says the flow is locked, and by whom; once
// the lock is released the same apply succeeds.
func TestAccFlow_editLock(t *testing.T) {
	srv := acctest.Emulator(t)
	name := acctest.RandomName("flow")
	unlock := func() {}
	t.Cleanup(func() { unlock() })
	lock := func(s *terraform.State) error {
		unlock = srv.LockForEdit(s.RootModule().Resources[resourceName].Primary.ID, `{"userName":"alice","lockTime":1700000000000}`)
		return nil
	}
	changed := testAccFlowConfig(name, `
  description = "changed while locked"
  cluster_id  = "`+acctest.ClusterID()+`"
`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccFlowConfig(name, minimalBody()), Check: lock},
			{
				Config:      changed,
				ExpectError: acctest.ErrorRegexp(`Cannot update the flow.*flow F-[0-9A-F]+ is locked for editing in the EMR console by alice`),
			},
			{
				PreConfig: func() { unlock() },
				Config:    changed,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
