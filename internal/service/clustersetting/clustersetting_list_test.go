package clustersetting_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// The emrflow_project_cluster_setting list resource finds a project's settings with their
// identities ({project_id, cluster_id}), and the full object when asked. Needs Terraform >= 1.14
// (TestGenerateConfig_querySettings in test/cliharness adopts them with -generate-config-out).
func TestAccProjectClusterSettingList_query(t *testing.T) {
	if acctest.IsReal() {
		t.Skip("needs the emulator's two clusters")
	}
	name := acctest.RandomName("settinglist")
	projectID := acctest.ProjectFixture(t, name)
	config := fmt.Sprintf(`
resource "emrflow_project_cluster_setting" "a" {
  project_id   = %[1]q
  cluster_id   = %[2]q
  default_user = "etl"
  users        = ["etl"]
}

resource "emrflow_project_cluster_setting" "b" {
  project_id = %[1]q
  cluster_id = %[3]q
}
`, projectID, acctest.EmulatorClusterID, acctest.EmulatorClusterID2)
	project := fmt.Sprintf("    project_id = %q\n", projectID)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Query: true,
				Config: acctest.ConfigQuery(
					acctest.ListBlock("project_cluster_setting", "all", true, 0, project),
					acctest.ListBlock("project_cluster_setting", "limited", false, 1, project),
				),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_project_cluster_setting.all", 2),
					querycheck.ExpectIdentity("emrflow_project_cluster_setting.all", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(projectID), "cluster_id": knownvalue.StringExact(acctest.EmulatorClusterID),
					}),
					querycheck.ExpectResourceKnownValues("emrflow_project_cluster_setting.all",
						queryfilter.ByDisplayName(knownvalue.StringExact("emulator-0000000000000001")), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("default_user"), KnownValue: knownvalue.StringExact("etl")},
							{Path: tfjsonpath.New("users"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("etl")})},
						}),
					querycheck.ExpectLength("emrflow_project_cluster_setting.limited", 1),
				},
			},
		},
	})
}
