package job

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findJobByID reads job id of project projectID. A job that does not exist (nor, then, its
// project) gives an error for which emrapi.IsNotFound holds: Read drops the job from the state on
// it, and the data source tells it apart from a missing project with emrapi.IsProjectNotFound.
func findJobByID(ctx context.Context, client *emrapi.Client, projectID, id string) (*emrapi.Job, error) {
	return client.DescribeJob(ctx, projectID, id)
}
