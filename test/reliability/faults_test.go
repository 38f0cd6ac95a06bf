package reliability_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
	"github.com/emrflow/terraform-provider-emrflow/test/reliability"
)

// faultMix is one column of the matrix of the issue: (a) throttling, (b) 5xx, (c) lost answers
// of committed writes, (d) all three.
type faultMix struct {
	name   string
	faults emulator.Faults
	flags  string // the same faults as emrflow-emulator flags
}

var faultMixes = []faultMix{
	{"throttling", emulator.Faults{ThrottleRPS: 20}, "-throttle-rps 20"},
	{"5xx", emulator.Faults{ErrorRate: 0.10}, "-error-rate 0.1"},
	{"lost answers", emulator.Faults{AmbiguousRate: 0.20}, "-ambiguous-rate 0.2"},
	{"all three", emulator.Faults{ThrottleRPS: 20, ErrorRate: 0.10, AmbiguousRate: 0.20},
		"-throttle-rps 20 -error-rate 0.1 -ambiguous-rate 0.2"},
}

// maxApplies is the budget: one apply, and one more when the first reports a failure.
const maxApplies = 2

// TestFaultMatrix applies n flows under each fault mix and checks that the result converges: at
// most one extra apply, exactly n flows on the server (no duplicate), the state's ids equal to the
// server's, an empty plan. By default it runs the small variant (10 flows, seed 1), part of
// `make test`; with EMRFLOW_FAULTS_FULL=1 (make test-faults) the full one (100 flows, seeds 1-3).
// A single row is reproduced with -run, e.g.
// `EMRFLOW_FAULTS_FULL=1 TF_ACC=1 go test -run 'TestFaultMatrix/100_flows/5xx/seed_2' ./test/reliability/`.
func TestFaultMatrix(t *testing.T) {
	n, seeds := 10, []int64{1}
	if os.Getenv(envFull) != "" {
		n, seeds = 100, []int64{1, 2, 3}
	}
	t.Run(fmt.Sprintf("%d flows", n), func(t *testing.T) {
		for _, mix := range faultMixes {
			t.Run(mix.name, func(t *testing.T) {
				for _, seed := range seeds {
					t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
						t.Parallel()
						runFaultScenario(t, n, mix, seed)
					})
				}
			})
		}
	})
}

func runFaultScenario(t *testing.T, n int, mix faultMix, seed int64) {
	w := workspace(t, cliharness.Options{Emulator: emulator.Config{Seed: seed}})
	ctx := t.Context()
	start := time.Now()
	project := newProject(t, w, "faults")
	if err := w.WriteConfig(flowsConfig(project, "flow", n)); err != nil {
		t.Fatal(err)
	}
	w.Emulator.SetFaults(mix.faults)

	applies, note := 0, ""
	for applies < maxApplies {
		applies++
		res, err := w.Apply(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.ExitCode == 0 {
			break
		}
		// An honest failure: say what it was, and allow the one more apply of the budget.
		msg := firstError(res)
		t.Logf("apply %d failed (exit %d):\n%s", applies, res.ExitCode, msg)
		if first, _, _ := strings.Cut(msg, "\n"); note == "" {
			note = fmt.Sprintf("apply %d: %s", applies, strings.TrimPrefix(first, "Error: "))
		}
		if applies == maxApplies {
			t.Errorf("apply %d of %d still failed:\n%s", applies, maxApplies, res.Err())
		}
	}
	plan, planRes := planAfter(ctx, t, w)
	if plan != "empty" {
		t.Errorf("plan after the applies: %s (exit %d)\n%s", plan, planRes.ExitCode, firstError(planRes)+planRes.Stdout)
	}
	stats := w.Emulator.Stats()
	w.Emulator.SetFaults(emulator.Faults{})
	c := checkServer(t, w, project)
	if c.found != n || c.dups != 0 {
		t.Errorf("server holds %d flows (%d duplicates), want %d", c.found, c.dups, n)
	}
	if !c.stateMatches {
		t.Errorf("state ids %v differ from server ids %v", c.stateIDs, c.serverIDs)
	}
	run := fmt.Sprintf("TestFaultMatrix/%d_flows/%s/seed_%d", n, strings.ReplaceAll(mix.name, " ", "_"), seed)
	env := "TF_ACC=1"
	if n == 100 {
		env = "EMRFLOW_FAULTS_FULL=1 " + env
	}
	record(t, reliability.Row{
		Scenario: "fault matrix: " + mix.name, Load: fmt.Sprintf("%d flows, parallelism 10", n),
		Faults: mix.flags, Seed: seed, Expected: n, Found: c.found, Dups: c.dups,
		StateMatches: c.stateMatches, PlanAfter: plan, Applies: applies,
		Injected: fmt.Sprintf("%d / %d / %d (of %d calls)", stats.Faults.Throttled, stats.Faults.Errors, stats.Faults.Ambiguous, stats.Total),
		Duration: time.Since(start), Passed: !t.Failed(), Note: note,
		Command: fmt.Sprintf("%s go test -count=1 -run '%s' ./test/reliability/", env, run),
	})
}
