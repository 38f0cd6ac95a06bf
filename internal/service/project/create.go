package project

import (
	"context"
	"fmt"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
)

// createProject makes the project exactly once (see package createonce). A project's key is its
// name in the account; a project found under it after an unknown outcome is ours when its
// description reads back the same and it was created during this apply. The resource group is
// not compared: DescribeFlowProject does not return it.
func createProject(ctx context.Context, client *emrapi.Client, in emrapi.ProjectInput) (createonce.Result, error) {
	return createonce.Create(ctx, createonce.Op{
		Kind:         "project",
		ResourceType: "emrflow_project",
		Key:          fmt.Sprintf("named %q", in.Name),
		Create:       func(ctx context.Context) (string, error) { return client.CreateProject(ctx, in) },
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			p, err := client.FindProjectByName(ctx, in.Name)
			if err != nil {
				return nil, err
			}
			var diff createonce.Diff
			diff.Check("description", p.Description == in.Description)
			return &createonce.Candidate{ID: p.ID, ImportID: p.ID, Created: createonce.Millis(p.GmtCreate), Differs: diff}, nil
		},
	})
}
