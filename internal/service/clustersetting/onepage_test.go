package clustersetting_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccProjectClusterSetting_onePage: a server that answers ListFlowClusterAll with its first
// 10 of 12 clusters whatever the paging parameters (switch one-page; the page documents none) does
// not make a setting on the 11th fail at plan: the list is known incomplete, and the create
// decides. The data source warns that its list is incomplete.
func TestAccProjectClusterSetting_onePage(t *testing.T) {
	clusters := make([]string, 12)
	for i := range clusters {
		clusters[i] = fmt.Sprintf("C-%016X", i+1)
	}
	provider := acctest.OwnEmulator(t, emulator.Config{Clusters: clusters, Switches: emulator.SwitchOnePage})
	project := acctest.RandomName("project")
	config := provider + acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_project_cluster_setting" "test" {
  project_id = emrflow_project.test.id
  cluster_id = %q
}

data "emrflow_clusters" "all" {}
`, clusters[10])
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: emptyPlanAfterApply,
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(clusters[10])),
				statecheck.ExpectKnownValue("data.emrflow_clusters.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(10)),
			},
		}},
	})
}
