package project_test

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

// The emrflow_project list resource finds projects by name with their identities and, when
// asked, their full objects. Other tests' projects share the region, so the test lists by its
// own names. Needs Terraform >= 1.14.
func TestAccProjectList_query(t *testing.T) {
	name := acctest.RandomName("projlist")
	config := fmt.Sprintf(`
resource "emrflow_project" "a" {
  name        = "%[1]s-a"
  description = "project a"
}

resource "emrflow_project" "b" {
  name        = "%[1]s-b"
  description = "project b"
}
`, name)
	named := fmt.Sprintf("    name_regex = %q\n", "^"+regexp.QuoteMeta(name)+"-")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Query: true,
				Config: acctest.ConfigQuery(
					acctest.ListBlock("project", "named", true, 0, named),
					acctest.ListBlock("project", "one", false, 0, fmt.Sprintf("    name_regex = %q\n", "^"+regexp.QuoteMeta(name)+"-b$")),
				),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_project.named", 2),
					querycheck.ExpectIdentity("emrflow_project.named", map[string]knownvalue.Check{
						"id": knownvalue.StringRegexp(projectIDRegexp),
					}),
					querycheck.ExpectResourceKnownValues("emrflow_project.named",
						queryfilter.ByDisplayName(knownvalue.StringExact(name+"-a")), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact(name + "-a")},
							{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("project a")},
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringRegexp(projectIDRegexp)},
						}),
					querycheck.ExpectLength("emrflow_project.one", 1),
					querycheck.ExpectResourceDisplayName("emrflow_project.one",
						queryfilter.ByDisplayName(knownvalue.StringExact(name+"-b")), knownvalue.StringExact(name+"-b")),
				},
			},
		},
	})
}
