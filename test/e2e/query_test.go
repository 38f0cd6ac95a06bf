package e2e_test

import (
	"context"
	"encoding/json"
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

// queryWorkspace is a workspace for `terraform query`, which needs Terraform >= 1.14: the test is
// skipped below (make test runs it on the current CLI of scripts/terraform-current.sh).
func queryWorkspace(t *testing.T) *cliharness.Workspace {
	t.Helper()
	return workspace(t, terraformAtLeast(t, 1, 14, "terraform query"), cliharness.Options{})
}

// terraformAtLeast returns the CLI of TF_ACC_TERRAFORM_PATH, and skips the test without TF_ACC or
// when that CLI is older than major.minor, which the test's feature needs.
func terraformAtLeast(t *testing.T, major, minor int, feature string) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the Terraform CLI; set TF_ACC=1 (make test does)")
	}
	tf := terraformPath(t)
	if v := cliVersion(t, tf); !atLeast(v, major, minor) {
		t.Skipf("%s needs Terraform >= %d.%d; %s is %s", feature, major, minor, tf, v)
	}
	return tf
}

func cliVersion(t *testing.T, tf string) string {
	t.Helper()
	out, err := exec.Command(tf, "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	return v.Version
}

// atLeast tells whether the version "X.Y.Z[-pre]" is at least major.minor.
func atLeast(v string, major, minor int) bool {
	var x, y int
	if _, err := fmt.Sscanf(v, "%d.%d", &x, &y); err != nil {
		return false
	}
	return x > major || (x == major && y >= minor)
}

// adoptFixture is what a team finds in the console: a project with a job folder, a job with most
// of its settings, a flow folder and a flow, all made through the API, not by Terraform.
type adoptFixture struct {
	projectID, jobFolder, flowFolder, jobID, flowID string
}

// mustID returns a function that passes on the ID of a create, failing t on its error.
func mustID(t *testing.T) func(id string, err error) string {
	return func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
}

func newAdoptFixture(t *testing.T, c *emrapi.Client) adoptFixture {
	t.Helper()
	ctx := t.Context()
	var fx adoptFixture
	must := mustID(t)
	fx.projectID = must(c.CreateProject(ctx, emrapi.ProjectInput{Name: "adopt-etl", Description: "made in the console"}))
	fx.jobFolder = must(c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: fx.projectID, Name: "jobs", Type: "JOB"}))
	fx.flowFolder = must(c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: fx.projectID, Name: "flows", Type: "FLOW"}))
	fx.jobID = must(c.CreateJob(ctx, emrapi.JobInput{
		ProjectID: fx.projectID, Name: "extract", Type: "SHELL", Description: "pulls the day's files",
		Params: "sh extract.sh", FailAct: "CONTINUE", MaxRetry: 2, RetryInterval: 60, Mode: "YARN",
		ParentCategory: fx.jobFolder, EnvConf: `{"STAGE":"prod"}`,
		Resources: []emrapi.JobResource{{Path: "oss://bucket/extract.sh", Alias: "extract.sh"}},
	}))
	graphJSON := fmt.Sprintf(`{"nodes":[`+
		`{"id":"s","attribute":{"type":"START"},"shape":"startControlNode","type":"node","x":500,"y":250,"size":"80*34"},`+
		`{"id":"x","attribute":{"type":"JOB","jobType":"SHELL","jobId":%q},"config":{"hostName":""},"label":"extract","shape":"shellJobNode","type":"node","x":470.5,"y":398.5,"size":"170*34"},`+
		`{"id":"e","attribute":{"type":"END"},"shape":"endControlNode","type":"node","x":430.5,"y":562.5,"size":"80*34"}],`+
		`"edges":[{"id":"e1","source":"s","sourceAnchor":0,"target":"x","targetAnchor":0},{"id":"e2","source":"x","sourceAnchor":1,"target":"e","targetAnchor":0}]}`, fx.jobID)
	fx.flowID = must(c.CreateFlow(ctx, emrapi.FlowInput{
		ProjectID: fx.projectID, Name: "daily", Description: "the daily run", ClusterID: emulator.DefaultClusters()[0],
		CronExpr: "0 0 2 * * ?", StartSchedule: 1700000000000, EndSchedule: 1900000000000,
		ParentCategory: fx.flowFolder, Graph: graphJSON,
	}))
	return fx
}

// TestGenerateConfig_query is the adoption path of docs/guides/adopting-existing-flows: `terraform
// query -generate-config-out` finds what the console made and writes resource and import blocks;
// the plan of that configuration only imports (no create, update or replace), the apply imports,
// and the next plan is empty. Nothing in the generated file is edited.
func TestGenerateConfig_query(t *testing.T) {
	w := queryWorkspace(t)
	fx := newAdoptFixture(t, w.Client)

	query := fmt.Sprintf(`
provider "emrflow" {}

list "emrflow_project" "all" {
  provider = emrflow
  config {
    name_regex = "^adopt-"
  }
}

list "emrflow_category" "all" {
  provider = emrflow
  config {
    project_id = %[1]q
  }
}

list "emrflow_job" "all" {
  provider = emrflow
  config {
    project_id = %[1]q
  }
}

list "emrflow_flow" "all" {
  provider = emrflow
  config {
    project_id = %[1]q
  }
}
`, fx.projectID)
	if err := os.WriteFile(filepath.Join(w.Dir, "adopt.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}
	generated := queryGenerate(t, w)
	for _, id := range []string{fx.projectID, fx.jobFolder, fx.flowFolder, fx.jobID, fx.flowID} {
		if !strings.Contains(generated, id) {
			t.Errorf("generated.tf does not import %s", id)
		}
	}
	// The plan of the generated configuration imports the five objects and changes nothing.
	adoptGenerated(t, w, map[string]int{"emrflow_project": 1, "emrflow_category": 2, "emrflow_job": 1, "emrflow_flow": 1})
}

// queryGenerate runs `terraform query -generate-config-out=generated.tf` in w and returns the
// generated configuration.
func queryGenerate(t *testing.T, w *cliharness.Workspace) string {
	t.Helper()
	ctx := context.Background()
	res, err := w.Run(ctx, "query", "-no-color", "-generate-config-out=generated.tf")
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	generated, err := os.ReadFile(filepath.Join(w.Dir, "generated.tf"))
	if err != nil {
		t.Fatalf("no generated configuration: %v\n%s", err, res.Stdout)
	}
	t.Logf("generated.tf:\n%s", generated)
	return string(generated)
}

// adoptGenerated plans the generated configuration, which must only import (a no-op import of
// want's count of each resource type: no create, update or replace), applies it, and checks that
// the next plan is empty.
func adoptGenerated(t *testing.T, w *cliharness.Workspace, want map[string]int) {
	t.Helper()
	ctx := context.Background()
	plan, err := w.Run(ctx, "plan", "-input=false", "-no-color", "-out=adopt.tfplan")
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Err(); err != nil {
		t.Fatal(err)
	}
	show, err := w.Run(ctx, "show", "-json", "adopt.tfplan")
	if err != nil {
		t.Fatal(err)
	}
	if err := show.Err(); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(show.Stdout), &doc); err != nil {
		t.Fatal(err)
	}
	imports := map[string]int{}
	for _, rc := range doc.ResourceChanges {
		typ, _, _ := strings.Cut(rc.Address, ".")
		if len(rc.Change.Importing) == 0 || strings.Join(rc.Change.Actions, ",") != "no-op" {
			t.Errorf("%s: actions %v (importing: %s), want a no-op import\n%s", rc.Address, rc.Change.Actions, rc.Change.Importing, plan.Stdout)
			continue
		}
		imports[typ]++
	}
	if fmt.Sprint(imports) != fmt.Sprint(want) {
		t.Errorf("no-op imports %v, want %v", imports, want)
	}
	if t.Failed() {
		return
	}

	apply, err := w.Run(ctx, "apply", "-input=false", "-no-color", "adopt.tfplan")
	if err != nil {
		t.Fatal(err)
	}
	if err := apply.Err(); err != nil {
		t.Fatal(err)
	}
	after, err := w.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.ExitCode != 0 {
		t.Fatalf("plan after adopting is not empty (exit %d):\n%s%s", after.ExitCode, after.Stdout, after.Stderr)
	}
}

// TestGenerateConfig_querySettings: the cluster settings and members of a project made outside
// Terraform are found by `terraform query -generate-config-out`; the generated configuration only
// imports them, and the next plan is empty.
func TestGenerateConfig_querySettings(t *testing.T) {
	w := queryWorkspace(t)
	ctx := context.Background()
	projectID, err := w.Client.CreateProject(ctx, emrapi.ProjectInput{Name: "adopt-settings", Description: "made in the console"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Client.CreateClusterSetting(ctx, emrapi.ClusterSettingInput{ProjectID: projectID, ClusterID: emulator.DefaultClusters()[0],
		DefaultUser: "etl", Users: []string{"etl", "hadoop"}, Queues: []string{"root.etl"}}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"alice", "bob"} {
		if err := w.Client.CreateProjectUser(ctx, projectID, fmt.Sprint(216959339000000001+i), name); err != nil {
			t.Fatal(err)
		}
	}
	query := fmt.Sprintf(`
provider "emrflow" {}

list "emrflow_project_cluster_setting" "all" {
  provider = emrflow
  config {
    project_id = %[1]q
  }
}

list "emrflow_project_user" "all" {
  provider = emrflow
  config {
    project_id = %[1]q
  }
}
`, projectID)
	if err := os.WriteFile(filepath.Join(w.Dir, "adopt.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}
	generated := queryGenerate(t, w)
	for _, want := range []string{emulator.DefaultClusters()[0], `"alice"`, `"bob"`, `"root.etl"`} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated.tf does not hold %s", want)
		}
	}
	adoptGenerated(t, w, map[string]int{"emrflow_project_cluster_setting": 1, "emrflow_project_user": 2})
}
