// Package reliability holds the provider's end-to-end reliability tests (fault matrix,
// exactly-once creates, interrupted applies, bad inputs, secrets), run with the real Terraform CLI
// against the emulator through test/cliharness. This file is the part that is not a test: the rows
// the tests measure, and the RELIABILITY.md table rendered from them, so that the published
// figures are the tests' own output.
package reliability

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Row is the measured result of one scenario.
type Row struct {
	Scenario string `json:"scenario"` // e.g. "fault matrix: throttling"
	Load     string `json:"load"`     // e.g. "100 flows, parallelism 10"
	Faults   string `json:"faults"`   // the faults injected, as emulator flags
	Seed     int64  `json:"seed"`
	Expected int    `json:"expected"`   // flows the configuration declares
	Found    int    `json:"found"`      // flows on the server afterwards
	Dups     int    `json:"duplicates"` // flows beyond one per name
	// StateMatches: the state's ids are exactly the server's.
	StateMatches bool   `json:"state_matches"`
	PlanAfter    string `json:"plan_after"` // "empty", "changes" or "error"
	Applies      int    `json:"applies"`    // terraform apply runs needed
	// Injected counts the faults the emulator injected (throttled/5xx/ambiguous).
	Injected string        `json:"injected"`
	Duration time.Duration `json:"duration_ns"`
	Command  string        `json:"command"` // reproduces the row
	Passed   bool          `json:"passed"`
	Note     string        `json:"note,omitempty"`
}

// Recorder collects rows from parallel tests and, when out is set, appends each as a JSON line to
// that file as soon as it is recorded (so a run that times out still leaves its figures).
type Recorder struct {
	mu   sync.Mutex
	out  string
	rows []Row
}

// NewRecorder returns a recorder; out is "" or the path of a JSON-lines file to append to.
func NewRecorder(out string) *Recorder { return &Recorder{out: out} }

// Record keeps r and appends it to the JSON-lines file, if any.
func (rec *Recorder) Record(r Row) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.rows = append(rec.rows, r)
	if rec.out == "" {
		return nil
	}
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding a reliability row: %w", err)
	}
	f, err := os.OpenFile(rec.out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening %s: %w", rec.out, err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", rec.out, err)
	}
	return f.Close()
}

// Rows returns the rows recorded so far, in a stable order (scenario, then seed).
func (rec *Recorder) Rows() []Row {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rows := slices.Clone(rec.rows)
	slices.SortStableFunc(rows, func(a, b Row) int {
		if c := strings.Compare(a.Scenario, b.Scenario); c != 0 {
			return c
		}
		if c := strings.Compare(a.Load, b.Load); c != 0 {
			return c
		}
		return int(a.Seed - b.Seed)
	})
	return rows
}

// Markdown renders RELIABILITY.md: what is tested, then the table of rows.
func Markdown(rows []Row, generated time.Time, command string) string {
	var b strings.Builder
	b.WriteString(`# Reliability

The provider's promise on a bad day: nothing lost, nothing duplicated, the state tells the truth,
and a mistake is reported before anything changes. Every figure below is the output of the tests in
` + "`test/reliability`" + `, which run the real Terraform CLI (with a provider binary built from
this checkout) against the emulator with its fault injection switched on. This file is generated:
do not edit it by hand.

Regenerate it with ` + "`make reliability-report`" + ` (it runs the full matrix: 100 flows x 4 fault mixes x 3
seeds, about 2-3 minutes on 2 cores). ` + "`make test`" + ` runs the 10-flow variants; ` + "`make test-faults`" + `
(also run by ` + "`.ci/run`" + `) runs the full matrix.

How a row is judged: ` + "`terraform apply`" + `; when it fails with an error, one more apply (no more);
then the server must hold exactly the expected flows (one per name: no duplicate), the state's ids
must equal the server's, and ` + "`terraform plan -detailed-exitcode`" + ` must exit 0 (no changes). Faults
stay on for the applies and the plan; the checks read the server with faults off.

Faults (emulator flags): ` + "`-throttle-rps 20`" + ` (over the rate: Throttling.User, nothing executed),
` + "`-error-rate 0.1`" + ` (503, nothing executed), ` + "`-ambiguous-rate 0.2`" + ` (a create, modify or delete is
committed and then answered 500, as a lost response looks). "Injected" counts what the emulator did:
throttled / 5xx / committed-then-500.

`)
	if len(rows) == 0 {
		b.WriteString("No rows were recorded.\n")
		return b.String()
	}
	b.WriteString("| scenario | load | faults | seed | flows expected / found | duplicates | state = server | plan after | applies | injected | time | result | reproduce |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		result := "pass"
		if !r.Passed {
			result = "**FAIL**"
		}
		if r.Note != "" {
			result += " (" + r.Note + ")"
		}
		seed := "-"
		if r.Seed != 0 {
			seed = fmt.Sprint(r.Seed)
		}
		flows, state, applies := fmt.Sprintf("%d / %d", r.Expected, r.Found), yesNo(r.StateMatches), fmt.Sprint(r.Applies)
		if r.Expected == 0 { // not an apply scenario (the bad-input catalogue)
			flows, state, applies = "-", "-", "-"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | `%s` |\n",
			r.Scenario, r.Load, orDash(r.Faults), seed, flows, r.Dups, state,
			r.PlanAfter, applies, orDash(r.Injected), r.Duration.Round(100*time.Millisecond), result,
			r.Command)
	}
	fmt.Fprintf(&b, "\nGenerated %s by `%s`.\n", generated.UTC().Format(time.RFC3339), command)
	b.WriteString(`
## What a user sees after Ctrl-C during an apply

Terraform prints "Interrupt received. Please wait for Terraform to exit or data loss may occur.
Gracefully shutting down...", starts no new create, and waits for the ones in flight. The provider
sees each create it already sent through (the create call, the look-up that resolves a lost answer,
the read-back) even though Terraform cancels its context, so every flow the server made is in the
state; a create not yet sent is not sent. Terraform then exits 1 with "Error: execution halted".
Running ` + "`terraform apply`" + ` again creates the remaining flows, and only those: nothing to import,
nothing to clean up (the "interrupted apply" row; its "injected" column gives how many flows the
first apply had made, all tracked). A second Ctrl-C makes Terraform exit at once without waiting;
flows being created at that moment may then be left out of the state (Terraform's documented
behaviour; not tested): the next apply then stops with an error that shows the
` + "`terraform import`" + ` command for each.
`)
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
