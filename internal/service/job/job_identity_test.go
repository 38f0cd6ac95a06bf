package job_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// A job's identity is {project_id, id}; an import block with that identity, or with the
// "FP-…:FJ-…" string, imports it with an empty plan. Needs Terraform >= 1.12.
func TestAccJob_identity(t *testing.T) {
	name := acctest.RandomName("job")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccJobConfigMinimal(name, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"project_id": knownvalue.StringRegexp(regexp.MustCompile(`^FP-`)),
						"id":         knownvalue.StringRegexp(regexp.MustCompile(`^FJ-`)),
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
				ImportStateIdFunc: importID(resourceName),
			},
		},
	})
}
