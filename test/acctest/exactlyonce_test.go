package acctest_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce/createoncetest"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// exactlyOnceKind is one resource whose create goes through internal/framework/createonce: how
// to make its scope (a project, or none for projects), an object of the same name by hand, the
// HCL of one resource, the names the API lists in the scope, and the import id of an object.
type exactlyOnceKind struct {
	resource, action string
	// scope returns the project the objects live in ("" for projects, which live in the region).
	scoped bool
	// byHand makes the object named name in project as the console would, so that it is told
	// apart from one this configuration made; it returns its id.
	byHand func(ctx context.Context, c *emrapi.Client, project, name string) (string, error)
	remove func(ctx context.Context, c *emrapi.Client, project, id string) error
	hcl    func(label, project, name string) string
	// names returns the names of the objects of project (or of the region) among those wanted.
	names    func(ctx context.Context, c *emrapi.Client, project string) ([]string, error)
	describe func(ctx context.Context, c *emrapi.Client, project, id string) error
	importID func(project, id string) string
}

var exactlyOnceKinds = []exactlyOnceKind{
	{
		resource: "emrflow_project", action: "CreateFlowProject",
		byHand: func(ctx context.Context, c *emrapi.Client, _, name string) (string, error) {
			return c.CreateProject(ctx, emrapi.ProjectInput{Name: name, Description: "made by hand"})
		},
		remove: func(ctx context.Context, c *emrapi.Client, _, id string) error { return c.DeleteProject(ctx, id) },
		hcl: func(label, _, name string) string {
			return fmt.Sprintf("resource \"emrflow_project\" %q {\n  name        = %q\n  description = \"made by terraform\"\n}\n", label, name)
		},
		names: func(ctx context.Context, c *emrapi.Client, _ string) ([]string, error) {
			list, err := c.ListProjects(ctx, emrapi.ListProjectsInput{})
			return collect(list, err, func(p emrapi.Project) string { return p.Name })
		},
		describe: func(ctx context.Context, c *emrapi.Client, _, id string) error {
			_, err := c.DescribeProject(ctx, id)
			return err
		},
		importID: func(_, id string) string { return id },
	},
	{
		resource: "emrflow_flow", action: "CreateFlowForWeb", scoped: true,
		byHand: func(ctx context.Context, c *emrapi.Client, project, name string) (string, error) {
			return c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: project, Name: name, Description: "made by hand", ClusterID: acctest.ClusterID()})
		},
		remove: func(ctx context.Context, c *emrapi.Client, project, id string) error {
			return c.DeleteFlow(ctx, project, id)
		},
		hcl: func(label, project, name string) string {
			return fmt.Sprintf("resource \"emrflow_flow\" %q {\n  project_id  = %q\n  cluster_id  = %q\n  name        = %q\n  description = \"made by terraform\"\n}\n",
				label, project, acctest.ClusterID(), name)
		},
		names: func(ctx context.Context, c *emrapi.Client, project string) ([]string, error) {
			list, err := c.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: project})
			return collect(list, err, func(f emrapi.Flow) string { return f.Name })
		},
		describe: func(ctx context.Context, c *emrapi.Client, project, id string) error {
			_, err := c.DescribeFlow(ctx, project, id)
			return err
		},
		importID: func(project, id string) string { return project + ":" + id },
	},
	{
		resource: "emrflow_job", action: "CreateFlowJob", scoped: true,
		byHand: func(ctx context.Context, c *emrapi.Client, project, name string) (string, error) {
			return c.CreateJob(ctx, emrapi.JobInput{ProjectID: project, Name: name, Type: "SHELL", Description: "made by hand"})
		},
		remove: func(ctx context.Context, c *emrapi.Client, project, id string) error {
			return c.DeleteJob(ctx, project, id)
		},
		hcl: func(label, project, name string) string {
			return fmt.Sprintf("resource \"emrflow_job\" %q {\n  project_id  = %q\n  name        = %q\n  type        = \"SHELL\"\n  description = \"made by terraform\"\n}\n",
				label, project, name)
		},
		names: func(ctx context.Context, c *emrapi.Client, project string) ([]string, error) {
			list, err := c.ListJobs(ctx, emrapi.ListJobsInput{ProjectID: project})
			return collect(list, err, func(j emrapi.Job) string { return j.Name })
		},
		describe: func(ctx context.Context, c *emrapi.Client, project, id string) error {
			_, err := c.DescribeJob(ctx, project, id)
			return err
		},
		importID: func(project, id string) string { return project + ":" + id },
	},
	{
		// The folder made by hand seconds before is within the clock skew: it is told apart by
		// its type (FLOW, where the configuration's is JOB).
		resource: "emrflow_category", action: "CreateFlowCategory", scoped: true,
		byHand: func(ctx context.Context, c *emrapi.Client, project, name string) (string, error) {
			return c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: project, Name: name, Type: "FLOW"})
		},
		remove: func(ctx context.Context, c *emrapi.Client, project, id string) error {
			return c.DeleteCategory(ctx, project, id)
		},
		hcl: func(label, project, name string) string {
			return fmt.Sprintf("resource \"emrflow_category\" %q {\n  project_id = %q\n  name       = %q\n  type       = \"JOB\"\n}\n",
				label, project, name)
		},
		names: func(ctx context.Context, c *emrapi.Client, project string) ([]string, error) {
			list, err := c.ListCategories(ctx, emrapi.ListCategoriesInput{ProjectID: project, Root: true})
			return collect(list, err, func(f emrapi.Category) string { return f.Name })
		},
		describe: func(ctx context.Context, c *emrapi.Client, project, id string) error {
			_, err := c.DescribeCategory(ctx, project, id)
			return err
		},
		importID: func(project, id string) string { return project + ":" + id },
	},
}

func collect[T any](list []T, err error, name func(T) string) ([]string, error) {
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(list))
	for _, x := range list {
		names = append(names, name(x))
	}
	return names, nil
}

// TestAccExactlyOnce, for every resource whose create is made exactly once
// (internal/framework/createonce), through the real CLI: a create committed and then answered 500
// is adopted (one call, one object), a create answered 503 before it committed is sent again (two
// calls, one object), the re-plan is empty, and an object of the same name that this
// configuration did not create is never taken over, even when the answer of our create is lost:
// the error shows the import command.
func TestAccExactlyOnce(t *testing.T) {
	for _, k := range exactlyOnceKinds {
		t.Run(k.resource, func(t *testing.T) { testAccExactlyOnce(t, k) })
	}
}

func testAccExactlyOnce(t *testing.T, k exactlyOnceKind) {
	aimed := createoncetest.New()
	provider := aimed.Serve(t, acctest.Emulator(t))
	client := acctest.Client(t)
	ctx := t.Context()
	project := ""
	if k.scoped {
		var err error
		if project, err = client.CreateProject(ctx, emrapi.ProjectInput{Name: acctest.RandomName("project"), Description: "exactly once"}); err != nil {
			t.Fatal(err)
		}
	}
	committed, notCommitted, takenName := acctest.RandomName("committed"), acctest.RandomName("not-committed"), acctest.RandomName("taken")
	taken, err := k.byHand(ctx, client, project, takenName)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = k.remove(context.Background(), client, project, taken)
		if project != "" {
			_ = client.DeleteProject(context.Background(), project)
		}
	})
	aimed.Arm(k.action, committed, createoncetest.CommittedThenLost)
	aimed.Arm(k.action, notCommitted, createoncetest.LostBeforeCommit)
	aimed.Arm(k.action, takenName, createoncetest.LostBeforeCommit)
	config := func(names ...string) string {
		hcl := provider
		for i, n := range names {
			hcl += k.hcl(fmt.Sprintf("r%d", i), project, n)
		}
		return hcl
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: acctest.CheckDestroy(k.resource, func(rs *terraform.ResourceState) error {
			return k.describe(ctx, client, rs.Primary.Attributes["project_id"], rs.Primary.ID)
		}),
		Steps: []resource.TestStep{
			{
				Config: config(committed, notCommitted),
				Check: func(*terraform.State) error {
					if err := aimed.ExpectCounts(k.action, map[string]int{committed: 1, notCommitted: 2}); err != nil {
						return err
					}
					names, err := k.names(ctx, client, project)
					if err != nil {
						return err
					}
					want := []string{committed, notCommitted, takenName}
					if k.scoped { // the project holds these and nothing else
						slices.Sort(names)
						slices.Sort(want)
						if !slices.Equal(names, want) {
							return fmt.Errorf("the project holds %v, want one of each of %v", names, want)
						}
						return nil
					}
					for _, name := range want {
						if n := countOf(names, name); n != 1 {
							return fmt.Errorf("%d objects named %q, want 1", n, name)
						}
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:      config(committed, notCommitted, takenName),
				ExpectError: createoncetest.ImportHint(k.resource, k.importID(project, taken)),
			},
		},
	})
}

func countOf(names []string, name string) int {
	n := 0
	for _, x := range names {
		if x == name {
			n++
		}
	}
	return n
}
