package clustersetting_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccProjectClusterSetting_example applies the documentation's example (a setting with every
// attribute and a flow that waits for it), so that it stays valid.
func TestAccProjectClusterSetting_example(t *testing.T) {
	acctest.Emulator(t) // the example names the emulator's cluster and host
	example, err := os.ReadFile("../../../examples/resources/emrflow_project_cluster_setting/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	config := strings.Replace(string(example), `name        = "etl"`,
		fmt.Sprintf("name        = %q", acctest.RandomName("project")), 1)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: testAccCheckSetting(t, "emrflow_project_cluster_setting.main", "etl", "root.etl",
				[]string{"etl", "hadoop"}, []string{"root.etl", "default"}, []string{masterHost}),
		}},
	})
}
