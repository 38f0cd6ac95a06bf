package reliability_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce/createoncetest"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
	"github.com/emrflow/terraform-provider-emrflow/test/reliability"
)

// TestInterruptedApply presses Ctrl-C in the middle of an apply of 50 flows, then applies again:
// no duplicate, no flow left on the server that the state does not track, and the second apply
// finishes the job.
//
// Ctrl-C in a terminal sends SIGINT to the whole foreground process group, terraform and its
// provider plugins alike, so the test starts terraform in a group of its own and signals the
// group. The emulator's latency makes the apply slow enough to be interrupted half-way.
func TestInterruptedApply(t *testing.T) {
	t.Parallel()
	const (
		n         = 50
		interrupt = 15 // creates received before the Ctrl-C
	)
	var held atomic.Int64
	// Latency before the server executes a request (the emulator's) and after it committed a
	// create (slowAnswers): an interrupt then finds creates in flight at both stages, and the
	// second one is where a flow can be made and lost track of.
	w := workspace(t, cliharness.Options{
		Emulator:   emulator.Config{Latency: 100 * time.Millisecond},
		Middleware: slowAnswers("CreateFlowForWeb", 300*time.Millisecond, &held),
	})
	ctx := t.Context()
	start := time.Now()
	project := newProject(t, w, "interrupted")
	if err := w.WriteConfig(flowsConfig(project, "flow", n)); err != nil {
		t.Fatal(err)
	}

	cmd := w.Command(ctx, "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	deadline := time.After(2 * time.Minute)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		select {
		case err := <-done:
			t.Fatalf("the apply ended before it could be interrupted (%v):\n%s", err, stdout.String())
		case <-deadline:
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			t.Fatal("the emulator never saw enough creates")
		case <-tick.C:
			// Interrupt once creates are in flight at both stages: some committed and their
			// answers held back, some not yet executed.
			if w.Emulator.Stats().Calls["CreateFlowForWeb"] >= interrupt && held.Load() >= 3 {
				break wait
			}
		}
	}
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var exitCode int
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			exitCode = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Minute):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Fatal("terraform did not stop after SIGINT")
	}
	out := stdout.String() + stderr.String()
	t.Logf("the interrupted apply: exit %d, output tail:\n%s", exitCode, lastLines(out, 12))

	// What the user is told: the interrupt was received, and the run stopped with an error.
	if exitCode == 0 {
		t.Errorf("the interrupted apply exited 0; it stopped before creating all %d flows", n)
	}
	for _, want := range []string{"Interrupt received", "Gracefully shutting down"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not say %q", want)
		}
	}
	// No orphan: every flow on the server is in the state, even half-way.
	mid := checkServer(t, w, project)
	t.Logf("after the interrupt: %d flows on the server, %d in the state", mid.found, len(mid.stateIDs))
	if !mid.stateMatches {
		t.Errorf("after the interrupt the state does not track the server: state %d ids, server %d ids; untracked: %v",
			len(mid.stateIDs), len(mid.serverIDs), missing(mid.serverIDs, mid.stateIDs))
	}
	if mid.found >= n {
		t.Errorf("all %d flows were created: the interrupt came too late to test anything", n)
	}

	res, err := w.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Errorf("the apply after the interrupt failed: %v", err)
	}
	plan, planRes := planAfter(ctx, t, w)
	if plan != "empty" {
		t.Errorf("plan after the second apply: %s\n%s", plan, planRes.Stdout)
	}
	c := checkServer(t, w, project)
	if c.found != n || c.dups != 0 || !c.stateMatches {
		t.Errorf("server %d flows (%d duplicates), state matches %v", c.found, c.dups, c.stateMatches)
	}
	record(t, reliability.Row{
		Scenario: "interrupted apply (SIGINT, then apply again)",
		Load:     fmt.Sprintf("%d flows, parallelism 10, Ctrl-C after %d creates", n, interrupt),
		Faults:   "100ms before and 300ms after each create commits", Expected: n, Found: c.found, Dups: c.dups,
		StateMatches: c.stateMatches, PlanAfter: plan, Applies: 2,
		Injected: fmt.Sprintf("SIGINT: exit %d, %d/%d flows made and tracked", exitCode, mid.found, n),
		Duration: time.Since(start), Passed: !t.Failed(),
		Command: "TF_ACC=1 go test -count=1 -run 'TestInterruptedApply$' ./test/reliability/",
	})
}

// slowAnswers delays the answer of action by d after the emulator executed it, as a slow network
// on the way back does. The client may give up meanwhile: the request was committed anyway.
// held counts the answers being held back at the moment.
func slowAnswers(action string, d time.Duration, held *atomic.Int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, err := createoncetest.RequestParams(r)
			if err != nil || p.Get("Action") != action {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			held.Add(1)
			time.Sleep(d) // not cut short by the client: the server does not know it left
			held.Add(-1)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
}

// missing returns the items of all that are not in some (both sorted).
func missing(all, some []string) []string {
	var out []string
	for _, s := range all {
		if _, found := slices.BinarySearch(some, s); !found {
			out = append(out, s)
		}
	}
	return out
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
