package flowrun_test

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

// The real CLI's output of a failed action (stdout and stderr together, as a terminal shows
// them): the report of the failed node, with its log tail, appears once. terraform-plugin-testing
// shows only the error stream, so this test runs the CLI itself.
func TestCLIPrintsFailureOnce(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the Terraform CLI; set TF_ACC=1")
	}
	tf, err := cliharness.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tf, "version").Output()
	m := regexp.MustCompile(`Terraform v(\d+)\.(\d+)\.`).FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("terraform version: %v %s", err, out)
	}
	if major, minor := atoi(m[1]), atoi(m[2]); major < 1 || (major == 1 && minor < 14) {
		t.Skipf("actions need Terraform 1.14 or later, not %s", out)
	}
	var build cliharness.ProviderBuild
	defer build.Cleanup()
	provider, err := build.Path("")
	if err != nil {
		t.Fatal(err)
	}
	w, err := cliharness.NewWorkspace(t.TempDir(), tf, provider, cliharness.Options{Emulator: emulator.Config{Switches: os.Getenv(acctest.EnvSwitches)}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := configRun("tf-acc-cli-fail", "echo extract", "EMRFLOW_EMULATOR_FAIL: table ods.orders not found", "")
	if err := w.WriteConfig("provider \"emrflow\" {}\n" + cfg); err != nil {
		t.Fatal(err)
	}
	res, err := w.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode == 0 {
		t.Fatalf("the apply should fail:\n%s", res.Stdout)
	}
	all := res.Stdout + res.Stderr
	for line, want := range map[string]int{
		"ERROR job failed: table ods.orders not found": 1, // the log tail, in the report
		"last log lines:":        1,
		"Error: Flow run FAILED": 1,
	} {
		if got := strings.Count(all, line); got != want {
			t.Errorf("%q appears %d times, want %d:\n--- stdout\n%s\n--- stderr\n%s", line, got, want, res.Stdout, res.Stderr)
		}
	}
	if _, err := w.Destroy(ctx); err != nil {
		t.Error(err)
	}
}

func atoi(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}
