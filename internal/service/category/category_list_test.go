package category_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// The emrflow_category list resource finds the folders of a project at every depth, filters by
// type, and returns the full object (with its parent) when asked. Needs Terraform >= 1.14.
func TestAccCategoryList_query(t *testing.T) {
	name := acctest.RandomName("catlist")
	projectID := acctest.ProjectFixture(t, name)
	config := fmt.Sprintf(`
resource "emrflow_category" "jobs" {
  project_id = %[1]q
  name       = "jobs"
  type       = "JOB"
}

resource "emrflow_category" "nested" {
  project_id = %[1]q
  name       = "nested"
  type       = "JOB"
  parent_id  = emrflow_category.jobs.id
}

resource "emrflow_category" "flows" {
  project_id = %[1]q
  name       = "flows"
  type       = "FLOW"
}
`, projectID)
	project := fmt.Sprintf("    project_id = %q\n", projectID)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Query: true,
				Config: acctest.ConfigQuery(
					acctest.ListBlock("category", "all", false, 0, project),
					acctest.ListBlock("category", "jobs", true, 0, project+"    type = \"JOB\"\n"),
				),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_category.all", 3),
					querycheck.ExpectIdentity("emrflow_category.all", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(projectID), "id": knownvalue.StringRegexp(regexp.MustCompile(`^FC-`)),
					}),
					querycheck.ExpectLength("emrflow_category.jobs", 2),
					querycheck.ExpectResourceKnownValues("emrflow_category.jobs",
						queryfilter.ByDisplayName(knownvalue.StringExact("nested")), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("JOB")},
							{Path: tfjsonpath.New("parent_id"), KnownValue: knownvalue.StringRegexp(regexp.MustCompile(`^FC-`))},
							{Path: tfjsonpath.New("project_id"), KnownValue: knownvalue.StringExact(projectID)},
						}),
				},
			},
		},
	})
}
