package reliability_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
	"github.com/emrflow/terraform-provider-emrflow/test/reliability"
)

// Ids that plan without an API call (validation needs none).
const (
	fp = "FP-0123456789ABCDEF"
	fj = "FJ-0123456789ABCDEF"
)

// says matches the phrases in order, whatever the line wrapping and the "│" gutter of Terraform's
// diagnostics.
func says(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = phrase(p).String()
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// res, flow, job and category wrap a body into a resource of that type.
func res(typ, body string) string { return fmt.Sprintf("resource %q \"x\" {\n%s\n}\n", typ, body) }

func flowWith(body string) string {
	return res("emrflow_flow", fmt.Sprintf("  project_id = %q\n  cluster_id = %q\n  name = \"f\"\n  description = \"d\"\n%s", fp, cluster, body))
}

func jobWith(body string) string {
	return res("emrflow_job", fmt.Sprintf("  project_id = %q\n  name = \"j\"\n%s", fp, body))
}

func categoryWith(body string) string {
	return res("emrflow_category", fmt.Sprintf("  project_id = %q\n%s", fp, body))
}

// aProject is a valid resource for the provider-block cases.
const aProject = `
resource "emrflow_project" "p" {
  name        = "never-created"
  description = "the provider block is wrong"
}
`

// graphOf renders a graph block from HCL node map items (`id = { ... }`).
func graphOf(items ...string) string {
	return "  graph {\n    nodes = {\n      " + strings.Join(items, "\n      ") + "\n    }\n  }\n"
}

const (
	startNode = `s = { type = "START" }`
	endNode   = `e = { type = "END", depends_on = ["j"] }`
	jobNode   = `j = { type = "JOB", job_id = "FJ-0123456789ABCDEF", job_type = "SHELL", depends_on = ["s"] }`
)

// badInputs is the catalogue: each configuration must fail at plan time, with a diagnostic on
// the attribute (attr: Terraform shows the configuration line or the attribute path) that says
// what is valid (want), before any API change.
var badInputs = []struct {
	name   string
	config string
	attr   string // shown in the diagnostic: the attribute's name or path
	want   *regexp.Regexp
}{
	// The provider block.
	{"provider: malformed endpoint", `provider "emrflow" { endpoint = "ftp//nowhere" }` + aProject, "endpoint",
		says("Invalid endpoint", "scheme://host[:port]")},
	{"provider: bad region", `provider "emrflow" { region = "Hangzhou" }` + aProject, "region",
		says("Invalid region")},
	{"provider: empty access_key", `provider "emrflow" { access_key = "" }` + aProject, "access_key",
		says("string length must be at least 1")},
	{"provider: access_key without secret", `provider "emrflow" { access_key = "LTAIonlythekey" }` + aProject, "secret_key",
		says("Missing secret_key")},
	{"provider: max_retries negative", `provider "emrflow" { max_retries = -1 }` + aProject, "max_retries",
		says("must be between 0 and 100")},
	{"provider: max_retries too high", `provider "emrflow" { max_retries = 1000 }` + aProject, "max_retries",
		says("must be between 0 and 100")},
	{"provider: session expiration too short", `provider "emrflow" {
  assume_role {
    role_arn           = "acs:ram::123456789012:role/terraform"
    session_expiration = 60
  }
}` + aProject, "session_expiration", says("must be between 900 and 43200")},
	{"provider: malformed role arn", `provider "emrflow" {
  assume_role {
    role_arn = "arn:aws:iam::123:role/x"
  }
}` + aProject, "role_arn", says("role_arn must look like acs:ram::<account id>:role/<role name>")},
	{"provider: session name too short", `provider "emrflow" {
  assume_role {
    role_arn     = "acs:ram::123456789012:role/terraform"
    session_name = "x"
  }
}` + aProject, "session_name", says("string length must be between 2 and 64")},
	{"provider: two assume_role blocks", `provider "emrflow" {
  assume_role {
    role_arn = "acs:ram::1:role/a"
  }
  assume_role {
    role_arn = "acs:ram::1:role/b"
  }
}` + aProject, "assume_role", says("at most 1")},

	// emrflow_project.
	{"project: empty name", res("emrflow_project", `  name = ""
  description = "d"`), "name", says("name string length must be between 1 and 64")},
	{"project: name with a trailing blank", res("emrflow_project", `  name = "p "
  description = "d"`), "name", says("name must not start or end with a blank")},
	{"project: empty description", res("emrflow_project", `  name = "p"
  description = ""`), "description", says("description string length must be between 1")},
	{"project: bad resource group", res("emrflow_project", `  name = "p"
  description = "d"
  resource_group_id = "group-1"`), "resource_group_id", says("resource_group_id must look like rg-")},
	{"project: missing description", res("emrflow_project", `  name = "p"`), "description",
		says(`The argument "description" is required`)},

	// emrflow_flow.
	{"flow: project id prefix", res("emrflow_flow", `  project_id = "F-1"
  cluster_id = "C-0000000000000001"
  name = "f"
  description = "d"`), "project_id", says(`project_id must be an id starting with "FP-"`)},
	{"flow: cluster prefix", res("emrflow_flow", fmt.Sprintf(`  project_id = %q
  cluster_id = "X-1"
  name = "f"
  description = "d"`, fp)), "cluster_id", says(`starting with "C-"`)},
	{"flow: template without create_cluster", res("emrflow_flow", fmt.Sprintf(`  project_id = %q
  cluster_id = "CT-0000000000000001"
  name = "f"
  description = "d"`, fp)), "cluster_id", says("set create_cluster = true")},
	{"flow: cluster with create_cluster", res("emrflow_flow", fmt.Sprintf(`  project_id = %q
  cluster_id = "C-0000000000000001"
  create_cluster = true
  name = "f"
  description = "d"`, fp)), "cluster_id", says(`must be a cluster template id starting with "CT-"`)},
	{"flow: cron with five fields", flowWith(`  cron_expr = "* * * * *"
  start_schedule = 1767225600000`), "cron_expr", says("expected 6 or 7 fields, got 5")},
	{"flow: cron without question mark", flowWith(`  cron_expr = "0 0 12 * * *"
  start_schedule = 1767225600000`), "cron_expr", says(`Quartz needs "?" in exactly one`)},
	{"flow: cron without start_schedule", flowWith(`  cron_expr = "0 0 * * * ?"`), "start_schedule",
		says("start_schedule is required when cron_expr is set")},
	{"flow: start after end", flowWith("  start_schedule = 1767225600020\n  end_schedule = 1767225600010"), "start_schedule",
		says("start_schedule (1767225600020) must be lower than end_schedule (1767225600010)")},
	{"flow: status value", flowWith(`  status = "RUNNING"`), "status",
		says(`value must be one of: ["STOP_SCHEDULE" "UNDER_SCHEDULE"]`)},
	{"flow: scheduled without cron", flowWith(`  status = "UNDER_SCHEDULE"`), "status", says("needs cron_expr")},
	{"flow: parent flow prefix", flowWith(`  parent_flow_ids = ["FJ-1"]`), "parent_flow_ids", says(`starting with "F-"`)},
	{"flow: parent category prefix", flowWith(`  parent_category_id = "C-1"`), "parent_category_id", says(`starting with "FC-"`)},
	{"flow: empty host name", flowWith(`  host_name = ""`), "host_name", says("string length must be at least 1")},
	{"flow: alert event id", flowWith("  alert {\n    event_id = \"EMR-1\"\n  }"), "event_id",
		says(`it must be an alert event id "EMR-" followed by nine digits`)},
	{"flow: duplicate alert events", flowWith("  alert {\n    event_id = \"EMR-210401001\"\n  }\n  alert {\n    event_id = \"EMR-210401001\"\n    enabled = false\n  }"),
		"alert", says(`Two alert blocks have event_id "EMR-210401001"`)},
	{"flow: graph and graph_json", flowWith(graphOf(startNode, jobNode, endNode) + `  graph_json = "{}"`),
		"graph_json", says("graph and graph_json both define the flow's DAG")},
	{"flow: graph_json not JSON", flowWith(`  graph_json = "{nodes"`), "graph_json", says("Invalid JSON String Value")},
	{"flow: graph without START", flowWith(graphOf(`e = { type = "END" }`)), "graph", says("the graph has no START node")},
	{"flow: graph node type", flowWith(graphOf(startNode, `e = { type = "end", depends_on = ["s"] }`)), "type", says(`(did you mean "END"?)`)},
	{"flow: dependency on no node", flowWith(graphOf(startNode, jobNode, `e = { type = "END", depends_on = ["x"] }`)), "depends_on",
		says(`depends_on names "x", which is not a node of the graph`)},
	{"flow: graph cycle", flowWith(graphOf(startNode, `j = { type = "JOB", job_id = "FJ-0123456789ABCDEF", job_type = "SHELL", depends_on = ["s", "k"] }`,
		`k = { type = "JOB", job_id = "FJ-0123456789ABCDEF", job_type = "SHELL", depends_on = ["j"] }`, `e = { type = "END", depends_on = ["k"] }`)),
		"depends_on", says("the dependencies form a cycle")},
	{"flow: JOB node job type", flowWith(graphOf(startNode, `j = { type = "JOB", job_id = "FJ-0123456789ABCDEF", job_type = "shell", depends_on = ["s"] }`, endNode)),
		"job_type", says(`(did you mean "SHELL"?)`)},
	{"flow: name too long", res("emrflow_flow", fmt.Sprintf(`  project_id = %q
  cluster_id = "C-0000000000000001"
  name = "%s"
  description = "d"`, fp, strings.Repeat("n", 65))), "name", says("string length must be between 1 and 64")},
	{"flow: description too long", res("emrflow_flow", fmt.Sprintf(`  project_id = %q
  cluster_id = "C-0000000000000001"
  name = "f"
  description = "%s"`, fp, strings.Repeat("d", 157))), "description", says("string length must be at most 156")},

	// emrflow_job.
	{"job: unknown type", jobWith(`  type = "BASH"`), "type", says("SHELL")},
	{"job: mode", jobWith("  type = \"SHELL\"\n  mode = \"CLUSTER\""), "mode", says("YARN", "LOCAL")},
	{"job: fail_act", jobWith("  type = \"SHELL\"\n  fail_act = \"RETRY\""), "fail_act", says(`value must be one of: ["STOP" "CONTINUE"]`)},
	{"job: max_retry", jobWith("  type = \"SHELL\"\n  max_retry = 9"), "max_retry", says("between 0 and 5")},
	{"job: retry_interval", jobWith("  type = \"SHELL\"\n  retry_interval = 301"), "retry_interval", says("between 0 and 300")},
	{"job: cluster prefix", jobWith("  type = \"SHELL\"\n  cluster_id = \"X-1\""), "cluster_id", says(`cluster_id must be an id starting with "C-"`)},
	{"job: parent category prefix", jobWith("  type = \"SHELL\"\n  parent_category_id = \"" + fj + "\""), "parent_category_id",
		says(`parent_category_id must be an id starting with "FC-"`)},
	{"job: run_conf array", jobWith("  type = \"SHELL\"\n  run_conf = jsonencode([1, 2])"), "run_conf",
		says("run_conf must be a JSON object ({...}), got an array")},
	{"job: param_conf not JSON", jobWith("  type = \"SHELL\"\n  param_conf = \"{\\\"date\\\":}\""), "param_conf",
		says("Invalid JSON String Value")},
	{"job: resource path", jobWith("  type = \"SHELL\"\n  resource {\n    path = \"/tmp/x.jar\"\n  }"), "path", says("oss://", "hdfs://")},
	{"job: project id prefix", res("emrflow_job", "  project_id = \"F-1\"\n  name = \"j\"\n  type = \"SHELL\""), "project_id",
		says(`project_id must be an id starting with "FP-"`)},

	// emrflow_category.
	{"category: type", categoryWith("  name = \"c\"\n  type = \"FOLDER\""), "type", says("FLOW", "JOB")},
	{"category: empty name", categoryWith("  name = \"\"\n  type = \"FLOW\""), "name", says("name must not be empty")},
	{"category: long name", categoryWith(fmt.Sprintf("  name = %q\n  type = \"FLOW\"", strings.Repeat("n", 129))), "name",
		says("name must be at most 128 characters")},
	{"category: parent id prefix", categoryWith("  name = \"c\"\n  type = \"FLOW\"\n  parent_id = \"F-0123456789ABCDEF\""), "parent_id",
		says(`parent_id must be an id starting with "FC-"`)},

	// Data sources.
	{"data project: neither id nor name", `data "emrflow_project" "x" {}`, "id",
		says("Exactly one of these attributes must be configured: [id,name]")},
	{"data project: malformed id", `data "emrflow_project" "x" { id = "F-123" }`, "id", says("must look like FP-")},
	{"data projects: bad regex", `data "emrflow_projects" "x" { name_regex = "(dev" }`, "name_regex",
		says("missing closing )", "expected a regular expression in RE2 syntax")},
}

// TestBadInputCatalogue runs every bad configuration through `terraform plan` with the real CLI:
// each must exit 1 with an error that names the attribute and says what is valid, and the
// emulator must have seen no Create, Modify or Delete call.
func TestBadInputCatalogue(t *testing.T) {
	t.Parallel()
	if len(badInputs) < 40 {
		t.Fatalf("the catalogue has %d cases, the issue asks for at least 40", len(badInputs))
	}
	begin := time.Now()
	var refused atomic.Int64 // cases that failed at plan with the expected diagnostic and no change
	t.Cleanup(func() {       // after the parallel subtests
		record(t, reliability.Row{
			Scenario: "bad-input catalogue (terraform plan)",
			Load:     fmt.Sprintf("%d invalid configurations: provider block, project, flow, job, category, data sources", len(badInputs)),
			Faults:   "-", Note: fmt.Sprintf("%d/%d refused at plan, attribute and valid values named, 0 API changes", refused.Load(), len(badInputs)),
			Duration: time.Since(begin), Passed: !t.Failed(), PlanAfter: "n/a",
			Command: "TF_ACC=1 go test -count=1 -run 'TestBadInputCatalogue$' ./test/reliability/",
		})
	})
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := workspace(t, cliharness.Options{})
			if err := w.WriteConfig(tc.config); err != nil {
				t.Fatal(err)
			}
			r, err := w.Plan(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			out := r.Stderr + r.Stdout
			if r.ExitCode != 1 {
				t.Fatalf("plan exit %d, want 1 (an error)\n%s", r.ExitCode, out)
			}
			diag := out[max(0, strings.Index(out, "Error: ")):]
			if !tc.want.MatchString(diag) {
				t.Errorf("the error does not match %s:\n%s", tc.want, diag)
			}
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(tc.attr) + `\b`).MatchString(diag) {
				t.Errorf("the error does not name the attribute %q:\n%s", tc.attr, diag)
			}
			assertNoChange(t, w.Emulator)
			if !t.Failed() {
				refused.Add(1)
			}
		})
	}
}

// assertNoChange fails when the emulator received any Create, Modify or Delete call.
func assertNoChange(t *testing.T, srv *emulator.Server) {
	t.Helper()
	for action, n := range srv.Stats().Calls {
		if n > 0 && (strings.HasPrefix(action, "Create") || strings.HasPrefix(action, "Modify") || strings.HasPrefix(action, "Delete")) {
			t.Errorf("%d %s calls: a bad input must change nothing", n, action)
		}
	}
}

// TestServerOnlyErrors covers the mistakes only the server can see: the apply fails with the
// API's code, message and request id, and a hint of what to do.
func TestServerOnlyErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		config func(project string) string
		want   *regexp.Regexp
	}{
		{"missing project", func(string) string {
			return res("emrflow_flow", fmt.Sprintf("  project_id = \"FP-0000000000000000\"\n  cluster_id = %q\n  name = \"f\"\n  description = \"d\"", cluster))
		}, says("FLOW_API_FAILED", "Project does not exist [FP-0000000000000000]", "Request ID:", "project_id names no project")},
		{"duplicate project name", func(string) string {
			return res("emrflow_project", "  name = \"existing\"\n  description = \"d\"")
		}, says("FLOW_API_FAILED", "Project name already exists: [existing]", "Request ID:", "terraform import emrflow_project.<resource name> FP-", "or give this project another name")},
		{"wrong cluster", func(project string) string {
			return res("emrflow_flow", fmt.Sprintf("  project_id = %q\n  cluster_id = \"C-0000000000000009\"\n  name = \"f\"\n  description = \"d\"", project))
		}, says("FLOW_API_FAILED", "Cluster does not exist [C-0000000000000009]", "Request ID:", "cluster_id must be a cluster of this region")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := workspace(t, cliharness.Options{})
			project := newProject(t, w, "existing")
			if err := w.WriteConfig(tc.config(project)); err != nil {
				t.Fatal(err)
			}
			r, err := w.Apply(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if r.ExitCode != 1 {
				t.Fatalf("apply exit %d, want 1\n%s%s", r.ExitCode, r.Stdout, r.Stderr)
			}
			t.Logf("what the user sees:\n%s", r.Stderr)
			if !tc.want.MatchString(r.Stderr) {
				t.Errorf("the error does not match %s", tc.want)
			}
		})
	}
}
