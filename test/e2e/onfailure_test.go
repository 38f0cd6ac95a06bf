package e2e_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

// TestOnFailureContinueWarns_Action shows what the CLI prints for a failed run after create,
// with the action page's smoke-run example and a job that fails: under on_failure = halt the apply
// fails with the run's error; under continue the same error is a warning and the apply succeeds.
// (terraform-plugin-testing shows neither warnings nor the exit code of a failing apply, so the
// resource tests in internal/service/flowrun cannot.) Needs Terraform 1.16 (on_failure).
func TestOnFailureContinueWarns_Action(t *testing.T) {
	tf := terraformAtLeast(t, 1, 16, "on_failure")
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "actions", "emrflow_flow_run", "smoke-after-deploy.tf"))
	if err != nil {
		t.Fatal(err)
	}
	failing := strings.Replace(string(example), `params      = "echo load"`,
		`params      = "load.sh # EMRFLOW_EMULATOR_FAIL: table ods.orders not found"`, 1)
	if failing == string(example) {
		t.Fatal("the example no longer has the load job's params this test breaks")
	}
	runFailed := `Flow run FAILED`
	for _, tc := range []struct {
		mode     string
		exit     int
		severity string
	}{
		{"halt", 1, "Error"},
		{"continue", 0, "Warning"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			w := workspace(t, tf, cliharness.Options{})
			cfg := strings.Replace(failing, "on_failure = halt", "on_failure = "+tc.mode, 1)
			if err := w.WriteConfig(cfg); err != nil {
				t.Fatal(err)
			}
			res, err := w.Apply(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			out := res.Stdout + res.Stderr
			if res.ExitCode != tc.exit {
				t.Fatalf("apply exited %d, want %d:\n%s", res.ExitCode, tc.exit, out)
			}
			// The diagnostic is the run's verdict, naming the failed node; the full report (errors,
			// log tails) is the action's last progress message, printed once above it.
			want := regexp.MustCompile(`(?s)Node\s+load:\s+FAILED.*` + tc.severity + `: ` + runFailed + `.*node\s+load\s+FAILED`)
			if !want.MatchString(out) {
				t.Fatalf("apply output lacks %q:\n%s", want, out)
			}
			t.Logf("%s:\n%s", tc.mode, out)
			if strings.Contains(out, "Reference to triggering resource") {
				t.Errorf("the example refers to its flow by address, not as caller:\n%s", out)
			}
			if tc.mode != "halt" {
				return
			}
			// The page's way to run the flow again after a fix elsewhere: -invoke finds the flow
			// through caller, and the run fails again, as the job is still broken.
			res, err = w.Apply(t.Context(), "-invoke=action.emrflow_flow_run.smoke")
			if err != nil {
				t.Fatal(err)
			}
			if out := res.Stdout + res.Stderr; res.ExitCode != 1 || !want.MatchString(out) {
				t.Fatalf("apply -invoke exited %d, want 1 with %q:\n%s", res.ExitCode, want, out)
			}
		})
	}
}
