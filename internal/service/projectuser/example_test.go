package projectuser_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccProjectUser_example applies the documentation's example, so that it stays valid.
func TestAccProjectUser_example(t *testing.T) {
	example, err := os.ReadFile("../../../examples/resources/emrflow_project_user/resource.tf")
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
			Check: testAccCheckMember(t, "emrflow_project_user.alice", "216959339000000001"),
		}},
	})
}
