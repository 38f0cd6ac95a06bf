package job

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
)

// jobCreator is the part of the API client that creating a job needs.
type jobCreator interface {
	CreateJob(ctx context.Context, in emrapi.JobInput) (string, error)
	FindJobByName(ctx context.Context, projectID, name string) (*emrapi.Job, error)
	DescribeJob(ctx context.Context, projectID, id string) (*emrapi.Job, error)
}

// createJob creates a job exactly once (see package createonce). A job's key is its name in its
// project; a job found under it after an unknown outcome is ours when its type and every field we
// sent read back the same (jobDiffers) and it was created during this apply.
func createJob(ctx context.Context, api jobCreator, in emrapi.JobInput) (createonce.Result, error) {
	return createonce.Create(ctx, createonce.Op{
		Kind:         "job",
		ResourceType: "emrflow_job",
		Key:          fmt.Sprintf("named %q in project %s", in.Name, in.ProjectID),
		Create:       func(ctx context.Context) (string, error) { return api.CreateJob(ctx, in) },
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			found, err := api.FindJobByName(ctx, in.ProjectID, in.Name)
			if err != nil {
				return nil, err
			}
			// The list may leave fields out: the job is read whole.
			j, err := api.DescribeJob(ctx, in.ProjectID, found.ID)
			if err != nil {
				return nil, fmt.Errorf("reading job %s, found by name: %w", found.ID, err)
			}
			return &createonce.Candidate{ID: found.ID, ImportID: in.ProjectID + ":" + found.ID,
				Created: createonce.Millis(j.GmtCreate), Differs: jobDiffers(j, in)}, nil
		},
	})
}

// jobDiffers names the fields of j that differ from what the create in asked for. Mode and
// FailAct are compared only when the server returns them (an empty answer is its default), the
// folder only when one was asked for, and the JSON fields by meaning (an empty answer, "" or "{}",
// matches an empty setting). ClusterId is not compared: DescribeFlowJob does not document it.
func jobDiffers(j *emrapi.Job, in emrapi.JobInput) []string {
	var diff createonce.Diff
	check := diff.Check
	check("type", j.Type == in.Type)
	check("description", j.Description == in.Description)
	check("params", j.Params == in.Params)
	check("param_conf", sameJSON(j.ParamConf, in.ParamConf))
	check("custom_variables", sameJSON(j.CustomVariables, in.CustomVariables))
	check("env_conf", sameJSON(j.EnvConf, in.EnvConf))
	check("run_conf", sameJSON(j.RunConf, in.RunConf))
	check("monitor_conf", sameJSON(j.MonitorConf, in.MonitorConf))
	check("mode", j.Mode == "" || j.Mode == in.Mode)
	check("fail_act", j.FailAct == "" || j.FailAct == in.FailAct)
	check("max_retry", j.MaxRetry == in.MaxRetry)
	check("retry_interval", j.RetryInterval == in.RetryInterval)
	check("retry_policy", j.RetryPolicy == in.RetryPolicy)
	check("max_running_time_sec", j.MaxRunningTimeSec == in.MaxRunningTimeSec)
	check("adhoc", j.Adhoc == in.Adhoc)
	check("parent_category_id", in.ParentCategory == "" || j.CategoryID == in.ParentCategory)
	check("resource", len(j.Resources) == len(in.Resources) && sameResourceSet(j.Resources, in.Resources))
	return diff
}

// sameJSON compares two JSON settings by meaning; "" and "{}" are both the absent value.
func sameJSON(a, b string) bool {
	if flex.EmptyJSON(a) || flex.EmptyJSON(b) {
		return flex.EmptyJSON(a) && flex.EmptyJSON(b)
	}
	return flex.SameJSON(a, b)
}

// sameResourceSet tells whether a and b hold the same files in any order.
func sameResourceSet(a, b []emrapi.JobResource) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	cmp := func(p, q emrapi.JobResource) int {
		if c := strings.Compare(p.Path, q.Path); c != 0 {
			return c
		}
		return strings.Compare(p.Alias, q.Alias)
	}
	slices.SortFunc(x, cmp)
	slices.SortFunc(y, cmp)
	return slices.Equal(x, y)
}
