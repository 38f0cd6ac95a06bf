package category_test

import (
	"fmt"
	"os"
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

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

const resourceName = "emrflow_category.test"

var categoryIDRegexp = regexp.MustCompile(`^FC-[0-9A-F]{16}$`)

// emptyPlanAfterApply is the plan check every applying step makes: refreshing and planning again
// right after the apply must show nothing to do.
var emptyPlanAfterApply = []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

func TestAccCategory_basic(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccCategoryConfig(project, name, "FLOW", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("id")),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(categoryIDRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("type"), knownvalue.StringExact("FLOW")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_id"), knownvalue.Null()),
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"),
						"emrflow_project.test", tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "FLOW", ""),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: importID(resourceName),
				ImportStateVerify: true,
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FC-0123456789ABCDEF",
				ExpectError:   errorRegexp(`Invalid import ID.*<project id>:<id> such as FP-257A173659F5E1A2:FC-`),
			},
			{
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: "FP-0123456789ABCDEF:FJ-0123456789ABCDEF",
				ExpectError:   errorRegexp(`Invalid import ID.*"FJ-0123456789ABCDEF" does not start with FC-`),
			},
		},
	})
}

// TestAccCategory_adhoc: a folder of ad hoc queries, the third type CreateFlowCategory documents,
// is created, read back and imported.
func TestAccCategory_adhoc(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccCategoryConfig(project, name, "ADHOC", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("type"), knownvalue.StringExact("ADHOC")),
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "ADHOC", ""),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: importID(resourceName),
				ImportStateVerify: true,
			},
		},
	})
}

// TestAccCategory_update renames a folder, moves it into another folder and back to the root,
// each in place.
func TestAccCategory_update(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	renamed := name + "-renamed"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccCategoryConfig(project, name, "JOB", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "JOB", ""),
			},
			{
				Config: testAccCategoryConfig(project, renamed, "JOB", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(categoryIDRegexp)),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(renamed)),
				},
				Check: testAccCheckCategoryExists(t, resourceName, renamed, "JOB", ""),
			},
			{
				// Move into another folder.
				Config: testAccCategoryConfig(project, renamed, "JOB", "emrflow_category.parent.id"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("emrflow_category.parent", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("parent_id"),
						"emrflow_category.parent", tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: testAccCheckCategoryExists(t, resourceName, renamed, "JOB", "emrflow_category.parent"),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: importID(resourceName),
				ImportStateVerify: true,
			},
			{
				// Removing parent_id moves it back to the root; the parent folder stays in the
				// configuration, since Terraform would delete it before the move.
				Config: testAccCategoryConfig(project, renamed, "JOB", "") + testAccCategoryConfigParent(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_id"), knownvalue.Null()),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckCategoryExists(t, resourceName, renamed, "JOB", ""),
			},
		},
	})
}

func TestAccCategory_replace(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	other := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccCategoryConfigTwoProjects(project, other, name, "emrflow_project.test.id", "FLOW"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				Config: testAccCategoryConfigTwoProjects(project, other, name, "emrflow_project.test.id", "JOB"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "JOB", ""),
			},
			{
				Config: testAccCategoryConfigTwoProjects(project, other, name, "emrflow_project.other.id", "JOB"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("project_id"),
						"emrflow_project.other", tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "JOB", ""),
			},
		},
	})
}

// TestAccCategory_nested builds a folder tree and a job in its leaf; Terraform deletes them
// leaf first, which the API requires.
func TestAccCategory_nested(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project) + `
resource "emrflow_category" "root" {
  project_id = emrflow_project.test.id
  name       = "etl"
  type       = "JOB"
}

resource "emrflow_category" "test" {
  project_id = emrflow_project.test.id
  name       = "daily"
  type       = "JOB"
  parent_id  = emrflow_category.root.id
}

# The same name in another folder is allowed.
resource "emrflow_category" "twin" {
  project_id = emrflow_project.test.id
  name       = "etl"
  type       = "JOB"
  parent_id  = emrflow_category.test.id
}

resource "emrflow_job" "leaf" {
  project_id         = emrflow_project.test.id
  name               = "extract"
  type               = "SHELL"
  parent_category_id = emrflow_category.twin.id
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: resource.ComposeTestCheckFunc(
					testAccCheckCategoryExists(t, resourceName, "daily", "JOB", "emrflow_category.root"),
					testAccCheckCategoryExists(t, "emrflow_category.twin", "etl", "JOB", resourceName),
				),
			},
		},
	})
}

// TestAccCategory_notEmpty: a folder holding something Terraform does not manage cannot be
// deleted, and the error says so with the API's message; once the content is gone, it can.
func TestAccCategory_notEmpty(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	var childID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccCategoryConfig(project, name, "FLOW", ""),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckCategoryCreateChildOutOfBand(t, resourceName, &childID),
					testAccCheckCategoryDeleteRefused(t, resourceName),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				// Removing the folder from the configuration fails with the API's error.
				Config:      acctest.ConfigProject(project),
				ExpectError: errorRegexp(`Cannot delete the folder.*Category is not empty \[FC-[0-9A-F]+\].*only be deleted once it is empty`),
			},
			{
				PreConfig: func() {
					if err := acctest.Client(t).DeleteCategory(t.Context(), projectOf(t, project), childID); err != nil {
						t.Fatalf("deleting the out-of-band child %s: %s", childID, err)
					}
				},
				Config: acctest.ConfigProject(project),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroy),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
		},
	})
}

func TestAccCategory_disappears(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: testAccCategoryConfig(project, name, "FLOW", ""),
				Check: resource.ComposeTestCheckFunc(
					testAccCheckCategoryExists(t, resourceName, name, "FLOW", ""),
					testAccCheckCategoryDeleteOutOfBand(t, resourceName),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: testAccCategoryConfig(project, name, "FLOW", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "FLOW", ""),
			},
		},
	})
}

// TestAccCategory_drift renames and moves a folder by hand; the next plan puts it back.
func TestAccCategory_drift(t *testing.T) {
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	config := testAccCategoryConfig(project, name, "FLOW", "") + testAccCategoryConfigParent()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					testAccCheckCategoryExists(t, resourceName, name, "FLOW", ""),
					testAccCheckCategoryModifyOutOfBand(t, resourceName, "renamed by hand", "emrflow_category.parent"),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("parent_id"), knownvalue.Null()),
					},
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
				Check: testAccCheckCategoryExists(t, resourceName, name, "FLOW", ""),
			},
		},
	})
}

// TestAccCategory_apiErrors: what only the API can refuse is reported with its message.
func TestAccCategory_apiErrors(t *testing.T) {
	project := acctest.RandomName("project")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project) + `
resource "emrflow_category" "test" {
  project_id = emrflow_project.test.id
  name       = "twins"
  type       = "FLOW"
}

resource "emrflow_category" "twin" {
  project_id = emrflow_category.test.project_id
  name       = "twins"
  type       = "FLOW"
}
`,
				ExpectError: errorRegexp(`Cannot create the folder.*Category name already exists.*terraform import`),
			},
			{
				Config: `
resource "emrflow_category" "test" {
  project_id = "FP-0000000000000000"
  name       = "orphan"
  type       = "FLOW"
}
`,
				ExpectError: errorRegexp(`Cannot create the folder.*Project does not exist`),
			},
		},
	})
}

// TestAccCategory_validation keeps one CLI case of the folder's plan-time rules, to prove that
// Terraform prints the diagnostic on the attribute's own line; the other rules are rows of
// TestCategoryValidation, run in process.
func TestAccCategory_validation(t *testing.T) {
	acctest.ExpectPlanErrorOnLine(t, `
resource "emrflow_category" "test" {
  project_id = "FP-0123456789ABCDEF"
  name       = "n"
  type       = "FLOW"
  parent_id  = "F-0123456789ABCDEF"
}
`, `parent_id  = "F-0123456789ABCDEF"`, errorRegexp(`parent_id must be an id starting with "FC-"`))
}

// Configurations.

// testAccCategoryConfig is a project and the folder under test; parent is an HCL expression or
// "" for none. A parent folder emrflow_category.parent is declared when parent refers to it.
func testAccCategoryConfig(project, name, typ, parent string) string {
	config := acctest.ConfigProject(project)
	parentLine := ""
	if parent != "" {
		parentLine = "parent_id  = " + parent
		if strings.Contains(parent, "emrflow_category.parent") {
			config += testAccCategoryConfigParent()
		}
	}
	return config + fmt.Sprintf(`
resource "emrflow_category" "test" {
  project_id = emrflow_project.test.id
  name       = %[1]q
  type       = %[2]q
  %[3]s
}
`, name, typ, parentLine)
}

// testAccCategoryConfigParent is a JOB folder emrflow_category.parent in emrflow_project.test.
func testAccCategoryConfigParent() string {
	return `
resource "emrflow_category" "parent" {
  project_id = emrflow_project.test.id
  name       = "parent"
  type       = "JOB"
}
`
}

func testAccCategoryConfigTwoProjects(project, other, name, projectRef, typ string) string {
	return acctest.ConfigProject(project) + fmt.Sprintf(`
resource "emrflow_project" "other" {
  name        = %[1]q
  description = "the other project"
}

resource "emrflow_category" "test" {
  project_id = %[2]s
  name       = %[3]q
  type       = %[4]q
}
`, other, projectRef, name, typ)
}

// API checks.

// testAccCheckCategoryExists asks the API, not the state, for the folder and checks its name, type
// and parent (a resource address, or "" for the root).
func testAccCheckCategoryExists(t *testing.T, n, wantName, wantType, parent string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		wantParent := ""
		if parent != "" {
			prs, ok := s.RootModule().Resources[parent]
			if !ok {
				return fmt.Errorf("%s not in state", parent)
			}
			wantParent = prs.Primary.ID
		}
		c, err := acctest.Client(t).DescribeCategory(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
		if err != nil {
			return fmt.Errorf("describing %s: %w", rs.Primary.ID, err)
		}
		if c.Name != wantName || c.Type != wantType || c.ParentID != wantParent {
			return fmt.Errorf("folder %s is %q of type %s in %q on the server, want %q of type %s in %q",
				c.ID, c.Name, c.Type, c.ParentID, wantName, wantType, wantParent)
		}
		return nil
	}
}

func testAccCheckCategoryDestroy(t *testing.T) resource.TestCheckFunc {
	return acctest.CheckDestroy("emrflow_category", func(rs *terraform.ResourceState) error {
		_, err := acctest.Client(t).DescribeCategory(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
		return err
	})
}

func testAccCheckCategoryDeleteOutOfBand(t *testing.T, n string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		return acctest.Client(t).DeleteCategory(t.Context(), rs.Primary.Attributes["project_id"], rs.Primary.ID)
	}
}

// testAccCheckCategoryModifyOutOfBand renames the folder and moves it into the folder parent.
func testAccCheckCategoryModifyOutOfBand(t *testing.T, n, name, parent string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		prs, ok := s.RootModule().Resources[parent]
		if !ok {
			return fmt.Errorf("%s not in state", parent)
		}
		return acctest.Client(t).ModifyCategory(t.Context(), rs.Primary.ID, emrapi.CategoryInput{
			ProjectID: rs.Primary.Attributes["project_id"], Name: name, ParentID: prs.Primary.ID,
		})
	}
}

// testAccCheckCategoryCreateChildOutOfBand makes a sub-folder that Terraform does not know about.
func testAccCheckCategoryCreateChildOutOfBand(t *testing.T, n string, childID *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		id, err := acctest.Client(t).CreateCategory(t.Context(), emrapi.CategoryInput{
			ProjectID: rs.Primary.Attributes["project_id"], Name: "made by hand", Type: rs.Primary.Attributes["type"],
			ParentID: rs.Primary.ID,
		})
		*childID = id
		return err
	}
}

// testAccCheckCategoryDeleteRefused checks the API's own answer to deleting a folder that is not
// empty: an error that names the folder, and the folder still there.
func testAccCheckCategoryDeleteRefused(t *testing.T, n string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return fmt.Errorf("%s not in state", n)
		}
		ctx, c, projectID := t.Context(), acctest.Client(t), rs.Primary.Attributes["project_id"]
		err := c.DeleteCategory(ctx, projectID, rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("deleting the non-empty folder %s succeeded", rs.Primary.ID)
		}
		if emrapi.IsNotFound(err) || !strings.Contains(err.Error(), "Category is not empty ["+rs.Primary.ID+"]") {
			return fmt.Errorf("deleting the non-empty folder %s: got %v, want Category is not empty", rs.Primary.ID, err)
		}
		if _, err := c.DescribeCategory(ctx, projectID, rs.Primary.ID); err != nil {
			return fmt.Errorf("the folder is gone after a refused delete: %w", err)
		}
		return nil
	}
}

// projectOf finds the id of the test's project by its name.
func projectOf(t *testing.T, name string) string {
	t.Helper()
	p, err := acctest.Client(t).FindProjectByName(t.Context(), name)
	if err != nil {
		t.Fatalf("finding project %s: %s", name, err)
	}
	return p.ID
}

func importID(n string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return "", fmt.Errorf("%s not in state", n)
		}
		return rs.Primary.Attributes["project_id"] + ":" + rs.Primary.ID, nil
	}
}

// errorRegexp matches a diagnostic whatever the line wrapping of Terraform's output: each space of
// pattern matches any run of white space.
func errorRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// TestAccCategory_example applies the documentation's example, so that it stays valid.
func TestAccCategory_example(t *testing.T) {
	example, err := os.ReadFile("../../../examples/resources/emrflow_category/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	// Project names are unique in the account: give this run's its own.
	config := strings.Replace(string(example), `name        = "etl"`,
		fmt.Sprintf("name        = %q", acctest.RandomName("project")), 1)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: emptyPlanAfterApply,
			},
			Check: testAccCheckCategoryExists(t, "emrflow_category.daily", "daily", "JOB", "emrflow_category.jobs"),
		}},
	})
}

// TestAccCategory_createUnknownOutcome: when CreateFlowCategory makes the folder but its answer is
// lost (a 500 after the commit), the resource finds the folder by place and name and adopts it.
// Not parallel: it injects faults into the emulator that every test of the package shares, while
// the parallel tests wait.
func TestAccCategory_createUnknownOutcome(t *testing.T) {
	emu := acctest.Emulator(t)
	t.Cleanup(func() { emu.SetFaults(emulator.Faults{}) })
	project, name := acctest.RandomName("project"), acctest.RandomName("folder")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project) + testAccCategoryConfigParent(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
			{
				PreConfig: func() { emu.SetFaults(emulator.Faults{AmbiguousRate: 1}) },
				Config:    testAccCategoryConfig(project, name, "JOB", "emrflow_category.parent.id"),
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { emu.SetFaults(emulator.Faults{}); return nil },
					testAccCheckCategoryExists(t, resourceName, name, "JOB", "emrflow_category.parent"),
					func(s *terraform.State) error {
						parent := s.RootModule().Resources["emrflow_category.parent"].Primary
						list, err := acctest.Client(t).ListCategories(t.Context(), emrapi.ListCategoriesInput{
							ProjectID: parent.Attributes["project_id"], ParentID: parent.ID,
						})
						if err != nil {
							return err
						}
						if len(list) != 1 {
							return fmt.Errorf("the parent folder holds %d folders, want exactly 1", len(list))
						}
						if faults := emu.Stats().Faults.Ambiguous; faults == 0 {
							return fmt.Errorf("no ambiguous answer was injected: the test tested nothing")
						}
						return nil
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: emptyPlanAfterApply,
				},
			},
		},
	})
}
