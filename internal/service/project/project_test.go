package project_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

const resourceName = "emrflow_project.test"

var projectIDRegexp = regexp.MustCompile(`^FP-[0-9A-F]{16}$`)

func TestAccProject_basic(t *testing.T) {
	name := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccProjectConfig(name, "first description"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("id")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(projectIDRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("first description")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("resource_group_id"), knownvalue.Null()),
				},
				Check: testAccCheckProjectExists(t, resourceName, name),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccProject_update(t *testing.T) {
	name := acctest.RandomName("project")
	renamed := name + "-renamed"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccProjectConfig(name, "first description"),
				Check:  testAccCheckProjectExists(t, resourceName, name),
			},
			{
				Config: testAccProjectConfig(renamed, "second description"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						// The id is kept across the in-place update (UseStateForUnknown).
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(projectIDRegexp)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(renamed)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("second description")),
				},
				Check: testAccCheckProjectExists(t, resourceName, renamed),
			},
		},
	})
}

func TestAccProject_resourceGroupReplaces(t *testing.T) {
	name := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccProjectConfigResourceGroup(name, "rg-aaaa1111"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("resource_group_id"), knownvalue.StringExact("rg-aaaa1111")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testAccProjectConfigResourceGroup(name, "rg-bbbb2222"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The API never returns the resource group, so the import cannot verify it.
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"resource_group_id"},
			},
		},
	})
}

func TestAccProject_disappears(t *testing.T) {
	name := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccProjectConfig(name, "disappears"),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckProjectExists(t, resourceName, name),
					testAccCheckProjectDeleteOutOfBand(t, resourceName),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				// The next plan re-creates it.
				Config: testAccProjectConfig(name, "disappears"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: testAccCheckProjectExists(t, resourceName, name),
			},
		},
	})
}

func TestAccProject_drift(t *testing.T) {
	name := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccProjectConfig(name, "as configured"),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckProjectExists(t, resourceName, name),
					testAccCheckProjectModifyOutOfBand(t, resourceName, "changed by hand"),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: testAccProjectConfig(name, "as configured"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("as configured")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccProject_validation keeps one CLI case of the project's plan-time rules, to prove that
// Terraform prints the diagnostic on the attribute's own line; the other rules are rows of
// TestProjectValidation, run in process.
func TestAccProject_validation(t *testing.T) {
	acctest.ExpectPlanErrorOnLine(t, testAccProjectConfigResourceGroup("ok-name", "group-1"),
		`resource_group_id = "group-1"`, regexp.MustCompile(`(?s)resource_group_id must look like rg-`))
}

func testAccProjectConfig(name, description string) string {
	return fmt.Sprintf(`
resource "emrflow_project" "test" {
  name        = %[1]q
  description = %[2]q
}
`, name, description)
}

func testAccProjectConfigResourceGroup(name, group string) string {
	return fmt.Sprintf(`
resource "emrflow_project" "test" {
  name              = %[1]q
  description       = "with a resource group"
  resource_group_id = %[2]q
}
`, name, group)
}

// testAccCheckProjectExists asks the API, not the state, whether the project exists with this name.
func testAccCheckProjectExists(t *testing.T, n, wantName string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		p, err := acctest.Client(t).DescribeProject(context.Background(), rs.Primary.ID)
		if err != nil {
			return fmt.Errorf("describing %s: %w", rs.Primary.ID, err)
		}
		if p.Name != wantName {
			return fmt.Errorf("project %s is named %q on the server, want %q", p.ID, p.Name, wantName)
		}
		return nil
	}
}

func testAccCheckProjectDestroy(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckDestroy("emrflow_project", func(rs *terraform.ResourceState) error {
		_, err := acctest.Client(t).DescribeProject(context.Background(), rs.Primary.ID)
		return err
	})
}

func testAccCheckProjectDeleteOutOfBand(t *testing.T, n string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		return acctest.Client(t).DeleteProject(context.Background(), rs.Primary.ID)
	}
}

func testAccCheckProjectModifyOutOfBand(t *testing.T, n, description string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		return acctest.Client(t).ModifyProject(context.Background(), rs.Primary.ID, emrapi.ProjectInput{
			Name:        rs.Primary.Attributes["name"],
			Description: description,
		})
	}
}
