package flow

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findFlowByID reads a flow (DescribeFlow). A flow, or a project, that does not exist is an error
// for which emrapi.IsNotFound holds (and emrapi.IsProjectNotFound, when the project is missing):
// Read then removes the flow from state, Delete counts it as done, and the data source names the
// attribute at fault. The API is the client of the flow's region.
func findFlowByID(ctx context.Context, api flowAPI, projectID, id string) (*emrapi.Flow, error) {
	return api.DescribeFlow(ctx, projectID, id)
}

// findFlowsByName returns the flows of a project whose name is exactly name. ListFlow's Name
// filter may match more loosely than equality, so its answer is filtered again here. A missing
// project is an error for which emrapi.IsProjectNotFound holds.
func findFlowsByName(ctx context.Context, client *emrapi.Client, projectID, name string) ([]emrapi.Flow, error) {
	all, err := client.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: projectID, Name: name})
	if err != nil {
		return nil, err
	}
	var out []emrapi.Flow
	for _, f := range all {
		if f.Name == name {
			out = append(out, f)
		}
	}
	return out, nil
}
