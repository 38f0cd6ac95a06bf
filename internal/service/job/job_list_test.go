package job_test

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

// The emrflow_job list resource finds a project's jobs with their identities, filters by name and
// type, honours the limit, and returns the full object when asked. Needs Terraform >= 1.14.
func TestAccJobList_query(t *testing.T) {
	name := acctest.RandomName("joblist")
	projectID := acctest.ProjectFixture(t, name)
	config := fmt.Sprintf(`
resource "emrflow_job" "a" {
  project_id  = %[1]q
  name        = "%[2]s-a"
  type        = "SHELL"
  description = "job a"
  params      = "echo a"
  max_retry   = 2
}

resource "emrflow_job" "b" {
  project_id = %[1]q
  name       = "%[2]s-b"
  type       = "SPARK"
}

resource "emrflow_job" "other" {
  project_id = %[1]q
  name       = "other-%[2]s"
  type       = "SHELL"
}
`, projectID, name)
	project := fmt.Sprintf("    project_id = %q\n", projectID)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Query: true,
				Config: acctest.ConfigQuery(
					acctest.ListBlock("job", "all", false, 0, project),
					acctest.ListBlock("job", "named", true, 0, project+fmt.Sprintf("    name_regex = %q\n", "^"+regexp.QuoteMeta(name)+"-")),
					acctest.ListBlock("job", "spark", false, 0, project+"    type = \"SPARK\"\n"),
					acctest.ListBlock("job", "limited", false, 2, project),
				),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_job.all", 3),
					querycheck.ExpectIdentity("emrflow_job.all", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(projectID), "id": knownvalue.StringRegexp(regexp.MustCompile(`^FJ-`)),
					}),
					querycheck.ExpectLength("emrflow_job.named", 2),
					querycheck.ExpectResourceKnownValues("emrflow_job.named",
						queryfilter.ByDisplayName(knownvalue.StringExact(name+"-a")), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("project_id"), KnownValue: knownvalue.StringExact(projectID)},
							{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("SHELL")},
							{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("job a")},
							{Path: tfjsonpath.New("params"), KnownValue: knownvalue.StringExact("echo a")},
							{Path: tfjsonpath.New("max_retry"), KnownValue: knownvalue.Int64Exact(2)},
						}),
					querycheck.ExpectLength("emrflow_job.spark", 1),
					querycheck.ExpectResourceDisplayName("emrflow_job.spark",
						queryfilter.ByDisplayName(knownvalue.StringExact(name+"-b")), knownvalue.StringExact(name+"-b")),
					querycheck.ExpectLength("emrflow_job.limited", 2),
				},
			},
		},
	})
}
