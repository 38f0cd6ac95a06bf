package job_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccJob_editLock: a job held open in the console (DescribeFlowJob's EditLockDetail, here a
// plain user name) makes the refused update say the job is locked and by whom; released, the same
// apply succeeds.
func TestAccJob_editLock(t *testing.T) {
	srv := acctest.Emulator(t)
	project, name := acctest.RandomName("project"), acctest.RandomName("job")
	unlock := func() {}
	t.Cleanup(func() { unlock() })
	lock := func(s *terraform.State) error {
		unlock = srv.LockForEdit(s.RootModule().Resources[resourceName].Primary.ID, "bob")
		return nil
	}
	changed := strings.Replace(testAccJobConfigMinimal(project, name), `type       = "SHELL"`,
		`type       = "SHELL"
  params     = "echo changed"`, 1)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccJobConfigMinimal(project, name), Check: lock},
			{
				Config:      changed,
				ExpectError: acctest.ErrorRegexp(`Cannot update the job.*job FJ-[0-9A-F]+ is locked for editing in the EMR console by bob`),
			},
			{
				PreConfig: func() { unlock() },
				Config:    changed,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
		},
	})
}
