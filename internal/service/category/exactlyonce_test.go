package category_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/acctest"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce/createoncetest"
)

// TestAccCategory_exactlyOnce: a create committed and then answered 500 is adopted (one call, one
// folder), a create answered 503 before it committed is sent again (two calls, one folder), and a
// folder of the same name that this configuration did not create is never taken over, even when
// the answer of our create is lost: the error shows the import command.
func TestAccCategory_exactlyOnce(t *testing.T) {
	aimed := createoncetest.New()
	provider := aimed.Serve(t, acctest.Emulator(t))
	client := acctest.Client(t)
	project, err := client.CreateProject(t.Context(), emrapi.ProjectInput{Name: acctest.RandomName("project"), Description: "exactly once"})
	if err != nil {
		t.Fatal(err)
	}
	taken, err := client.CreateCategory(t.Context(), emrapi.CategoryInput{ProjectID: project, Name: "taken", Type: "FLOW"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = client.DeleteCategory(t.Context(), project, taken)
		_ = client.DeleteProject(t.Context(), project)
	})
	aimed.Arm("CreateFlowCategory", "committed", createoncetest.CommittedThenLost)
	aimed.Arm("CreateFlowCategory", "not-committed", createoncetest.LostBeforeCommit)
	aimed.Arm("CreateFlowCategory", "taken", createoncetest.LostBeforeCommit)
	config := func(names ...string) string {
		hcl := provider
		for _, n := range names {
			hcl += fmt.Sprintf(`
resource "emrflow_category" %[1]q {
  project_id = %[2]q
  name       = %[1]q
  type       = "JOB"
}
`, n, project)
		}
		return hcl
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCategoryDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config("committed", "not-committed"),
				Check: func(*terraform.State) error {
					if err := aimed.ExpectCounts("CreateFlowCategory", map[string]int{"committed": 1, "not-committed": 2}); err != nil {
						return err
					}
					list, err := client.ListCategories(t.Context(), emrapi.ListCategoriesInput{ProjectID: project, Root: true})
					if err != nil {
						return err
					}
					var names []string
					for _, c := range list {
						names = append(names, c.Name)
					}
					slices.Sort(names)
					if !slices.Equal(names, []string{"committed", "not-committed", "taken"}) {
						return fmt.Errorf("the project's root holds folders %v, want one of each name", names)
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyPlanAfterApply},
			},
			{
				// The existing folder was made seconds ago, within the clock skew: it is told apart
				// by its type (FLOW, where this one is JOB).
				Config:      config("committed", "not-committed", "taken"),
				ExpectError: createoncetest.ImportHint("emrflow_category", project+":"+taken),
			},
		},
	})
}
