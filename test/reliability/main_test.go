package reliability_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
	"github.com/emrflow/terraform-provider-emrflow/test/reliability"
)

// Environment variables of the suite.
const (
	// envOut names a JSON-lines file that receives every measured row as it is recorded.
	envOut = "EMRFLOW_RELIABILITY_OUT"
	// envReport names the Markdown file (RELIABILITY.md) written after the run.
	envReport = "EMRFLOW_RELIABILITY_REPORT"
	// envFull selects the full fault matrix (100 flows x 4 mixes x 3 seeds).
	envFull = "EMRFLOW_FAULTS_FULL"
)

// cluster is one of the emulator's seeded clusters.
const cluster = "C-0000000000000001"

var (
	build    cliharness.ProviderBuild
	recorder *reliability.Recorder
)

func TestMain(m *testing.M) {
	recorder = reliability.NewRecorder(os.Getenv(envOut))
	code := m.Run()
	build.Cleanup()
	if path := os.Getenv(envReport); path != "" {
		cmd := "make reliability-report"
		md := reliability.Markdown(recorder.Rows(), time.Now(), cmd)
		if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "writing %s: %v\n", path, err)
			code = 1
		}
	}
	os.Exit(code)
}

// record adds a row to the report; a failure to write it fails the test.
func record(t *testing.T, r reliability.Row) {
	t.Helper()
	if err := recorder.Record(r); err != nil {
		t.Error(err)
	}
}

// workspace starts an emulator and a workspace for one test; it skips without TF_ACC.
func workspace(t *testing.T, opts cliharness.Options) *cliharness.Workspace {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the Terraform CLI; set TF_ACC=1 (make test does)")
	}
	tf, err := cliharness.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	provider, err := build.Path("")
	if err != nil {
		t.Fatal(err)
	}
	w, err := cliharness.NewWorkspace(t.TempDir(), tf, provider, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}

// newProject makes a project through the checking client (out of band: the tests are about
// flows, and a project made before the faults are switched on is not under test).
func newProject(t *testing.T, w *cliharness.Workspace, name string) string {
	t.Helper()
	id, err := w.Client.CreateProject(t.Context(), emrapi.ProjectInput{Name: name, Description: "reliability"})
	if err != nil {
		t.Fatalf("creating project %s: %v", name, err)
	}
	return id
}

// flowsConfig declares n flows named prefix-0 .. prefix-(n-1) in a project.
func flowsConfig(projectID, prefix string, n int) string {
	return fmt.Sprintf(`
resource "emrflow_flow" "f" {
  count       = %d
  project_id  = %q
  cluster_id  = %q
  name        = "%s-${count.index}"
  description = "flow ${count.index} of %d"
}
`, n, projectID, cluster, prefix, n)
}

// serverCheck is what the server holds against what the state says.
type serverCheck struct {
	found, dups  int
	stateMatches bool
	serverIDs    []string
	stateIDs     []string
}

// checkServer lists the project's flows and compares them with the state's emrflow_flow ids. The
// caller switches faults off first: the checks are not under test.
func checkServer(t *testing.T, w *cliharness.Workspace, projectID string) serverCheck {
	t.Helper()
	ctx := t.Context()
	flows, err := w.Client.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: projectID})
	if err != nil {
		t.Fatalf("listing flows: %v", err)
	}
	var c serverCheck
	names := map[string]int{}
	for _, f := range flows {
		names[f.Name]++
		c.serverIDs = append(c.serverIDs, f.ID)
	}
	for _, n := range names {
		c.dups += n - 1
	}
	c.found = len(flows)
	slices.Sort(c.serverIDs)
	c.stateIDs, err = w.StateIDs(ctx, "emrflow_flow")
	if err != nil {
		t.Fatalf("reading the state: %v", err)
	}
	c.stateMatches = slices.Equal(c.stateIDs, c.serverIDs)
	return c
}

// planAfter runs `terraform plan -detailed-exitcode` and names its outcome.
func planAfter(ctx context.Context, t *testing.T, w *cliharness.Workspace) (string, cliharness.Result) {
	t.Helper()
	res, err := w.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	switch res.ExitCode {
	case 0:
		return "empty", res
	case 2:
		return "changes", res
	default:
		return "error", res
	}
}

// firstError returns the first "Error: ..." line of a CLI run and the few lines after it, for
// logs and notes.
func firstError(r cliharness.Result) string {
	out := r.Stderr + r.Stdout
	i := strings.Index(out, "Error: ")
	if i < 0 {
		return ""
	}
	lines := strings.SplitN(out[i:], "\n", 8)
	return strings.Join(lines[:min(len(lines), 7)], "\n")
}
