package flow

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// fakeDeleter refuses DeleteFlow while runs remain in active (or always, with refuse); each
// listing of the runs lets the first one end afterwards, unless it is SUSPENDED.
type fakeDeleter struct {
	refusal error
	refuse  bool
	active  []emrapi.FlowInstance
	listErr error
	deletes int
	gone    bool
}

func (f *fakeDeleter) DeleteFlow(context.Context, string, string) error {
	f.deletes++
	switch {
	case f.gone:
		return &emrapi.NotFoundError{Kind: "flow", ID: "F-1"}
	case f.refuse || len(f.active) > 0:
		return f.refusal
	}
	return nil
}

func (f *fakeDeleter) ListFlowInstances(context.Context, emrapi.ListFlowInstancesInput) ([]emrapi.FlowInstance, error) {
	out := f.active
	if len(f.active) > 0 && f.active[0].Status != emrapi.InstanceSuspended {
		f.active = f.active[1:]
	}
	return out, f.listErr
}

func TestDeleteFlowWaitsForRuns(t *testing.T) {
	defer func(d time.Duration) { deleteRetryInterval = d }(deleteRetryInterval)
	deleteRetryInterval = 10 * time.Millisecond
	refusal := errors.New("some undocumented refusal")
	running := []emrapi.FlowInstance{{ID: "FI-1", Status: "RUNNING"}, {ID: "FI-2", Status: "PREP"}}
	tests := []struct {
		name        string
		f           *fakeDeleter
		wantErr     string // "" = deleted
		wantDeletes int
	}{
		{"deleted at once", &fakeDeleter{}, "", 1},
		{"already gone", &fakeDeleter{gone: true}, "", 1},
		{"refused without runs: the refusal", &fakeDeleter{refusal: refusal, refuse: true}, "some undocumented refusal", 1},
		{"runs cannot be listed: the refusal", &fakeDeleter{refusal: refusal, refuse: true, listErr: errors.New("x")}, "some undocumented refusal", 1},
		{"runs end: deleted", &fakeDeleter{refusal: refusal, active: running}, "", 3},
		{"a suspended run never ends: timeout naming it", &fakeDeleter{refusal: refusal,
			active: []emrapi.FlowInstance{{ID: "FI-9", Status: "SUSPENDED"}}}, "flow F-1 has a run in progress (run FI-9 SUSPENDED)", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
			defer cancel()
			err := deleteFlow(ctx, tt.f, "FP-1", "F-1")
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			case tt.wantDeletes >= 0 && tt.f.deletes != tt.wantDeletes:
				t.Errorf("%d DeleteFlow calls, want %d", tt.f.deletes, tt.wantDeletes)
			}
			if tt.wantDeletes < 0 {
				detail := deleteErrorDetail(err, "FP-1")
				for _, want := range []string{"Flow F-1 has a run in progress (run FI-9 SUSPENDED)", "stop it", "`timeouts.delete`"} {
					if !strings.Contains(detail, want) {
						t.Errorf("missing %q in %s", want, detail)
					}
				}
			}
		})
	}
}
