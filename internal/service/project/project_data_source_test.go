package project_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

func TestAccProjectDataSource_byIDAndName(t *testing.T) {
	name := acctest.RandomName("project-ds")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccProjectConfig(name, "looked up") + `
data "emrflow_project" "by_id" {
  id = emrflow_project.test.id
}

data "emrflow_project" "by_name" {
  name = emrflow_project.test.name
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.emrflow_project.by_id", tfjsonpath.New("id"),
					resourceName, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.emrflow_project.by_name", tfjsonpath.New("id"),
					resourceName, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.emrflow_project.by_id", tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue("data.emrflow_project.by_name", tfjsonpath.New("description"), knownvalue.StringExact("looked up")),
				statecheck.ExpectKnownValue("data.emrflow_project.by_name", tfjsonpath.New("gmt_create"), knownvalue.NotNull()),
			},
		}},
	})
}

// TestAccProjectDataSource_errors: what only the API can tell (no such project) through the CLI,
// and one case of the config validator on the attribute's own line; the rules that need no API
// call are rows of TestProjectDataSourceValidation, run in process.
func TestAccProjectDataSource_errors(t *testing.T) {
	t.Run("config validator on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `data "emrflow_project" "x" {
  id   = "FP-0000000000000000"
  name = "x"
}`, `id   = "FP-0000000000000000"`, regexp.MustCompile(`(?s)Exactly one of these attributes must be configured: \[id,name\]`))
	})
	cases := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"unknown name": {
			config: `data "emrflow_project" "x" { name = "no-such-project-` + acctest.RandomName("x") + `" }`,
			want:   regexp.MustCompile(`No project is named`),
		},
		"unknown id": {
			config: `data "emrflow_project" "x" { id = "FP-0000000000000000" }`,
			want:   regexp.MustCompile(`No project has the ID "FP-0000000000000000"`),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}
}

// TestAccProjectsDataSource_paging lists more projects than one page of ListFlowProject holds
// (100), so the data source must walk the pages.
func TestAccProjectsDataSource_paging(t *testing.T) {
	const count = 105
	prefix := acctest.RandomName("paging")
	client := acctest.Client(t)
	ctx := context.Background()
	var ids []string
	for i := range count {
		id, err := client.CreateProject(ctx, emrapi.ProjectInput{Name: fmt.Sprintf("%s-%03d", prefix, i), Description: "paging"})
		if err != nil {
			t.Fatalf("creating project %d: %s", i, err)
		}
		ids = append(ids, id)
	}
	t.Cleanup(func() {
		for _, id := range ids {
			if err := client.DeleteProject(ctx, id); err != nil && !emrapi.IsNotFound(err) {
				t.Errorf("deleting %s: %s", id, err)
			}
		}
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "emrflow_projects" "all" {
  name_regex = "^%[1]s-"
}

data "emrflow_projects" "one" {
  name_regex = "^%[1]s-042$"
}
`, regexp.QuoteMeta(prefix)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.emrflow_projects.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(count)),
				statecheck.ExpectKnownValue("data.emrflow_projects.all", tfjsonpath.New("projects"), knownvalue.ListSizeExact(count)),
				statecheck.ExpectKnownValue("data.emrflow_projects.one", tfjsonpath.New("ids"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(ids[42])})),
				statecheck.ExpectKnownValue("data.emrflow_projects.one", tfjsonpath.New("projects").AtSliceIndex(0).AtMapKey("name"),
					knownvalue.StringExact(fmt.Sprintf("%s-042", prefix))),
			},
		}},
	})
}
