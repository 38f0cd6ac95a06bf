package clustersetting_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccProjectClusterSetting_dataFalse: a Modify the server answers with Data: false ("whether
// it succeeded", the page's only word on it) is an error naming the action and the setting; the
// state keeps what the server holds, and the next apply, once the server takes it, succeeds.
func TestAccProjectClusterSetting_dataFalse(t *testing.T) {
	srv := acctest.Emulator(t)
	project := acctest.RandomName("project")
	var projectID string
	var undo func()
	t.Cleanup(func() {
		if undo != nil {
			undo()
		}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, `  users = ["etl"]`),
				Check: func(s *terraform.State) error {
					projectID = s.RootModule().Resources[resourceName].Primary.Attributes["project_id"]
					return nil
				},
			},
			{
				PreConfig: func() { undo = srv.RefuseWithDataFalse("ModifyFlowProjectClusterSetting", projectID) },
				Config:    testAccConfig(project, `  users = ["etl", "hadoop"]`),
				ExpectError: acctest.ErrorRegexp(`Cannot update the cluster setting.*ModifyFlowProjectClusterSetting.*Data: false.*` +
					`cluster ` + acctest.ClusterID()),
			},
			{
				PreConfig: func() { undo() },
				Config:    testAccConfig(project, `  users = ["etl", "hadoop"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckSetting(t, resourceName, "hadoop", "default", []string{"etl", "hadoop"}, nil, nil),
			},
		},
	})
}
