package e2e_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

// TestFlowClusterSettingWarning: a flow planned on a cluster that its project has no setting for
// is warned about on cluster_id, naming the resource that fixes it; a no-change plan asks the API
// nothing about settings; a setting planned in the same configuration (referred to by the flow)
// or already there silences the warning. It runs the real CLI, which alone shows warnings.
func TestFlowClusterSettingWarning(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the Terraform CLI; set TF_ACC=1 (make test does)")
	}
	w := workspace(t, terraformPath(t), cliharness.Options{})
	ctx := context.Background()
	const (
		project = `
resource "emrflow_project" "p" {
  name        = "warn"
  description = "d"
}
`
		flowOn = `
resource "emrflow_flow" "f" {
  project_id  = emrflow_project.p.id
  name        = "f"
  description = "d"
  cluster_id  = "C-0000000000000001"
}
`
		setting = `
resource "emrflow_project_cluster_setting" "s" {
  project_id = emrflow_project.p.id
  cluster_id = "C-0000000000000002"
}

resource "emrflow_flow" "g" {
  project_id  = emrflow_project.p.id
  name        = "g"
  description = "d"
  cluster_id  = emrflow_project_cluster_setting.s.cluster_id
}
`
		later = `
resource "emrflow_flow" "h" {
  project_id  = emrflow_project.p.id
  name        = "h"
  description = "d"
  cluster_id  = "C-0000000000000002"
}
`
	)
	// Spaces match any white space: Terraform wraps the detail.
	warning := regexp.MustCompile(strings.ReplaceAll(`(?s)Warning: Flow cannot run on this cluster with emrflow_flow\.f, `+
		`on main\.tf line \d+, in resource "emrflow_flow" "f": \d+: cluster_id = "C-0000000000000001".*`+
		`Project FP-\w+ has no cluster setting for cluster C-0000000000000001.*`+
		`Add an emrflow_project_cluster_setting for C-0000000000000001 in project FP-\w+`, " ", `\s+`))
	step := func(name, config string, run func() (cliharness.Result, error), wantWarning bool) cliharness.Result {
		t.Helper()
		if err := w.WriteConfig(config); err != nil {
			t.Fatal(err)
		}
		res, err := run()
		if err != nil {
			t.Fatal(err)
		}
		if res.ExitCode == 1 {
			t.Fatalf("%s: %v", name, res.Err())
		}
		out := res.Stdout + res.Stderr
		if got := strings.Contains(out, "Flow cannot run on this cluster"); got != wantWarning {
			t.Fatalf("%s: warning shown = %v, want %v:\n%s", name, got, wantWarning, out)
		}
		if wantWarning && !warning.MatchString(out) {
			t.Fatalf("%s: the warning is not on cluster_id or lacks its advice:\n%s", name, out)
		}
		return res
	}
	plan := func() (cliharness.Result, error) { return w.Plan(ctx) }
	apply := func() (cliharness.Result, error) { return w.Apply(ctx) }

	// A project created in the same apply: its id is unknown at plan, so nothing is said.
	step("new project", project+flowOn, plan, false)
	step("apply the project", project, apply, false)
	step("flow on a cluster without setting", project+flowOn, plan, true)
	step("apply it", project+flowOn, apply, true)

	w.Emulator.ResetStats()
	if res := step("no-change plan", project+flowOn, plan, false); res.ExitCode != 0 {
		t.Fatalf("the plan after apply is not empty:\n%s", res.Stdout)
	}
	calls := w.Emulator.Stats().Calls
	if n := calls["DescribeFlowProjectClusterSetting"] + calls["ListFlowProjectClusterSetting"]; n != 0 {
		t.Errorf("a no-change plan asked about cluster settings %d times, want 0 (calls: %v)", n, calls)
	}

	// The setting planned in the same configuration, referred to by the new flow g: no warning
	// (f is unchanged, so it is not checked again).
	step("setting in the configuration", project+flowOn+setting, plan, false)
	step("apply the setting", project+flowOn+setting, apply, false)
	// A setting that exists: no warning for a new flow on its cluster.
	step("setting exists", project+flowOn+setting+later, plan, false)
}
