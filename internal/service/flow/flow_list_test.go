package flow_test

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

// The emrflow_flow list resource finds a project's flows with their identities, filters by name,
// cluster and status, honours the limit, and returns the full object when asked. Needs
// Terraform >= 1.14 (`terraform query`).
func TestAccFlowList_query(t *testing.T) {
	name := acctest.RandomName("flowlist")
	projectID := acctest.ProjectFixture(t, name)
	cluster2 := acctest.ClusterID()
	if !acctest.IsReal() {
		cluster2 = acctest.EmulatorClusterID2
	}
	config := fmt.Sprintf(`
resource "emrflow_flow" "a" {
  project_id  = %[1]q
  name        = "%[2]s-a"
  description = "flow a"
  cluster_id  = %[3]q
}

resource "emrflow_flow" "b" {
  project_id     = %[1]q
  name           = "%[2]s-b"
  description    = "flow b"
  cluster_id     = %[3]q
  cron_expr      = "0 0 2 * * ?"
  start_schedule = 1700000000000
  end_schedule   = 1900000000000
  status         = "UNDER_SCHEDULE"
}

resource "emrflow_flow" "other" {
  project_id  = %[1]q
  name        = "other-%[2]s"
  description = "other"
  cluster_id  = %[4]q
}
`, projectID, name, acctest.ClusterID(), cluster2)
	project := fmt.Sprintf("    project_id = %q\n", projectID)
	flowID := knownvalue.StringRegexp(flowIDRegexp)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Query: true,
				Config: acctest.ConfigQuery(
					acctest.ListBlock("flow", "all", false, 0, project),
					acctest.ListBlock("flow", "named", true, 0, project+fmt.Sprintf("    name_regex = %q\n", "^"+regexp.QuoteMeta(name)+"-")),
					acctest.ListBlock("flow", "scheduled", false, 0, project+"    status = \"UNDER_SCHEDULE\"\n"),
					acctest.ListBlock("flow", "limited", false, 1, project),
				),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_flow.all", 3),
					querycheck.ExpectIdentity("emrflow_flow.all", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(projectID), "id": flowID,
					}),
					querycheck.ExpectLength("emrflow_flow.named", 2),
					querycheck.ExpectResourceDisplayName("emrflow_flow.named",
						queryfilter.ByDisplayName(knownvalue.StringExact(name+"-a")), knownvalue.StringExact(name+"-a")),
					querycheck.ExpectResourceKnownValues("emrflow_flow.named",
						queryfilter.ByDisplayName(knownvalue.StringExact(name+"-b")), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("project_id"), KnownValue: knownvalue.StringExact(projectID)},
							{Path: tfjsonpath.New("id"), KnownValue: flowID},
							{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("flow b")},
							{Path: tfjsonpath.New("cron_expr"), KnownValue: knownvalue.StringExact("0 0 2 * * ?")},
							{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("UNDER_SCHEDULE")},
							{Path: tfjsonpath.New("region"), KnownValue: knownvalue.StringExact("cn-hangzhou")},
						}),
					querycheck.ExpectLength("emrflow_flow.scheduled", 1),
					querycheck.ExpectLength("emrflow_flow.limited", 1),
				},
			},
			{
				Query:  true,
				Config: acctest.ConfigQuery(acctest.ListBlock("flow", "cluster", false, 0, project+fmt.Sprintf("    cluster_id = %q\n", cluster2))),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("emrflow_flow.cluster", map[bool]int{true: 3, false: 1}[acctest.IsReal()]),
				},
			},
		},
	})
}

// A bad filter is told at validation, on the attribute, before anything is listed.
func TestAccFlowList_queryInvalid(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: `# nothing managed`},
			{
				Query:       true,
				Config:      acctest.ConfigQuery(acctest.ListBlock("flow", "bad", false, 0, "    project_id = \"F-123\"\n    status = \"RUNNING\"\n")),
				ExpectError: regexp.MustCompile(`(?s)project_id.*FP-|status.*UNDER_SCHEDULE`),
			},
		},
	})
}
