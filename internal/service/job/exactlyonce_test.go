package job_test

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

// TestAccJob_exactlyOnce: a create committed and then answered 500 is adopted (one call, one job),
// a create answered 503 before it committed is sent again (two calls, one job), and a job of the
// same name that this configuration did not create is never taken over, even when the answer of
// our create is lost: the error shows the import command.
func TestAccJob_exactlyOnce(t *testing.T) {
	aimed := createoncetest.New()
	provider := aimed.Serve(t, acctest.Emulator(t))
	client := acctest.Client(t)
	project, err := client.CreateProject(t.Context(), emrapi.ProjectInput{Name: acctest.RandomName("project"), Description: "exactly once"})
	if err != nil {
		t.Fatal(err)
	}
	taken, err := client.CreateJob(t.Context(), emrapi.JobInput{ProjectID: project, Name: "taken", Type: "SHELL", Description: "made by hand"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = client.DeleteJob(t.Context(), project, taken)
		_ = client.DeleteProject(t.Context(), project)
	})
	aimed.Arm("CreateFlowJob", "committed", createoncetest.CommittedThenLost)
	aimed.Arm("CreateFlowJob", "not-committed", createoncetest.LostBeforeCommit)
	aimed.Arm("CreateFlowJob", "taken", createoncetest.LostBeforeCommit)
	config := func(names ...string) string {
		hcl := provider
		for _, n := range names {
			hcl += fmt.Sprintf(`
resource "emrflow_job" %[1]q {
  project_id  = %[2]q
  name        = %[1]q
  type        = "SHELL"
  description = "made by terraform"
}
`, n, project)
		}
		return hcl
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckJobDestroy(t),
		Steps: []resource.TestStep{
			{
				Config: config("committed", "not-committed"),
				Check: func(*terraform.State) error {
					if err := aimed.ExpectCounts("CreateFlowJob", map[string]int{"committed": 1, "not-committed": 2}); err != nil {
						return err
					}
					jobs, err := client.ListJobs(t.Context(), emrapi.ListJobsInput{ProjectID: project})
					if err != nil {
						return err
					}
					var names []string
					for _, j := range jobs {
						names = append(names, j.Name)
					}
					slices.Sort(names)
					if !slices.Equal(names, []string{"committed", "not-committed", "taken"}) {
						return fmt.Errorf("the project holds jobs %v, want one of each name", names)
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyPlanAfterApply},
			},
			{
				Config:      config("committed", "not-committed", "taken"),
				ExpectError: createoncetest.ImportHint("emrflow_job", project+":"+taken),
			},
		},
	})
}
