package e2e_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

var build cliharness.ProviderBuild

func TestMain(m *testing.M) {
	code := m.Run()
	build.Cleanup()
	os.Exit(code)
}

// TestWorkspaceLifecycle proves the harness itself: a built provider applies through the real CLI
// to the in-process emulator, the state's ids are the server's, the next plan is empty, and
// destroy empties the server.
func TestWorkspaceLifecycle(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the Terraform CLI; set TF_ACC=1 (make test does)")
	}
	w := workspace(t, terraformPath(t), cliharness.Options{})
	ctx := context.Background()
	if err := w.WriteConfig(`
resource "emrflow_project" "p" {
  count       = 3
  name        = "e2e-${count.index}"
  description = "harness"
}
`); err != nil {
		t.Fatal(err)
	}
	res, err := w.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	ids, err := w.StateIDs(ctx, "emrflow_project")
	if err != nil {
		t.Fatal(err)
	}
	server := projectIDs(t, w)
	if !slices.Equal(ids, server) || len(ids) != 3 {
		t.Fatalf("state ids %v, server ids %v", ids, server)
	}
	plan, err := w.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if plan.ExitCode != 0 {
		t.Fatalf("plan after apply is not empty (exit %d):\n%s", plan.ExitCode, plan.Stdout)
	}
	if calls := w.Emulator.Stats().Calls["CreateFlowProject"]; calls != 3 {
		t.Errorf("CreateFlowProject calls = %d, want 3", calls)
	}
	res, err = w.Destroy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if left := projectIDs(t, w); len(left) != 0 {
		t.Errorf("projects left after destroy: %v", left)
	}
}

// workspace is a workspace of tf with the provider this package's tests built, closed when the
// test ends.
func workspace(t *testing.T, tf string, opts cliharness.Options) *cliharness.Workspace {
	t.Helper()
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

// terraformPath is the CLI the tests run (TF_ACC_TERRAFORM_PATH, or the one on PATH).
func terraformPath(t *testing.T) string {
	t.Helper()
	tf, err := cliharness.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	return tf
}

func projectIDs(t *testing.T, w *cliharness.Workspace) []string {
	t.Helper()
	all, err := w.Client.ListProjects(context.Background(), emrapi.ListProjectsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range all {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestExtraEnvOverrides checks that an ExtraEnv entry wins over the workspace's default of the same
// key (os/exec keeps the last value of a repeated key): the secrets test relies on it to hand the
// provider STS credentials. A shell stands in for terraform.
func TestExtraEnvOverrides(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	w, err := cliharness.NewWorkspace(t.TempDir(), sh, filepath.Join(t.TempDir(), "provider"), cliharness.Options{
		ExtraEnv: []string{"ALIBABA_CLOUD_ACCESS_KEY_ID=STS.override", "EXTRA_ONLY=yes"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res, err := w.Run(context.Background(), "-c", `printf '%s|%s|%s' "$ALIBABA_CLOUD_ACCESS_KEY_ID" "$EXTRA_ONLY" "$ALIBABA_CLOUD_REGION_ID"`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "STS.override|yes|" + cliharness.Region; res.Stdout != want {
		t.Errorf("environment seen by the CLI: %q, want %q", res.Stdout, want)
	}
}
