package flow_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccFlow_applicationIgnored: DescribeFlow answers Application, the compiled DAG as a JSON
// string ({"nodeDefMap":{…}}); the provider models none of it, and a flow with a graph re-plans
// empty beside it.
func TestAccFlow_applicationIgnored(t *testing.T) {
	endpoint := acctest.Endpoint(t)
	if endpoint == "" {
		t.Skip("reads the emulator's raw answer")
	}
	name := acctest.RandomName("flow")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccFlowConfigWithJobs(name, minimalBody()+smallGraph(refExtract)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(s *terraform.State) error {
				rs := s.RootModule().Resources[resourceName]
				client, err := emr.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
				if err != nil {
					return err
				}
				req := emr.CreateDescribeFlowRequest()
				req.Domain, req.Scheme = strings.TrimPrefix(endpoint, "http://"), "http"
				req.ProjectId, req.Id = rs.Primary.Attributes["project_id"], rs.Primary.ID
				resp, err := client.DescribeFlow(req)
				if err != nil {
					return err
				}
				if !strings.Contains(resp.Application, `"nodeDefMap"`) || !strings.Contains(resp.Application, `":action:"`) {
					return fmt.Errorf("DescribeFlow answered Application %q, want the compiled DAG", resp.Application)
				}
				return nil
			},
		}},
	})
}
