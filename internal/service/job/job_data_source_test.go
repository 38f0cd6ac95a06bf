package job_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// lookupJobsConfig is a project with three jobs for the lookups.
func lookupJobsConfig(project string) string {
	return acctest.ConfigProject(project) + `
resource "emrflow_job" "extract" {
  project_id  = emrflow_project.test.id
  name        = "extract"
  type        = "SHELL"
  description = "pulls the data"
  params      = "echo extract"
  max_retry   = 2
}

resource "emrflow_job" "extract_again" {
  project_id = emrflow_project.test.id
  name       = "extract-again"
  type       = "SHELL"
  # The list is in creation order: made one after the other, the two jobs are listed in this order.
  depends_on = [emrflow_job.extract]
}

resource "emrflow_job" "load" {
  project_id = emrflow_project.test.id
  name       = "load"
  type       = "SPARK"
}
`
}

func dsErrorRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// TestAccJobDataSource_basic reads a job by name and by id, and lists jobs by name and type; the
// second step changes the lookups (the data sources' "update").
func TestAccJobDataSource_basic(t *testing.T) {
	project := acctest.RandomName("project")
	lookups := func(name, regex, typ string) string {
		return fmt.Sprintf(`
data "emrflow_job" "by_name" {
  project_id = emrflow_project.test.id
  name       = %[1]q
  depends_on = [emrflow_job.extract, emrflow_job.extract_again, emrflow_job.load]
}

data "emrflow_job" "by_id" {
  project_id = emrflow_project.test.id
  id         = data.emrflow_job.by_name.id
}

data "emrflow_jobs" "test" {
  project_id = emrflow_project.test.id
  name_regex = %[2]q
  type       = %[3]s
  depends_on = [emrflow_job.extract, emrflow_job.extract_again, emrflow_job.load]
}
`, name, regex, typ)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: lookupJobsConfig(project) + lookups("extract", "^extract", `"SHELL"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.emrflow_job.by_name", tfjsonpath.New("id"),
						"emrflow_job.extract", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.emrflow_job.by_name", tfjsonpath.New("type"), knownvalue.StringExact("SHELL")),
					statecheck.ExpectKnownValue("data.emrflow_job.by_name", tfjsonpath.New("params"), knownvalue.StringExact("echo extract")),
					statecheck.ExpectKnownValue("data.emrflow_job.by_name", tfjsonpath.New("max_retry"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.emrflow_job.by_name", tfjsonpath.New("description"), knownvalue.StringExact("pulls the data")),
					statecheck.ExpectKnownValue("data.emrflow_job.by_name", tfjsonpath.New("parent_category_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.emrflow_job.by_id", tfjsonpath.New("name"), knownvalue.StringExact("extract")),
					statecheck.ExpectKnownValue("data.emrflow_jobs.test", tfjsonpath.New("jobs"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("extract"), "type": knownvalue.StringExact("SHELL")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("extract-again")}),
					})),
					statecheck.ExpectKnownValue("data.emrflow_jobs.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
				},
			},
			{
				Config: lookupJobsConfig(project) + lookups("load", "", `"SPARK"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.emrflow_job.by_id", tfjsonpath.New("id"),
						"emrflow_job.load", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.emrflow_job.by_id", tfjsonpath.New("type"), knownvalue.StringExact("SPARK")),
					statecheck.ExpectKnownValue("data.emrflow_jobs.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				},
			},
			{
				// Matching nothing is not an error for the list.
				Config: lookupJobsConfig(project) + lookups("load", "^nothing", "null"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.emrflow_jobs.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

// TestAccJobDataSource_notFound: the singular data source errors on no match, on the attribute it
// was looked up by; a missing project is told on project_id.
func TestAccJobDataSource_notFound(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project) + `
data "emrflow_job" "test" {
  project_id = emrflow_project.test.id
  name       = "nobody"
}
`,
				ExpectError: dsErrorRegexp(`No such job.*with data.emrflow_job.test.*No job of project FP-[0-9A-F]+ is named "nobody"`),
			},
			{
				Config: acctest.ConfigProject(project) + `
data "emrflow_job" "test" {
  project_id = emrflow_project.test.id
  id         = "FJ-0123456789ABCDEF"
}
`,
				ExpectError: dsErrorRegexp(`No such job.*has no job with the ID "FJ-0123456789ABCDEF"`),
			},
			{
				Config: `
data "emrflow_jobs" "test" {
  project_id = "FP-0123456789ABCDEF"
}
`,
				ExpectError: dsErrorRegexp(`No such project.*No project has the ID "FP-0123456789ABCDEF"`),
			},
		},
	})
}

// TestAccJobDataSource_badInput keeps one CLI case of the data sources' plan-time rules, to prove
// that Terraform prints the diagnostic of a config validator (exactly one of id and name) on the
// attribute's own line; the other rules are rows of TestJobDataSourceValidation, run in process.
func TestAccJobDataSource_badInput(t *testing.T) {
	acctest.ExpectPlanErrorOnLine(t, `data "emrflow_job" "t" {
  project_id = "FP-0123456789ABCDEF"
  id         = "FJ-0123456789ABCDEF"
  name       = "x"
}`, `id         = "FJ-0123456789ABCDEF"`, dsErrorRegexp(`Exactly one of these attributes must be configured: \[id,name\]`))
}
