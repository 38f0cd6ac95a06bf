package clustersetting

import (
	"context"
	"fmt"
	"slices"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
)

// createClusterSetting associates the cluster exactly once (see package createonce). A setting's
// key is its project and cluster; one found under them after an unknown outcome is ours when it
// holds what we asked for and was made during this apply.
func createClusterSetting(ctx context.Context, client *emrapi.Client, in emrapi.ClusterSettingInput) (createonce.Result, error) {
	return createonce.Create(ctx, createonce.Op{
		Kind:         what,
		ResourceType: resourceType,
		Key:          fmt.Sprintf("of cluster %s in project %s", in.ClusterID, in.ProjectID),
		Create: func(ctx context.Context) (string, error) {
			return in.ClusterID, client.CreateClusterSetting(ctx, in)
		},
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			s, err := client.DescribeClusterSetting(ctx, in.ProjectID, in.ClusterID)
			if err != nil {
				return nil, err
			}
			return candidate(s, in), nil
		},
	})
}

// candidate describes the setting found after a create's unknown outcome, for createonce: ours
// when it was made during this apply and holds what we asked for.
func candidate(s *emrapi.ClusterSetting, in emrapi.ClusterSettingInput) *createonce.Candidate {
	var d createonce.Diff
	d.Check("default_user", orDefault(s.DefaultUser, defaultUser) == orDefault(in.DefaultUser, defaultUser))
	d.Check("default_queue", normalQueue(s.DefaultQueue) == orDefault(in.DefaultQueue, defaultQueue))
	d.Check("users", sameSet(s.Users, in.Users))
	d.Check("queues", sameSet(s.Queues, in.Queues))
	d.Check("hosts", sameSet(s.Hosts, in.Hosts))
	return &createonce.Candidate{ID: in.ClusterID, ImportID: in.ProjectID + ":" + in.ClusterID,
		Created: createonce.Millis(s.GmtCreate), Differs: d}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
