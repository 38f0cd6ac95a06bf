package project

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findProjectByID reads one project; a missing one is an error for which emrapi.IsNotFound holds.
func findProjectByID(ctx context.Context, client *emrapi.Client, id string) (*emrapi.Project, error) {
	return client.DescribeProject(ctx, id)
}

// findProjectsByName returns the projects whose name is exactly name (none is not an error): the
// API's Name filter may match more loosely than equality.
func findProjectsByName(ctx context.Context, client *emrapi.Client, name string) ([]emrapi.Project, error) {
	all, err := client.ListProjects(ctx, emrapi.ListProjectsInput{Name: name})
	if err != nil {
		return nil, err
	}
	var out []emrapi.Project
	for _, p := range all {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out, nil
}
