package flow

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// flowAPI is the part of the API client that the exactly-once create (createFlow) and the check
// of the graph's jobs (checkJobs) use: an interface so that both can be tested against a fake
// (create_test.go) that answers with the failures a real network produces. It has no region: the
// resource hands these functions the client of the flow's region, Client().InRegion(region), the
// one way to address a region, so the fake and the real client see the same calls.
type flowAPI interface {
	CreateFlow(ctx context.Context, in emrapi.FlowInput) (string, error)
	DescribeFlow(ctx context.Context, projectID, id string) (*emrapi.Flow, error)
	FindFlowByName(ctx context.Context, projectID, name string) (*emrapi.Flow, error)
	ProjectJobTypes(ctx context.Context, projectID string) (map[string]string, error)
	DescribeJob(ctx context.Context, projectID, id string) (*emrapi.Job, error)
}

var _ flowAPI = (*emrapi.Client)(nil)

// createFlow creates a flow exactly once (see package createonce) and returns its id, and whether
// an existing flow was adopted. A flow's key is its name in its project; a flow found under it
// after an unknown outcome is ours when every field we sent reads back the same (flowDiffers) and
// it was created during this apply.
func createFlow(ctx context.Context, api flowAPI, in emrapi.FlowInput, now func() time.Time) (id string, adopted bool, err error) {
	res, err := createonce.Create(ctx, createonce.Op{
		Kind:         "flow",
		ResourceType: "emrflow_flow",
		Key:          fmt.Sprintf("named %q in project %s", in.Name, in.ProjectID),
		Now:          now,
		Create:       func(ctx context.Context) (string, error) { return api.CreateFlow(ctx, in) },
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			found, err := api.FindFlowByName(ctx, in.ProjectID, in.Name)
			if err != nil {
				return nil, err
			}
			// ListFlow's items lack Namespace, LogArchiveLocation and the parents (SDK FlowItem),
			// which flowDiffers compares: the candidate is read whole.
			f, err := api.DescribeFlow(ctx, in.ProjectID, found.ID)
			if err != nil {
				return nil, fmt.Errorf("reading flow %s, found by name: %w", found.ID, err)
			}
			return &createonce.Candidate{ID: found.ID, ImportID: in.ProjectID + ":" + found.ID,
				Created: createonce.Millis(f.GmtCreate), Differs: flowDiffers(f, in)}, nil
		},
	})
	return res.ID, res.Adopted, err
}

// flowDiffers names the fields of f that differ from what in asked for (the fields a create
// sets; the folder is compared only when one was asked for, as the server may file a flow in a
// default one).
func flowDiffers(f *emrapi.Flow, in emrapi.FlowInput) []string {
	var diff createonce.Diff
	check := diff.Check
	check("description", f.Description == in.Description)
	check("cluster_id", f.ClusterID == in.ClusterID)
	check("create_cluster", f.CreateCluster == in.CreateCluster)
	check("cron_expr", f.CronExpr == in.CronExpr)
	check("start_schedule", f.StartSchedule == in.StartSchedule)
	check("end_schedule", f.EndSchedule == in.EndSchedule || (in.EndSchedule == 0 && f.EndSchedule == vocab.NoEndSchedule))
	check("host_name", f.HostName == in.HostName)
	check("namespace", f.Namespace == in.Namespace)
	check("log_archive_location", f.LogArchiveLocation == in.LogArchiveLocation)
	check("parent_category_id", in.ParentCategory == "" || f.CategoryID == in.ParentCategory)
	check("parent_flow_ids", sameStrings(f.ParentFlowIDs, in.ParentFlowIDs))
	check("graph", sameGraph(f.Graph, in.Graph))
	check("alert", sameAlerts(f.AlertConf, in.AlertConf))
	return diff
}

func sameStrings(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func sameGraph(a, b string) bool {
	eq, err := graph.SemanticallyEqual([]byte(a), []byte(b))
	return err == nil && eq
}

// sameAlerts compares two AlertConf documents as sets of items.
func sameAlerts(a, b string) bool {
	sa, errA := flattenAlerts(a)
	sb, errB := flattenAlerts(b)
	return errA == nil && errB == nil && sa.Equal(sb)
}
