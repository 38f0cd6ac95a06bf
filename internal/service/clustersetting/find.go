package clustersetting

import (
	"context"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// findClusterSettingByID reads the setting of a cluster in a project, the two ids the API reads
// it by; a missing one (or a missing project or cluster) is an error for which emrapi.IsNotFound
// holds.
func findClusterSettingByID(ctx context.Context, client *emrapi.Client, projectID, clusterID string) (*emrapi.ClusterSetting, error) {
	return client.DescribeClusterSetting(ctx, projectID, clusterID)
}
