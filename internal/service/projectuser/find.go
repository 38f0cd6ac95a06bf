package projectuser

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findProjectUserByName reads one member of a project by its user name, the key the API removes
// it by; a missing member (or project) is an error for which emrapi.IsNotFound holds.
func findProjectUserByName(ctx context.Context, client *emrapi.Client, projectID, name string) (*emrapi.ProjectUser, error) {
	return client.FindProjectUser(ctx, projectID, name)
}
