package project

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findProjectsByName returns the projects whose name is exactly name (none is not an error; see
// emrapi.NamedExactly).
func findProjectsByName(ctx context.Context, client *emrapi.Client, name string) ([]emrapi.Project, error) {
	all, err := client.ListProjects(ctx, emrapi.ListProjectsInput{Name: name})
	return emrapi.NamedExactly(all, name, func(p *emrapi.Project) string { return p.Name }), err
}
