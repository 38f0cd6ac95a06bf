package category_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccCategoriesDataSource_basic lists a project's folders, all of them, by type and by
// parent; each step changes the filters (the data source's "update").
func TestAccCategoriesDataSource_basic(t *testing.T) {
	project := acctest.RandomName("project")
	folders := acctest.ConfigProject(project) + `
resource "emrflow_category" "flows" {
  project_id = emrflow_project.test.id
  name       = "flows"
  type       = "FLOW"
}

resource "emrflow_category" "daily" {
  project_id = emrflow_project.test.id
  name       = "daily"
  type       = "FLOW"
  parent_id  = emrflow_category.flows.id
}

resource "emrflow_category" "jobs" {
  project_id = emrflow_project.test.id
  name       = "jobs"
  type       = "JOB"
  depends_on = [emrflow_category.daily] # a stable creation order for the list's order
}

# A job in a folder: the API lists it as a file, which the data source leaves out.
resource "emrflow_job" "in_folder" {
  project_id         = emrflow_project.test.id
  name               = "extract"
  type               = "SHELL"
  parent_category_id = emrflow_category.jobs.id
}
`
	names := func(items ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(items))
		for i, n := range items {
			checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)})
		}
		return knownvalue.ListExact(checks)
	}
	list := func(filters string) string {
		return folders + `
data "emrflow_categories" "test" {
  project_id = emrflow_project.test.id
` + filters + `
  depends_on = [emrflow_category.daily, emrflow_category.jobs, emrflow_job.in_folder]
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: list(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.emrflow_categories.test", tfjsonpath.New("categories"), names("flows", "daily", "jobs")),
					statecheck.ExpectKnownValue("data.emrflow_categories.test", tfjsonpath.New("categories").AtSliceIndex(0).AtMapKey("parent_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.emrflow_categories.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				},
			},
			{
				Config: list(`  type = "FLOW"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.emrflow_categories.test", tfjsonpath.New("categories"), names("flows", "daily")),
				},
			},
			{
				Config: list(`  parent_id = emrflow_category.flows.id`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.emrflow_categories.test", tfjsonpath.New("categories"), names("daily")),
					statecheck.CompareValuePairs("data.emrflow_categories.test", tfjsonpath.New("categories").AtSliceIndex(0).AtMapKey("parent_id"),
						"emrflow_category.flows", tfjsonpath.New("id"), compare.ValuesSame()),
				},
			},
			{
				Config: list(`  parent_id = emrflow_category.flows.id
  type      = "JOB"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.emrflow_categories.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccCategoriesDataSource_badInput(t *testing.T) {
	// One CLI case, to prove the diagnostic lands on the attribute's own line; the other rules
	// are rows of TestCategoriesDataSourceValidation, run in process.
	t.Run("bad parent", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `data "emrflow_categories" "t" {
  project_id = "FP-0123456789ABCDEF"
  parent_id  = "F-1"
}`, `parent_id  = "F-1"`, errorRegexp(`parent_id must be an id starting with "FC-"`))
	})
	project := "FP-0123456789ABCDEF"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `data "emrflow_categories" "t" { project_id = "` + project + `" }`,
			ExpectError: errorRegexp(`No such project.*No project has the ID "` + project + `"`),
		}},
	})
}
