package flow

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findFlowsByName returns the flows of a project whose name is exactly name (see
// emrapi.NamedExactly). A missing project is an error for which emrapi.IsProjectNotFound holds.
func findFlowsByName(ctx context.Context, client *emrapi.Client, projectID, name string) ([]emrapi.Flow, error) {
	all, err := client.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: projectID, Name: name})
	return emrapi.NamedExactly(all, name, func(f *emrapi.Flow) string { return f.Name }), err
}
