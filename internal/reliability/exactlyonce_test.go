package reliability_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/e2e"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/reliability"
)

// createFault is what the aimed fault does to the first CreateFlowForWeb of a flow name.
type createFault int

const (
	// committedThenLost executes the create and answers 500, as a response lost on its way back.
	committedThenLost createFault = iota + 1
	// lostBeforeCommit answers 503 without executing anything.
	lostBeforeCommit
)

// aimedFaults fails the first CreateFlowForWeb of chosen names, and counts every create by name.
// The emulator's random faults cannot be aimed at one call; the two halves of an unknown outcome
// must each be proven on their own.
type aimedFaults struct {
	mu      sync.Mutex
	faults  map[string]createFault // by flow name
	creates map[string]int         // CreateFlowForWeb requests seen, by flow name
}

func newAimedFaults(faults map[string]createFault) *aimedFaults {
	return &aimedFaults{faults: faults, creates: map[string]int{}}
}

// arm aims fault at the next CreateFlowForWeb of name.
func (a *aimedFaults) arm(name string, fault createFault) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.faults[name] = fault
}

func (a *aimedFaults) count(name string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.creates[name]
}

// requestParams reads the query and the form body of r, and puts the body back for the emulator.
func requestParams(r *http.Request) (url.Values, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	all := r.URL.Query()
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		for k, v := range form {
			all[k] = append(v, all[k]...)
		}
	}
	return all, nil
}

func (a *aimedFaults) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := requestParams(r)
		if err != nil || p.Get("Action") != "CreateFlowForWeb" {
			next.ServeHTTP(w, r)
			return
		}
		name := p.Get("Name")
		a.mu.Lock()
		a.creates[name]++
		fault := a.faults[name]
		delete(a.faults, name) // the first create only
		a.mu.Unlock()
		switch fault {
		case committedThenLost:
			next.ServeHTTP(httptest.NewRecorder(), r) // executed; its answer is thrown away
			gatewayError(w, http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
		case lostBeforeCommit:
			gatewayError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func gatewayError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"RequestId":"AIMED-%d","HostId":"emr.aliyuncs.com","Code":%q,"Message":%q,"Recommend":""}`, status, code, msg)
}

// TestExactlyOnceCreate proves both halves of an unknown create outcome through the real CLI:
// committed-then-failed is found by name and adopted (one create call, one flow), and
// not-committed-then-failed is created again (two calls, one flow). One apply, no error.
func TestExactlyOnceCreate(t *testing.T) {
	t.Parallel()
	aimed := newAimedFaults(map[string]createFault{"committed": committedThenLost, "not-committed": lostBeforeCommit})
	w := workspace(t, e2e.Options{Middleware: aimed.middleware})
	ctx := t.Context()
	start := time.Now()
	project := newProject(t, w, "exactly-once")
	if err := w.WriteConfig(fmt.Sprintf(`
locals {
  names = ["committed", "not-committed", "plain"]
}
resource "emrflow_flow" "f" {
  for_each    = toset(local.names)
  project_id  = %q
  cluster_id  = %q
  name        = each.key
  description = "exactly once"
}
`, project, cluster)); err != nil {
		t.Fatal(err)
	}
	res, err := w.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("the apply must absorb both unknown outcomes: %v", err)
	}
	for name, want := range map[string]int{"committed": 1, "not-committed": 2, "plain": 1} {
		if got := aimed.count(name); got != want {
			t.Errorf("CreateFlowForWeb calls for %q = %d, want %d", name, got, want)
		}
	}
	c := checkServer(t, w, project)
	if c.found != 3 || c.dups != 0 || !c.stateMatches {
		t.Errorf("server %d flows (%d duplicates), state matches %v: state %v, server %v", c.found, c.dups, c.stateMatches, c.stateIDs, c.serverIDs)
	}
	plan, planRes := planAfter(ctx, t, w)
	if plan != "empty" {
		t.Errorf("plan after apply: %s\n%s", plan, planRes.Stdout)
	}
	record(t, reliability.Row{
		Scenario: "exactly-once create", Load: "3 flows: 1 committed-then-500, 1 503-before-commit, 1 plain",
		Faults: "aimed at the first create of each name", Expected: 3, Found: c.found, Dups: c.dups,
		StateMatches: c.stateMatches, PlanAfter: plan, Applies: 1,
		Injected: "0 / 1 / 1", Duration: time.Since(start), Passed: !t.Failed(),
		Command: "TF_ACC=1 go test -count=1 -run 'TestExactlyOnceCreate$' ./internal/reliability/",
	})
}

// TestExactlyOnceNameTaken checks that a name that belongs to a flow this configuration never
// created is never taken over, whether the create is refused outright or its answer is lost and
// the lookup finds the other flow: the apply fails with the terraform import command holding the
// real ids, and the existing flow is left as it was.
func TestExactlyOnceNameTaken(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		fault createFault
	}{
		"create refused":              {},
		"answer lost before commit":   {fault: lostBeforeCommit},
		"answer lost after a refusal": {fault: committedThenLost},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			aimed := newAimedFaults(map[string]createFault{})
			w := workspace(t, e2e.Options{Middleware: aimed.middleware})
			ctx := t.Context()
			project := newProject(t, w, "name-taken")
			existing, err := w.Client.CreateFlow(ctx, emrapi.FlowInput{
				ProjectID: project, Name: "taken", Description: "made in the console", ClusterID: cluster,
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.fault != 0 {
				aimed.arm("taken", tc.fault)
			}
			if err := w.WriteConfig(fmt.Sprintf(`
resource "emrflow_flow" "mine" {
  project_id  = %q
  cluster_id  = %q
  name        = "taken"
  description = "made by terraform"
}
`, project, cluster)); err != nil {
				t.Fatal(err)
			}
			res, err := w.Apply(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode != 1 {
				t.Fatalf("apply exit %d, want 1\n%s%s", res.ExitCode, res.Stdout, res.Stderr)
			}
			want := phrase(fmt.Sprintf("terraform import emrflow_flow.<resource name> %s:%s", project, existing))
			if !want.MatchString(res.Stderr) {
				t.Errorf("the error does not show the import command %q:\n%s", want, res.Stderr)
			}
			if !phrase("was not created by this apply").MatchString(res.Stderr) {
				t.Errorf("the error does not say why:\n%s", res.Stderr)
			}
			c := checkServer(t, w, project)
			if c.found != 1 || len(c.stateIDs) != 0 {
				t.Errorf("server %v, state %v: want the one existing flow, untracked", c.serverIDs, c.stateIDs)
			}
			f, err := w.Client.DescribeFlow(ctx, project, existing)
			if err != nil {
				t.Fatal(err)
			}
			if f.Description != "made in the console" {
				t.Errorf("the existing flow was changed: description %q", f.Description)
			}
		})
	}
}

// phrase matches text as Terraform prints it, whatever the wrapping of its diagnostics (and the
// "│ " gutter it puts at the start of each line).
func phrase(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `(?:\s|│)+`))
}
