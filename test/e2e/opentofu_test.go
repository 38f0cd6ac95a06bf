package e2e_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

// openTofuWorkspace is a workspace for OpenTofu, whose `source = "emrflow/emrflow"` means
// registry.opentofu.org; the test is skipped on Terraform (make testacc-opentofu runs it).
func openTofuWorkspace(t *testing.T) *cliharness.Workspace {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the OpenTofu CLI; set TF_ACC=1 (make testacc-opentofu does)")
	}
	tf := terraformPath(t)
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", tf, err)
	}
	if !strings.Contains(string(out), "OpenTofu v") {
		t.Skipf("OpenTofu's adoption path; %s is not OpenTofu (make testacc-opentofu runs it)", tf)
	}
	return workspace(t, tf, cliharness.Options{ProviderHost: "registry.opentofu.org"})
}

// guideCommand returns the one shell line of the adoption guide that starts with prefix: the test
// runs what the guide tells OpenTofu users to run, not a copy of it.
func guideCommand(t *testing.T, prefix string) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "templates", "guides", "adopting-existing-flows.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var found []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if line := strings.TrimSpace(sc.Text()); strings.HasPrefix(line, prefix) {
			found = append(found, line)
		}
	}
	if len(found) != 1 {
		t.Fatalf("the adoption guide has %d lines starting with %q, want 1", len(found), prefix)
	}
	return found[0]
}

// TestOpenTofuAdoption is the OpenTofu path of docs/guides/adopting-existing-flows. With import
// blocks, `tofu plan -generate-config-out` writes the project and the job, but not a flow whose
// graph has a node id starting with a digit, as the console's often do (48d474ea): OpenTofu writes
// map keys unquoted, drops the block it cannot parse back, and the plan fails. The guide's way for
// flows: a stub block, `tofu import`, and the block made from `tofu state show` by the guide's
// command. Then the plan only imports the others, the apply imports them, and the next plan is
// empty.
func TestOpenTofuAdoption(t *testing.T) {
	w := openTofuWorkspace(t)
	ctx := t.Context()
	c := w.Client
	must := mustID(t)
	project := must(c.CreateProject(ctx, emrapi.ProjectInput{Name: "tofu-etl", Description: "made in the console"}))
	job := must(c.CreateJob(ctx, emrapi.JobInput{
		ProjectID: project, Name: "load", Type: "SHELL", Description: "loads the day's orders", Params: "sh load.sh",
	}))
	graphJSON := fmt.Sprintf(`{"nodes":[`+
		`{"id":"48d474ea","attribute":{"type":"START"},"shape":"startControlNode","type":"node","x":500,"y":250,"size":"80*34"},`+
		`{"id":"7ba480b3","attribute":{"type":"JOB","jobType":"SHELL","jobId":%q},"label":"load","shape":"shellJobNode","type":"node","x":470.5,"y":398.5,"size":"170*34"},`+
		`{"id":"33202d60","attribute":{"type":"END"},"shape":"endControlNode","type":"node","x":430.5,"y":562.5,"size":"80*34"}],`+
		`"edges":[{"id":"a1","source":"48d474ea","sourceAnchor":0,"target":"7ba480b3","targetAnchor":0},`+
		`{"id":"a2","source":"7ba480b3","sourceAnchor":1,"target":"33202d60","targetAnchor":0}]}`, job)
	flow := must(c.CreateFlow(ctx, emrapi.FlowInput{
		ProjectID: project, Name: "daily", Description: "the daily run", ClusterID: emulator.DefaultClusters()[0],
		Graph: graphJSON,
	}))
	shell := func(line string, wantExit int) cliharness.Result {
		t.Helper()
		res, err := w.Shell(ctx, line)
		if err != nil {
			t.Fatal(err)
		}
		if res.ExitCode != wantExit {
			t.Fatalf("%s: exit %d, want %d\n%s%s", line, res.ExitCode, wantExit, res.Stdout, res.Stderr)
		}
		return res
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(w.Dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	imports := fmt.Sprintf(`
import {
  to = emrflow_project.etl
  id = %q
}

import {
  to = emrflow_job.load
  id = "%[1]s:%[2]s"
}
`, project, job)

	// Why flows need another way: generating the flow's block fails the whole plan.
	write("main.tf", imports+fmt.Sprintf(`
import {
  to = emrflow_flow.daily
  id = "%s:%s"
}
`, project, flow))
	res := shell("tofu plan -no-color -generate-config-out=generated.tf", 1)
	if !strings.Contains(res.Stderr+res.Stdout, "Missing key/value separator") {
		t.Fatalf("the plan failed for another reason than the guide gives:\n%s%s", res.Stdout, res.Stderr)
	}
	if err := os.Remove(filepath.Join(w.Dir, "generated.tf")); err != nil {
		t.Fatal(err)
	}

	// The guide's path: the others by generated configuration...
	write("main.tf", imports)
	shell("tofu plan -no-color -generate-config-out=generated.tf", 0)
	// ...and the flow from a stub, `tofu import` and `tofu state show`.
	write("daily.tf", fmt.Sprintf(`resource "emrflow_flow" "daily" {
  project_id  = %q
  name        = "daily"
  description = "replaced by tofu state show"
  cluster_id  = "C-0000000000000000"
}
`, project))
	shell(fmt.Sprintf("tofu import -no-color emrflow_flow.daily %s:%s", project, flow), 0)
	shell(guideCommand(t, "tofu state show"), 0)
	res = shell("tofu plan -no-color -detailed-exitcode", 2)
	if !strings.Contains(res.Stdout, "2 to import, 0 to add, 0 to change, 0 to destroy") {
		daily, _ := os.ReadFile(filepath.Join(w.Dir, "daily.tf"))
		t.Fatalf("want a plan of imports only:\n%s\n%s%s", daily, res.Stdout, res.Stderr)
	}
	shell("tofu apply -no-color -auto-approve", 0)
	shell("tofu plan -no-color -detailed-exitcode", 0)
}
