package clustersetting_test

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccClustersDataSource_basic: all of the region's clusters, then a project's: none before
// the setting, the associated one after (the data source's "update" is the change of scope).
func TestAccClustersDataSource_basic(t *testing.T) {
	acctest.Emulator(t) // the seeded clusters
	project := acctest.RandomName("project")
	all := `
data "emrflow_clusters" "all" {}
`
	ofProject := `
data "emrflow_clusters" "project" {
  project_id = emrflow_project.test.id
  depends_on = [emrflow_project_cluster_setting.test]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: all + acctest.ConfigProject(project) + `
data "emrflow_clusters" "project" {
  project_id = emrflow_project.test.id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					// Clusters only: the seeded template CT-0000000000000001 is not one; in the
					// API's order, which the shuffled answer profiles reverse.
					statecheck.ExpectKnownValue("data.emrflow_clusters.all", tfjsonpath.New("ids"), knownvalue.ListExact(inAPIOrder(
						knownvalue.StringExact(acctest.EmulatorClusterID), knownvalue.StringExact(acctest.EmulatorClusterID2),
						knownvalue.StringExact("C-0000000000000003"),
					))),
					statecheck.ExpectKnownValue("data.emrflow_clusters.all", tfjsonpath.New("clusters").AtSliceIndex(firstIndex(3)), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(acctest.EmulatorClusterID), "name": knownvalue.StringExact("emulator-0000000000000001"),
						"type": knownvalue.StringExact("HADOOP"), "status": knownvalue.StringExact("IDLE"),
						"charge_type": knownvalue.StringExact("PostPaid"), "create_time": knownvalue.Int64Exact(1577836800000),
						"running_time": knownvalue.NotNull(), "expired_time": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue("data.emrflow_clusters.project", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				Config: testAccConfig(project, "") + ofProject,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.emrflow_clusters.project", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(acctest.EmulatorClusterID),
					})),
				},
			},
		},
	})
}

func TestAccClustersDataSource_badInput(t *testing.T) {
	// On the attribute's own line; TestClustersDataSourceValidation has the rule in process.
	t.Run("bad project id", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, `data "emrflow_clusters" "t" { project_id = "C-1" }`,
			`data "emrflow_clusters" "t" { project_id = "C-1" }`, acctest.ErrorRegexp(`project_id must be an id starting with "FP-"`))
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `data "emrflow_clusters" "t" { project_id = "FP-0123456789ABCDEF" }`,
			ExpectError: acctest.ErrorRegexp(`No such project.*No project has the ID "FP-0123456789ABCDEF"`),
		}},
	})
}

// shuffled tells whether the emulator answers lists in reverse (the shuffled and all profiles).
func shuffled() bool {
	return acctest.Answers() == emulator.AnswersShuffled || acctest.Answers() == emulator.AnswersAll
}

// inAPIOrder returns checks in the order the emulator answers the items they check.
func inAPIOrder(checks ...knownvalue.Check) []knownvalue.Check {
	if shuffled() {
		slices.Reverse(checks)
	}
	return checks
}

// firstIndex is where the emulator's first of n items is in its answer.
func firstIndex(n int) int {
	if shuffled() {
		return n - 1
	}
	return 0
}
