package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
)

// createStep scripts one CreateFlowForWeb call of fakeAPI: whether the flow is committed, and the
// error answered (nil = success).
type createStep struct {
	commit bool
	err    error
}

// fakeAPI is an in-memory flow API whose creates can be scripted to fail after (or without)
// committing, as a lost answer or a 5xx does.
type fakeAPI struct {
	now      time.Time
	flows    map[string]*emrapi.Flow
	script   []createStep
	creates  int
	listMiss int   // FindFlowByName calls that miss an existing flow (a lagging list)
	findErr  error // answered by FindFlowByName when set
	findErrN int   // when > 0, findErr answers only that many FindFlowByName calls
	finds    int   // FindFlowByName calls
	nextID   int

	jobs      []emrapi.Job // answered by ProjectJobTypes
	listJobs  int          // ProjectJobTypes calls
	listJobsE error        // answered by ProjectJobTypes when set
	unlisted  []emrapi.Job // jobs DescribeJob knows but ProjectJobTypes does not show (a lagging list)
	describes int          // DescribeJob calls
}

func (f *fakeAPI) CreateFlow(_ context.Context, in emrapi.FlowInput) (string, error) {
	step := createStep{commit: true}
	if f.creates < len(f.script) {
		step = f.script[f.creates]
	}
	f.creates++
	for _, fl := range f.flows {
		if fl.ProjectID == in.ProjectID && fl.Name == in.Name {
			if step.err != nil {
				return "", step.err // the answer is lost either way
			}
			return "", &emrapi.Error{Action: "CreateFlowForWeb", Code: "FLOW_API_FAILED", Shape: emrapi.ShapeFlow, HTTPStatus: 400,
				Message: fmt.Sprintf("Flow name already exists: [%s]", in.Name)}
		}
	}
	id := ""
	if step.commit {
		f.nextID++
		id = fmt.Sprintf("F-%016X", f.nextID)
		f.flows[id] = &emrapi.Flow{
			ID: id, ProjectID: in.ProjectID, Name: in.Name, Description: in.Description, ClusterID: in.ClusterID,
			CronExpr: in.CronExpr, StartSchedule: in.StartSchedule, Graph: in.Graph, AlertConf: in.AlertConf,
			Namespace: in.Namespace, LogArchiveLocation: in.LogArchiveLocation, ParentFlowIDs: in.ParentFlowIDs,
			GmtCreate: f.now.UnixMilli(),
		}
	}
	if step.err != nil {
		return "", step.err
	}
	return id, nil
}

func (f *fakeAPI) DescribeFlow(_ context.Context, projectID, id string) (*emrapi.Flow, error) {
	fl, ok := f.flows[id]
	if !ok || fl.ProjectID != projectID {
		return nil, &emrapi.NotFoundError{Kind: "flow", ID: id}
	}
	c := *fl
	return &c, nil
}

func (f *fakeAPI) FindFlowByName(_ context.Context, projectID, name string) (*emrapi.Flow, error) {
	f.finds++
	if f.findErr != nil && (f.findErrN == 0 || f.finds <= f.findErrN) {
		return nil, f.findErr
	}
	if f.listMiss > 0 {
		f.listMiss--
		return nil, &emrapi.NotFoundError{Kind: "flow", Name: name}
	}
	for _, fl := range f.flows {
		if fl.ProjectID == projectID && fl.Name == name {
			// What ListFlow's FlowItem carries: no Namespace, LogArchiveLocation or parents.
			c := *fl
			c.Namespace, c.LogArchiveLocation, c.ParentFlowIDs = "", "", nil
			return &c, nil
		}
	}
	return nil, &emrapi.NotFoundError{Kind: "flow", Name: name}
}

func (f *fakeAPI) ProjectJobTypes(_ context.Context, projectID string) (map[string]string, error) {
	f.listJobs++
	if f.listJobsE != nil {
		return nil, f.listJobsE
	}
	out := map[string]string{}
	for _, j := range f.jobs {
		if j.ProjectID == projectID {
			out[j.ID] = j.Type
		}
	}
	return out, nil
}

func (f *fakeAPI) DescribeJob(_ context.Context, projectID, id string) (*emrapi.Job, error) {
	f.describes++
	for _, j := range append(slices.Clone(f.jobs), f.unlisted...) {
		if j.ProjectID == projectID && j.ID == id {
			return &j, nil
		}
	}
	return nil, &emrapi.NotFoundError{Kind: "job", ID: id}
}

var errLost = &emrapi.Error{Action: "CreateFlowForWeb", Code: "InternalError", Shape: emrapi.ShapeGateway, HTTPStatus: 500,
	Message: "The request processing has failed due to some unknown error."}

// TestCreateFlow covers what createFlow gives the createonce algorithm (tested on its own in
// internal/framework/createonce): the lookup by name in the project, the flow read whole and compared with
// flowDiffers (the graph by meaning), its creation time, and the import id project:flow.
func TestCreateFlow(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	in := emrapi.FlowInput{ProjectID: "FP-1", Name: "daily", Description: "d", ClusterID: "C-1",
		Graph: `{"nodes":[{"id":"s","attribute":{"type":"START"}}]}`}
	existing := func(created time.Time, description string) map[string]*emrapi.Flow {
		// The server adds UI fields (index) to the graph: still the same graph.
		return map[string]*emrapi.Flow{"F-OLD": {ID: "F-OLD", ProjectID: "FP-1", Name: "daily", Description: description,
			ClusterID: "C-1", Graph: `{"nodes":[{"id":"s","index":0,"attribute":{"type":"START"}}]}`, GmtCreate: created.UnixMilli()}}
	}
	cases := []struct {
		name        string
		api         *fakeAPI
		in          func(emrapi.FlowInput) emrapi.FlowInput // changes the input; nil = in as is
		wantAdopted bool
		wantCreates int
		wantFlows   int
		wantErr     string // "" = success
		wantTaken   bool   // the error is a NameTakenError with the import command
	}{
		{name: "created", api: &fakeAPI{}, wantCreates: 1, wantFlows: 1},
		{name: "answer lost after commit: adopted", api: &fakeAPI{script: []createStep{{commit: true, err: errLost}}},
			wantAdopted: true, wantCreates: 1, wantFlows: 1},
		{name: "answer lost before commit: created again", api: &fakeAPI{script: []createStep{{err: errLost}}},
			wantCreates: 2, wantFlows: 1},
		{name: "answer lost after commit, fields the list does not carry: adopted", api: &fakeAPI{script: []createStep{{commit: true, err: errLost}}},
			in: func(in emrapi.FlowInput) emrapi.FlowInput {
				in.Namespace, in.LogArchiveLocation, in.ParentFlowIDs = "ns", "oss://bucket/logs", []string{"F-P"}
				return in
			}, wantAdopted: true, wantCreates: 1, wantFlows: 1},
		{name: "lagging lookup: the retry hits the name and adopts", api: &fakeAPI{listMiss: 1, script: []createStep{{commit: true, err: errLost}}},
			wantAdopted: true, wantCreates: 2, wantFlows: 1},
		{name: "answer lost, a recent flow with the same graph written otherwise: adopted", api: &fakeAPI{flows: existing(now, "d"), script: []createStep{{err: errLost}}},
			wantAdopted: true, wantCreates: 1, wantFlows: 1},
		{name: "name taken beforehand", api: &fakeAPI{flows: existing(now.Add(-time.Hour), "d")},
			wantCreates: 1, wantFlows: 1, wantErr: "the name was already taken", wantTaken: true},
		{name: "answer lost, an older flow of that name", api: &fakeAPI{flows: existing(now.Add(-time.Hour), "d"), script: []createStep{{err: errLost}}},
			wantCreates: 1, wantFlows: 1, wantErr: "before this apply started", wantTaken: true},
		{name: "answer lost, a recent flow with other fields", api: &fakeAPI{flows: existing(now, "someone else's"), script: []createStep{{err: errLost}}},
			wantCreates: 1, wantFlows: 1, wantErr: "its description differ", wantTaken: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			api := tc.api
			api.now = now
			if api.flows == nil {
				api.flows = map[string]*emrapi.Flow{}
			}
			in := in
			if tc.in != nil {
				in = tc.in(in)
			}
			id, adopted, err := createFlow(context.Background(), api, in, func() time.Time { return now })
			if api.creates != tc.wantCreates || len(api.flows) != tc.wantFlows {
				t.Errorf("CreateFlowForWeb called %d times leaving %d flows, want %d and %d", api.creates, len(api.flows), tc.wantCreates, tc.wantFlows)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				nt, taken := errors.AsType[*createonce.NameTakenError](err)
				if taken != tc.wantTaken {
					t.Fatalf("NameTakenError = %v, want %v", taken, tc.wantTaken)
				}
				if taken && !strings.Contains(nt.Hint(), "terraform import emrflow_flow.<resource name> FP-1:F-OLD") {
					t.Fatalf("hint %q lacks the import command", nt.Hint())
				}
				return
			}
			if err != nil {
				t.Fatalf("createFlow: %v", err)
			}
			if adopted != tc.wantAdopted {
				t.Errorf("adopted = %v, want %v", adopted, tc.wantAdopted)
			}
			if _, ok := api.flows[id]; !ok {
				t.Errorf("returned id %q is not a flow of the API", id)
			}
		})
	}
}

func TestFlowDiffers(t *testing.T) {
	t.Parallel()
	base := emrapi.FlowInput{ProjectID: "FP-1", Name: "n", Description: "d", ClusterID: "C-1", ParentFlowIDs: []string{"F-2", "F-1"},
		AlertConf: `{"items":[{"enable":true,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-1"],"alertDingDingGroupList":[]}]}`}
	same := emrapi.Flow{Description: "d", ClusterID: "C-1", ParentFlowIDs: []string{"F-1", "F-2"}, CategoryID: "FC-default",
		AlertConf: `{"items":[{"eventId":"EMR-210401001","enable":true,"alertUserGroupIdList":["AUG-1"]}]}`}
	if d := flowDiffers(&same, base); len(d) != 0 {
		t.Fatalf("flowDiffers = %v for the same flow", d)
	}
	noEnd := same
	noEnd.EndSchedule = vocab.NoEndSchedule // the server's "no end" for a create without one
	if d := flowDiffers(&noEnd, base); len(d) != 0 {
		t.Fatalf("flowDiffers = %v for the server's no-end value", d)
	}
	other := same
	other.CronExpr = "0 0 * * * ?"
	other.Graph = `{"nodes":[{"id":"x","attribute":{"type":"END"}}]}`
	if d := flowDiffers(&other, base); strings.Join(d, ",") != "cron_expr,graph" {
		t.Fatalf("flowDiffers = %v, want [cron_expr graph]", d)
	}
}
