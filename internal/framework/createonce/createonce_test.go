package createonce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// step scripts one create call of fakeStore: whether the object is committed, and the error
// answered (nil = success).
type step struct {
	commit bool
	err    error
}

type object struct {
	id, description string
	created         time.Time
}

// fakeStore is an in-memory API of objects unique by name whose creates can be scripted to fail
// after (or without) committing, as a lost answer or a 5xx does.
type fakeStore struct {
	now      time.Time
	objects  map[string]object // by name
	script   []step
	creates  int
	listMiss int   // Find calls that miss an existing object (a lagging list)
	findErr  error // answered by Find when set
	findErrN int   // when > 0, findErr answers only that many Find calls
	finds    int
	nextID   int
}

func (s *fakeStore) op(name, description string) Op {
	return Op{
		Kind: "thing", ResourceType: "emrflow_thing", Key: fmt.Sprintf("named %q in project P-1", name),
		Now: func() time.Time { return s.now },
		Create: func(context.Context) (string, error) {
			st := step{commit: true}
			if s.creates < len(s.script) {
				st = s.script[s.creates]
			}
			s.creates++
			if _, ok := s.objects[name]; ok {
				if st.err != nil {
					return "", st.err // the answer is lost either way
				}
				return "", &emrapi.Error{Action: "CreateThing", Code: "FLOW_API_FAILED", Shape: emrapi.ShapeFlow, HTTPStatus: 400,
					Message: fmt.Sprintf("Thing name already exists: [%s]", name)}
			}
			id := ""
			if st.commit {
				s.nextID++
				id = fmt.Sprintf("T-%d", s.nextID)
				s.objects[name] = object{id: id, description: description, created: s.now}
			}
			return id, st.err
		},
		Find: func(context.Context) (*Candidate, error) {
			s.finds++
			if s.findErr != nil && (s.findErrN == 0 || s.finds <= s.findErrN) {
				return nil, s.findErr
			}
			o, ok := s.objects[name]
			if s.listMiss > 0 {
				s.listMiss--
				ok = false
			}
			if !ok {
				return nil, &emrapi.NotFoundError{Kind: "thing", Name: name}
			}
			c := &Candidate{ID: o.id, ImportID: "P-1:" + o.id, Created: o.created}
			if o.description != description {
				c.Differs = []string{"description"}
			}
			return c, nil
		},
	}
}

var (
	errLost = &emrapi.Error{Action: "CreateThing", Code: "InternalError", Shape: emrapi.ShapeGateway, HTTPStatus: 500,
		Message: "The request processing has failed due to some unknown error."}
	errThrottled = &emrapi.Error{Action: "ListThing", Code: "Throttling.User", Shape: emrapi.ShapeGateway, HTTPStatus: 400,
		Message: "Request was denied due to user flow control."}
	errBadParam = &emrapi.Error{Action: "CreateThing", Code: "InvalidParameter", Shape: emrapi.ShapeGateway, HTTPStatus: 400,
		Message: "The specified parameter CronExpr is not valid."}
)

func TestCreate(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	existing := func(created time.Time, description string) map[string]object {
		return map[string]object{"daily": {id: "T-OLD", description: description, created: created}}
	}
	cases := []struct {
		name        string
		store       *fakeStore
		wantAdopted bool
		wantCreates int
		wantObjects int
		wantErr     string // "" = success
		wantTaken   bool   // the error is a NameTakenError with the import command
	}{
		{name: "created", store: &fakeStore{}, wantCreates: 1, wantObjects: 1},
		{name: "answer lost after commit: adopted", store: &fakeStore{script: []step{{commit: true, err: errLost}}},
			wantAdopted: true, wantCreates: 1, wantObjects: 1},
		{name: "answer lost before commit: created again", store: &fakeStore{script: []step{{err: errLost}}},
			wantCreates: 2, wantObjects: 1},
		{name: "lost twice: gives up", store: &fakeStore{script: []step{{err: errLost}, {err: errLost}}},
			wantCreates: 2, wantErr: "the outcome of 2 calls was unknown"},
		{name: "lagging lookup: the retry hits the name and adopts", store: &fakeStore{listMiss: 1, script: []step{{commit: true, err: errLost}}},
			wantAdopted: true, wantCreates: 2, wantObjects: 1},
		{name: "name taken beforehand", store: &fakeStore{objects: existing(now.Add(-time.Hour), "d")},
			wantCreates: 1, wantObjects: 1, wantErr: "the name was already taken", wantTaken: true},
		{name: "answer lost, an older object of that name", store: &fakeStore{objects: existing(now.Add(-time.Hour), "d"), script: []step{{err: errLost}}},
			wantCreates: 1, wantObjects: 1, wantErr: "before this apply started", wantTaken: true},
		{name: "answer lost, an object within the clock skew: adopted", store: &fakeStore{objects: existing(now.Add(-ClockSkew+time.Second), "d"), script: []step{{err: errLost}}},
			wantAdopted: true, wantCreates: 1, wantObjects: 1},
		{name: "answer lost, a recent object with other fields", store: &fakeStore{objects: existing(now, "someone else's"), script: []step{{err: errLost}}},
			wantCreates: 1, wantObjects: 1, wantErr: "its description differ", wantTaken: true},
		{name: "answer lost, an object of unknown age with our fields: not adopted", store: &fakeStore{objects: existing(time.Time{}, "d"), script: []step{{err: errLost}}},
			wantCreates: 1, wantObjects: 1, wantErr: "gives no creation time", wantTaken: true},
		{name: "refused", store: &fakeStore{script: []step{{err: errBadParam}}},
			wantCreates: 1, wantErr: "InvalidParameter"},
		{name: "answer lost, lookup throttled then answers: adopted", store: &fakeStore{findErr: errThrottled, findErrN: Lookups - 1, script: []step{{commit: true, err: errLost}}},
			wantAdopted: true, wantCreates: 1, wantObjects: 1},
		{name: "answer lost, lookup throttled every time", store: &fakeStore{findErr: errThrottled, script: []step{{commit: true, err: errLost}}},
			wantCreates: 1, wantObjects: 1, wantErr: "looking it up failed"},
		{name: "answer lost and lookup fails", store: &fakeStore{findErr: errors.New("connection reset"), script: []step{{commit: true, err: errLost}}},
			wantCreates: 1, wantObjects: 1, wantErr: "looking it up failed"},
		{name: "name taken beforehand and lookup fails", store: &fakeStore{objects: existing(now.Add(-time.Hour), "d"), findErr: errThrottled},
			wantCreates: 1, wantObjects: 1, wantErr: "Thing name already exists"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tc.store
			s.now = now
			if s.objects == nil {
				s.objects = map[string]object{}
			}
			res, err := Create(context.Background(), s.op("daily", "d"))
			if s.creates != tc.wantCreates || len(s.objects) != tc.wantObjects {
				t.Errorf("create called %d times leaving %d objects, want %d and %d", s.creates, len(s.objects), tc.wantCreates, tc.wantObjects)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				nt, taken := errors.AsType[*NameTakenError](err)
				if taken != tc.wantTaken {
					t.Fatalf("NameTakenError = %v, want %v", taken, tc.wantTaken)
				}
				if taken && !strings.Contains(nt.Hint(), "terraform import emrflow_thing.<resource name> P-1:T-OLD") {
					t.Fatalf("hint %q lacks the import command", nt.Hint())
				}
				if taken && Hint(fmt.Errorf("wrapped: %w", err)) != nt.Hint() {
					t.Fatal("Hint does not find the NameTakenError in the chain")
				}
				return
			}
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			if res.Adopted != tc.wantAdopted {
				t.Errorf("adopted = %v, want %v", res.Adopted, tc.wantAdopted)
			}
			if o, ok := s.objects["daily"]; !ok || o.id != res.ID {
				t.Errorf("returned id %q is not the object of the API (%v)", res.ID, s.objects)
			}
		})
	}
}

// TestNameTakenError checks what the user reads: the API's answer stays reachable (the
// diagnostics show its code and request id), and the hint says why and how to import.
func TestNameTakenError(t *testing.T) {
	t.Parallel()
	e := &NameTakenError{Kind: "job", Key: `named "x" in project FP-1`, ResourceType: "emrflow_job",
		ID: "FJ-2", ImportID: "FP-1:FJ-2", Reason: "it is old", Err: errLost}
	if !errors.Is(e, errLost) {
		t.Error("the create's error is not unwrapped")
	}
	for _, want := range []string{
		`A job named "x" in project FP-1 already exists (FJ-2) and was not created by this apply: it is old.`,
		"terraform import emrflow_job.<resource name> FP-1:FJ-2",
		`id = "FP-1:FJ-2"`,
	} {
		if !strings.Contains(e.Hint(), want) {
			t.Errorf("hint %q lacks %q", e.Hint(), want)
		}
	}
	if !strings.Contains(e.Error(), "was not created by this apply") || !strings.Contains(e.Error(), "InternalError") {
		t.Errorf("error %q", e.Error())
	}
	if Hint(errLost) != "" {
		t.Error("a hint for an error that is no NameTakenError")
	}
}

// TestDetachCancel: a create already sent must survive Terraform's stop (the cancellation of its
// context) but keep the create timeout (the deadline) and the logger (the values).
func TestDetachCancel(t *testing.T) {
	t.Parallel()
	type key struct{}
	parent, cancel := context.WithTimeout(context.WithValue(context.Background(), key{}, "v"), time.Hour)
	ctx, cancelDetached := DetachCancel(parent)
	defer cancelDetached()
	cancel()
	if parent.Err() == nil || ctx.Err() != nil {
		t.Fatalf("parent err %v, detached err %v: want only the parent canceled", parent.Err(), ctx.Err())
	}
	if ctx.Value(key{}) != "v" {
		t.Error("the detached context lost its values")
	}
	pd, _ := parent.Deadline()
	if d, ok := ctx.Deadline(); !ok || !d.Equal(pd) {
		t.Errorf("deadline %v %v, want %v", d, ok, pd)
	}
	noDeadline, cancelNo := DetachCancel(context.Background())
	defer cancelNo()
	if _, ok := noDeadline.Deadline(); ok {
		t.Error("a deadline appeared")
	}
	cancelNo()
	if noDeadline.Err() == nil {
		t.Error("the detached context's own cancel does not cancel it")
	}
}

func TestBegin(t *testing.T) {
	t.Parallel()
	stopped, stop := context.WithCancel(context.Background())
	stop()
	cases := []struct {
		name    string
		ctx     context.Context
		wantErr bool
	}{
		{"running: detached", context.Background(), false},
		{"stopped before sending: nothing is sent", stopped, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			parent, cancelParent := context.WithCancel(tc.ctx)
			defer cancelParent()
			ctx, cancel, err := Begin(parent, "job")
			defer cancel()
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "interrupted before the job was sent") ||
					!errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want the interruption", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cancelParent()
			if ctx.Err() != nil {
				t.Error("the create's context was canceled with Terraform's")
			}
		})
	}
}

// TestCreateTimedOutStillLooksUp checks that a create that ran out of its deadline (an unknown
// outcome) is still resolved: the lookup gets a short grace of its own instead of failing at once
// on the expired context, so an object the server made is adopted rather than left untracked.
func TestCreateTimedOutStillLooksUp(t *testing.T) {
	store := &fakeStore{now: time.Now(), objects: map[string]object{}}
	op := store.op("late", "d")
	create := op.Create
	op.Create = func(ctx context.Context) (string, error) {
		<-ctx.Done() // the answer never comes before the deadline...
		if _, err := create(ctx); err != nil {
			return "", err
		}
		// ...although the server committed it.
		return "", &emrapi.Error{Action: "CreateThing", Shape: emrapi.ShapeNetwork, Message: "context deadline exceeded", Err: ctx.Err()}
	}
	find := op.Find
	var findCtxErr error
	op.Find = func(ctx context.Context) (*Candidate, error) {
		findCtxErr = ctx.Err()
		return find(ctx)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	res, err := Create(ctx, op)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if findCtxErr != nil {
		t.Errorf("the lookup ran with a dead context: %v", findCtxErr)
	}
	if !res.Adopted || res.ID != store.objects["late"].id || store.creates != 1 {
		t.Errorf("result %+v after %d creates; want the committed object adopted after 1", res, store.creates)
	}
}
