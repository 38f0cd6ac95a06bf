package acctest

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestValidateConfigAcceptsValid: valid configurations, with blocks, nested maps, sets and
// unknown values, validate without an error, so that the error a table row expects comes from
// the rule under test and not from a value the helper built wrong.
func TestValidateConfigAcceptsValid(t *testing.T) {
	t.Parallel()
	cases := []struct {
		kind, typeName string
		cfg            Config
	}{
		{KindResource, "emrflow_project", Config{"name": "p", "description": "d"}},
		{KindResource, "emrflow_flow", Config{
			"project_id": "FP-0000000000000001", "cluster_id": "C-0000000000000001", "name": "f", "description": "d",
			"cron_expr": "0 0 * * * ?", "start_schedule": 1767225600000, "parent_flow_ids": []string{"F-1"},
			"alert": []any{map[string]any{"event_id": "EMR-210401001"}},
			"graph": map[string]any{"nodes": map[string]any{
				"s": map[string]any{"type": "START"},
				"j": map[string]any{"type": "JOB", "job_id": Unknown, "job_type": "SHELL", "depends_on": []string{"s"}},
				"e": map[string]any{"type": "END", "depends_on": []string{"j"}},
			}},
		}},
		{KindResource, "emrflow_job", Config{
			"project_id": "FP-0000000000000001", "name": "n", "type": "SHELL", "max_retry": 5,
			"resource": []any{map[string]any{"path": "oss://bucket/a.jar", "alias": "a.jar"}},
		}},
		{KindResource, "emrflow_project_cluster_setting", Config{
			"project_id": "FP-0000000000000001", "cluster_id": "C-0000000000000001", "users": []string{"hadoop"},
		}},
		{KindDataSource, "emrflow_flow", Config{"project_id": "FP-0000000000000001", "name": "x"}},
		{KindProvider, "", Config{"max_retries": 3, "assume_role": []any{map[string]any{"role_arn": "acs:ram::1:role/a"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.typeName, func(t *testing.T) {
			t.Parallel()
			for _, d := range ValidateConfig(t, tc.kind, tc.typeName, tc.cfg) {
				if d.Error {
					t.Errorf("valid configuration refused: %s", d)
				}
			}
		})
	}
}

// TestExpectValidationError: a row fails when the message matches on another attribute, or the
// attribute is right and the message is not.
func TestExpectValidationError(t *testing.T) {
	t.Parallel()
	diags := []Diagnostic{{Error: true, Path: "graph.nodes[\"e\"].type", Summary: "Invalid node", Detail: "node type \"end\" is not valid"}}
	for name, tc := range map[string]struct {
		path string
		want string
		fail bool
	}{
		"match":            {`graph.nodes["e"].type`, `is not valid`, false},
		"any path":         {"", `Invalid node.*not valid`, false},
		"other attribute":  {"name", `is not valid`, true},
		"other message":    {`graph.nodes["e"].type`, `must be set`, true},
		"warning not seen": {"", `never`, true},
	} {
		t.Run(name, func(t *testing.T) {
			rec := &testing.T{}
			done := make(chan struct{})
			go func() {
				defer close(done)
				ExpectValidationError(rec, diags, tc.path, regexp.MustCompile(`(?s)`+tc.want))
			}()
			<-done
			if rec.Failed() != tc.fail {
				t.Errorf("failed = %v, want %v", rec.Failed(), tc.fail)
			}
		})
	}
}

func TestValidateConfigRefusesUnknownAttribute(t *testing.T) {
	t.Parallel()
	p, err := served()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blockValue(p.schemas.ResourceSchemas["emrflow_project"].Block, Config{"title": "x"}, tftypes.NewAttributePath()); err == nil ||
		!regexp.MustCompile(`no attribute or block "title"`).MatchString(err.Error()) {
		t.Errorf("an attribute the schema does not have: error = %v, want one naming it", err)
	}
}
