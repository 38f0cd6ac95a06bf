package projectuser_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

const resourceName = "emrflow_project_user.test"

var emptyPlanAfterApply = []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

func testAccConfig(project, userID, userName string) string {
	return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_project_user" "test" {
  project_id = emrflow_project.test.id
  user_id    = %q
  user_name  = %q
}
`, userID, userName)
}

func TestAccProjectUser_basic(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, "216959339000000001", "alice"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"),
						"emrflow_project.test", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.StringExact("216959339000000001")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_name"), knownvalue.StringExact("alice")),
				},
				Check: testAccCheckMember(t, resourceName, "216959339000000001"),
			},
			{
				ResourceName:                         resourceName,
				ImportState:                          true,
				ImportStateIdFunc:                    acctest.ImportIDFunc(resourceName, "project_id", "user_name"),
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "user_name",
				// The sparse profile answers no AccountUserId: TestAccProjectUser_importWithoutUserID.
				ImportStateVerifyIgnore: ignoreUserIDWhenSparse(),
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "alice",
				ExpectError:   acctest.ErrorRegexp(`Invalid import ID.*imported by its project id and its user name, written <project id>:<user name>.*such as FP-257A173659F5E1A2:alice`),
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FP-0123456789ABCDEF:alice@example.onaliyun.com",
				ExpectError:   acctest.ErrorRegexp(`Invalid import ID.*is not a RAM user name`),
			},
			{
				// Importing a user who is not a member says so.
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FP-0123456789ABCDEF:nobody",
				ExpectError:   acctest.ErrorRegexp(`Cannot import non-existent remote object`),
			},
		},
	})
}

// TestAccProjectUser_update: there is no modify action; any change replaces the member, and the
// old one is removed.
func TestAccProjectUser_update(t *testing.T) {
	project := acctest.RandomName("project")
	replaced := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)},
		PostApplyPostRefresh: emptyPlanAfterApply,
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{Config: testAccConfig(project, "216959339000000001", "alice")},
			{
				Config:           testAccConfig(project, "216959339000000002", "alice"),
				ConfigPlanChecks: replaced,
				Check:            testAccCheckMember(t, resourceName, "216959339000000002"),
			},
			{
				Config:           testAccConfig(project, "216959339000000002", "alice.dev"),
				ConfigPlanChecks: replaced,
				Check: resource.ComposeTestCheckFunc(
					testAccCheckMember(t, resourceName, "216959339000000002"),
					testAccCheckMembers(t, resourceName, "alice.dev"),
				),
			},
		},
	})
}

func TestAccProjectUser_disappears(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, "216959339000000001", "alice"),
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources[resourceName]
					return acctest.Client(t).DeleteProjectUser(t.Context(), rs.Primary.Attributes["project_id"], "alice")
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: testAccConfig(project, "216959339000000001", "alice"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckMember(t, resourceName, "216959339000000001"),
			},
		},
	})
}

// TestAccProjectUser_alreadyMember: a user who is already a member (added in the console) is not
// taken over; the error says how to import it.
func TestAccProjectUser_alreadyMember(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{{
			Config: testAccConfig(project, "216959339000000001", "alice") + `
resource "emrflow_project_user" "twin" {
  project_id = emrflow_project_user.test.project_id
  user_id    = "216959339000000001"
  user_name  = "alice"
}
`,
			ExpectError: acctest.ErrorRegexp(`Cannot add the project user.*User name already exists.*terraform import emrflow_project_user.<resource name> FP-[0-9A-F]+:alice`),
		}},
	})
}

// TestAccProjectUser_badInput keeps one CLI case of the project user's plan-time rules, to prove
// that Terraform prints the diagnostic on the attribute's own line; the other rules are rows of
// TestProjectUserValidation, run in process.
func TestAccProjectUser_badInput(t *testing.T) {
	acctest.ExpectPlanErrorOnLine(t, `
resource "emrflow_project_user" "test" {
  project_id = "FP-0123456789ABCDEF"
  user_id    = "1"
  user_name  = "alice smith"
}
`, `user_name  = "alice smith"`, acctest.ErrorRegexp(`user_name must be a RAM user name`))
}

func TestAccProjectUser_identity(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             testAccCheckDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccConfig(project, "216959339000000001", "alice"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"project_id": knownvalue.StringRegexp(regexp.MustCompile(`^FP-`)),
						"user_name":  knownvalue.StringExact("alice"),
					}),
				},
			},
			{
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

func testAccCheckDestroy(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckDestroy("emrflow_project_user", func(rs *terraform.ResourceState) error {
		_, err := acctest.Client(t).FindProjectUser(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.Attributes["user_name"])
		return err
	})
}

// testAccCheckMember asks the API that the member exists with the user id.
func testAccCheckMember(t *testing.T, n, userID string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources[n]
		u, err := acctest.Client(t).FindProjectUser(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.Attributes["user_name"])
		if err != nil {
			return err
		}
		if u.UserID != userID && (u.UserID != "" || ignoreUserIDWhenSparse() == nil) {
			return fmt.Errorf("member %s has user id %q, want %q", u.UserName, u.UserID, userID)
		}
		return nil
	}
}

// testAccCheckMembers asks the API that the project has exactly these members.
func testAccCheckMembers(t *testing.T, n string, names ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		users, err := acctest.Client(t).ListProjectUsers(t.Context(), s.RootModule().Resources[n].Primary.Attributes["project_id"])
		if err != nil {
			return err
		}
		var got []string
		for _, u := range users {
			got = append(got, u.UserName)
		}
		if strings.Join(got, ",") != strings.Join(names, ",") {
			return fmt.Errorf("members %v, want %v", got, names)
		}
		return nil
	}
}

// ignoreUserIDWhenSparse: the sparse profile answers ListFlowProjectUser without AccountUserId, so
// an import cannot read the user id.
func ignoreUserIDWhenSparse() []string {
	if acctest.Answers() == emulator.AnswersSparse {
		return []string{"user_id"}
	}
	return nil
}

// TestAccProjectUser_importWithoutUserID: a member imported from a list answer without
// AccountUserId (ListFlowProjectUser has no page; the sparse profile leaves the field out) plans no
// replacement: the configured user id is recorded in place, without a call, and the plan is then
// empty.
func TestAccProjectUser_importWithoutUserID(t *testing.T) {
	provider := acctest.OwnEmulator(t, emulator.Config{Answers: emulator.AnswersSparse})
	project := acctest.RandomName("project")
	config := provider + testAccConfig(project, "216959339000000001", "alice")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyPlanAfterApply},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.StringExact("216959339000000001")),
				},
			},
			{
				// Forget the member, then import it: its user id cannot be read.
				Config: provider + acctest.ConfigProject(project) + `
removed {
  from = emrflow_project_user.test
  lifecycle {
    destroy = false
  }
}
`,
			},
			{
				Config: config + `
import {
  to = emrflow_project_user.test
  id = "${emrflow_project.test.id}:alice"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.StringExact("216959339000000001")),
				},
			},
		},
	})
}
