package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// flowAPI is the part of the API client the resource uses; an interface so that the create logic
// can be tested against a fake that answers with the failures a real network produces.
type flowAPI interface {
	CreateFlow(ctx context.Context, in emrapi.FlowInput) (string, error)
	DescribeFlow(ctx context.Context, projectID, id string) (*emrapi.Flow, error)
	ModifyFlow(ctx context.Context, id string, in emrapi.FlowInput) error
	DeleteFlow(ctx context.Context, projectID, id string) error
	FindFlowByName(ctx context.Context, projectID, name string) (*emrapi.Flow, error)
	ListJobs(ctx context.Context, in emrapi.ListJobsInput) ([]emrapi.Job, error)
	DescribeJob(ctx context.Context, projectID, id string) (*emrapi.Job, error)
	Region() string
}

var _ flowAPI = (*emrapi.Client)(nil)

// createClockSkew is how much earlier than the start of our create call a flow's creation time
// (the server's clock) may be while we still take it for ours.
const createClockSkew = 2 * time.Minute

// maxCreateAttempts bounds CreateFlowForWeb calls for one resource: the first, and one more when
// the first one's outcome is unknown and the flow is then not found (so it was not created).
const maxCreateAttempts = 2

// nameTakenError says that a flow of the planned name exists that this apply did not create.
type nameTakenError struct {
	ProjectID, Name, FlowID string
	Reason                  string
}

func (e *nameTakenError) Error() string {
	return fmt.Sprintf("a flow named %q already exists in project %s (%s) and was not created by this apply: %s",
		e.Name, e.ProjectID, e.FlowID, e.Reason)
}

// Hint tells the user how to take the flow under management, or to avoid it.
func (e *nameTakenError) Hint() string {
	return fmt.Sprintf("Flow names are unique within a project, and Terraform does not take over a flow it did not create. "+
		"To manage the existing flow with this configuration, import it:\n\n"+
		"  terraform import emrflow_flow.<resource name> %s:%s\n\n"+
		"(or an import block with id = %q), or give this flow another name.",
		e.ProjectID, e.FlowID, e.ProjectID+":"+e.FlowID)
}

// createFlow creates a flow and returns its id, and whether an existing flow was adopted.
//
// CreateFlowForWeb has no client token, so a create whose outcome is unknown (a 5xx answer, a
// timeout, a lost connection) may or may not have made the flow, and sending it again could make
// a second one. So after such an outcome the flow is first looked up by name in its project:
//
//   - found, and it is ours: adopted, once. "Ours" means that every field we sent reads back the
//     same AND the server created it no earlier than just before our first call
//     (createClockSkew). A flow of the same name made by someone else earlier, or holding other
//     values, is never adopted: that is a nameTakenError that shows the import command.
//   - not found: the create did not happen; it is sent again (at most maxCreateAttempts calls in
//     all). Names are unique per project, so even a lagging lookup cannot lead to two flows: the
//     second create would fail with "name already exists", and the flow is then looked up again.
//
// A create refused because the name exists, with no earlier unknown outcome, is a
// nameTakenError too.
func createFlow(ctx context.Context, api flowAPI, in emrapi.FlowInput, now func() time.Time) (id string, adopted bool, err error) {
	started := now()
	uncertain := false // an earlier call of ours may have created the flow
	for attempt := 1; ; attempt++ {
		id, err := api.CreateFlow(ctx, in)
		switch {
		case err == nil:
			return id, false, nil
		case emrapi.IsAlreadyExists(err) && !uncertain:
			f, ferr := api.FindFlowByName(ctx, in.ProjectID, in.Name)
			if ferr != nil || f == nil {
				return "", false, fmt.Errorf("creating flow %q: %w", in.Name, err)
			}
			return "", false, &nameTakenError{ProjectID: in.ProjectID, Name: in.Name, FlowID: f.ID,
				Reason: "the name was already taken when this apply asked to create it"}
		case emrapi.IsAlreadyExists(err), emrapi.IsUnknownOutcome(err):
			uncertain = true
			tflog.Warn(ctx, "outcome of CreateFlowForWeb unknown; looking the flow up by name", map[string]any{
				"project_id": in.ProjectID, "name": in.Name, "attempt": attempt, "error": err.Error(),
			})
		default:
			return "", false, fmt.Errorf("creating flow %q: %w", in.Name, err)
		}

		found, ferr := findAfterUnknown(ctx, api, in.ProjectID, in.Name)
		switch {
		case ferr == nil && found != nil:
			return adopt(ctx, api, in, found.ID, started)
		case ferr != nil && !emrapi.IsNotFound(ferr):
			return "", false, fmt.Errorf("the outcome of creating flow %q is unknown (%v), and looking it up by name failed: %w; "+
				"check project %s for a flow of that name before applying again", in.Name, err, ferr, in.ProjectID)
		}
		if attempt >= maxCreateAttempts {
			return "", false, fmt.Errorf("creating flow %q: the outcome of %d calls was unknown and no flow of that name is found in project %s: %w",
				in.Name, attempt, in.ProjectID, err)
		}
		tflog.Info(ctx, "the flow was not created; creating it again", map[string]any{"project_id": in.ProjectID, "name": in.Name})
	}
}

// outcomeLookups bounds the FindFlowByName calls that resolve an unknown create outcome (each one
// already retried by the client).
const outcomeLookups = 4

// findAfterUnknown looks a flow up by name after a create of unknown outcome. It tries harder than
// an ordinary read: giving up here would leave a flow the server may have made out of the state,
// and the next apply would then find its name taken. Only retryable failures are tried again.
func findAfterUnknown(ctx context.Context, api flowAPI, projectID, name string) (*emrapi.Flow, error) {
	for lookup := 1; ; lookup++ {
		f, err := api.FindFlowByName(ctx, projectID, name)
		if err == nil || emrapi.IsNotFound(err) || !emrapi.IsRetryable(err) || lookup >= outcomeLookups || ctx.Err() != nil {
			return f, err
		}
		tflog.Warn(ctx, "looking up a flow after an unknown create outcome failed; trying again", map[string]any{
			"project_id": projectID, "name": name, "lookup": lookup, "error": err.Error(),
		})
	}
}

// adopt checks that the flow found by name is the one our uncertain create made, and returns it.
func adopt(ctx context.Context, api flowAPI, in emrapi.FlowInput, id string, started time.Time) (string, bool, error) {
	f, err := api.DescribeFlow(ctx, in.ProjectID, id)
	if err != nil {
		return "", false, fmt.Errorf("reading flow %s, found by name after an uncertain create: %w", id, err)
	}
	if f.GmtCreate != 0 && f.GmtCreate < started.Add(-createClockSkew).UnixMilli() {
		return "", false, &nameTakenError{ProjectID: in.ProjectID, Name: in.Name, FlowID: id,
			Reason: fmt.Sprintf("it was created at %s, before this apply started creating it (%s)",
				time.UnixMilli(f.GmtCreate).UTC().Format(time.RFC3339), started.UTC().Format(time.RFC3339))}
	}
	if diff := flowDiffers(f, in); len(diff) > 0 {
		return "", false, &nameTakenError{ProjectID: in.ProjectID, Name: in.Name, FlowID: id,
			Reason: "its " + strings.Join(diff, ", ") + " differ from this configuration"}
	}
	tflog.Warn(ctx, "adopted the flow made by a create whose answer was lost", map[string]any{"id": id, "name": in.Name})
	return id, true, nil
}

// flowDiffers names the fields of f that differ from what in asked for (the fields a create
// sets; a category is compared only when one was asked for, as the server may file a flow in a
// default one).
func flowDiffers(f *emrapi.Flow, in emrapi.FlowInput) []string {
	var diff []string
	check := func(name string, same bool) {
		if !same {
			diff = append(diff, name)
		}
	}
	check("description", f.Description == in.Description)
	check("cluster_id", f.ClusterID == in.ClusterID)
	check("create_cluster", f.CreateCluster == in.CreateCluster)
	check("cron_expr", f.CronExpr == in.CronExpr)
	check("start_schedule", f.StartSchedule == in.StartSchedule)
	check("end_schedule", f.EndSchedule == in.EndSchedule)
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

// errNameTaken unwraps a nameTakenError.
func errNameTaken(err error) (*nameTakenError, bool) {
	var nt *nameTakenError
	ok := errors.As(err, &nt)
	return nt, ok
}
