package project_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/acctest"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce/createoncetest"
)

// TestAccProject_exactlyOnce: a create committed and then answered 500 is adopted (one call, one
// project), a create answered 503 before it committed is sent again (two calls, one project), and
// a project of the same name that this configuration did not create is never taken over, even
// when the answer of our create is lost: the error shows the import command.
func TestAccProject_exactlyOnce(t *testing.T) {
	aimed := createoncetest.New()
	provider := aimed.Serve(t, acctest.Emulator(t))
	client := acctest.Client(t)
	committed, notCommitted, takenName := acctest.RandomName("committed"), acctest.RandomName("not-committed"), acctest.RandomName("taken")
	taken, err := client.CreateProject(t.Context(), emrapi.ProjectInput{Name: takenName, Description: "made by hand"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeleteProject(t.Context(), taken) })
	aimed.Arm("CreateFlowProject", committed, createoncetest.CommittedThenLost)
	aimed.Arm("CreateFlowProject", notCommitted, createoncetest.LostBeforeCommit)
	aimed.Arm("CreateFlowProject", takenName, createoncetest.LostBeforeCommit)
	config := func(names ...string) string {
		hcl := provider
		for i, n := range names {
			hcl += fmt.Sprintf(`
resource "emrflow_project" "p%d" {
  name        = %q
  description = "made by terraform"
}
`, i, n)
		}
		return hcl
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckProjectDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config(committed, notCommitted),
				Check: func(*terraform.State) error {
					if err := aimed.ExpectCounts("CreateFlowProject", map[string]int{committed: 1, notCommitted: 2}); err != nil {
						return err
					}
					for _, name := range []string{committed, notCommitted} {
						list, err := client.ListProjects(t.Context(), emrapi.ListProjectsInput{Name: name})
						if err != nil {
							return err
						}
						if len(list) != 1 {
							return fmt.Errorf("%d projects named %q, want 1", len(list), name)
						}
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:      config(committed, notCommitted, takenName),
				ExpectError: createoncetest.ImportHint("emrflow_project", taken),
			},
		},
	})
}
