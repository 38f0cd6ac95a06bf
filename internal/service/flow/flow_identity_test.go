package flow_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// A flow's identity is {project_id, id}; an import block with that identity, or with the
// "FP-…:F-…" string, imports it with an empty plan. Needs Terraform >= 1.12.
func TestAccFlow_identity(t *testing.T) {
	name := acctest.RandomName("flow")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFlowDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccFlowConfig(name, minimalBody()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"project_id": knownvalue.StringRegexp(regexp.MustCompile(`^FP-`)),
						"id":         knownvalue.StringRegexp(flowIDRegexp),
					}),
					statecheck.ExpectIdentityValueMatchesState(resourceName, tfjsonpath.New("project_id")),
					statecheck.ExpectIdentityValueMatchesState(resourceName, tfjsonpath.New("id")),
				},
			},
			{
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: testAccFlowImportID(resourceName),
			},
		},
	})
}

// An identity whose attributes have the wrong shape is refused at import with the attribute's
// name, before any API call could report a confusing "does not exist".
func TestAccFlow_identityInvalid(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
import {
  to       = emrflow_flow.test
  identity = { project_id = "F-257A173659F5", id = "F-7A39731FE719" }
}

resource "emrflow_flow" "test" {
  project_id  = "FP-257A173659F5"
  name        = "imported"
  description = "imported"
  cluster_id  = %q
}
`, acctest.ClusterID()),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`identity\.project_id of the flow: "F-257A173659F5" does not look like an ID\s+\(FP- followed`),
			},
		},
	})
}
