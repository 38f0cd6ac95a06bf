package docscheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccExamples_smokeRunAction applies the action page's complete example, a smoke run after
// every deploy: the apply runs the new flow once, and the run succeeds. It needs Terraform 1.16
// (on_failure), so it runs in make testacc-current (its name holds "Action").
func TestAccExamples_smokeRunAction(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "examples", "actions", "emrflow_flow_run", "smoke-after-deploy.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if acctest.IsReal() {
		t.Skip("the examples run against the emulator only")
	}
	ranOnce := func(s *terraform.State) error {
		rs := s.RootModule().Resources["emrflow_flow.daily"]
		if rs == nil {
			return fmt.Errorf("emrflow_flow.daily not in state")
		}
		runs, err := acctest.Client(t).ListFlowInstances(t.Context(), emrapi.ListFlowInstancesInput{
			ProjectID: rs.Primary.Attributes["project_id"], FlowID: rs.Primary.ID,
		})
		if err != nil {
			return err
		}
		if len(runs) != 1 || runs[0].Status != emrapi.InstanceSucceeded {
			return fmt.Errorf("want one SUCCEEDED run after apply, got %+v", runs)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{
			tfversion.SkipBelow(version.Must(version.NewVersion("1.16.0"))),
		},
		Steps: []resource.TestStep{{
			Config: string(src),
			Check:  resource.ComposeAggregateTestCheckFunc(flowsCanRun(t), ranOnce),
		}},
	})
}
