package projectuser_test

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

// The emrflow_project_user list resource finds a project's members with their identities
// ({project_id, user_name}), filters by name, and returns the full object when asked. Needs
// Terraform >= 1.14 (TestGenerateConfig_querySettings in test/cliharness adopts them).
func TestAccProjectUserList_query(t *testing.T) {
	name := acctest.RandomName("userlist")
	projectID := acctest.ProjectFixture(t, name)
	config := fmt.Sprintf(`
resource "emrflow_project_user" "a" {
  project_id = %[1]q
  user_id    = "216959339000000001"
  user_name  = "etl-alice"
}

resource "emrflow_project_user" "b" {
  project_id = %[1]q
  user_id    = "216959339000000002"
  user_name  = "bob"
}
`, projectID)
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
					acctest.ListBlock("project_user", "all", false, 0, project),
					acctest.ListBlock("project_user", "etl", true, 0, project+"    name_regex = \"^etl-\"\n"),
				),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_project_user.all", 2),
					querycheck.ExpectIdentity("emrflow_project_user.all", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(projectID), "user_name": knownvalue.StringExact("bob"),
					}),
					querycheck.ExpectLength("emrflow_project_user.etl", 1),
					querycheck.ExpectResourceKnownValues("emrflow_project_user.etl",
						queryfilter.ByDisplayName(knownvalue.StringExact("etl-alice")), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("user_id"), KnownValue: knownvalue.StringExact("216959339000000001")},
						}),
				},
			},
		},
	})
}
