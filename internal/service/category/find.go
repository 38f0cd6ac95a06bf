package category

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findCategoryByID reads folder id of project projectID. A folder that does not exist (nor, then,
// its project) gives an error for which emrapi.IsNotFound holds: Read drops the folder from the
// state on it.
func findCategoryByID(ctx context.Context, client *emrapi.Client, projectID, id string) (*emrapi.Category, error) {
	return client.DescribeCategory(ctx, projectID, id)
}
