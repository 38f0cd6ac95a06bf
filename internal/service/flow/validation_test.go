package flow_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// flowConfig is a flow that plans without an API call: ids, a name and a description, with the
// attributes of more added (and replacing those).
func flowConfig(more acctest.Config) acctest.Config {
	cfg := acctest.Config{
		"project_id": "FP-0000000000000001", "cluster_id": "C-0000000000000001",
		"name": "validation", "description": "validation",
	}
	for k, v := range more {
		cfg[k] = v
	}
	return cfg
}

// graphOf is a graph block of the given nodes.
func graphOf(nodes map[string]any) map[string]any { return map[string]any{"nodes": nodes} }

// node is a graph node of type typ that depends on deps (none when empty), with more attributes.
func node(typ string, more map[string]any, deps ...string) map[string]any {
	n := map[string]any{"type": typ}
	if len(deps) > 0 {
		n["depends_on"] = deps
	}
	for k, v := range more {
		n[k] = v
	}
	return n
}

func jobNode(jobID, jobType string, deps ...string) map[string]any {
	return node("JOB", map[string]any{"job_id": jobID, "job_type": jobType}, deps...)
}

// TestFlowValidation holds the rules that TestAccFlow_validation checked through the CLI, run in
// process through the provider's own validation (ValidateResourceConfig): same rules, same
// messages, and the attribute path each diagnostic is on.
func TestFlowValidation(t *testing.T) {
	t.Parallel()
	start, end := node("START", nil), node("END", nil, "j")
	job := jobNode("FJ-1", "SHELL", "s")
	ok := map[string]any{"s": start, "j": job, "e": end}
	with := func(items map[string]any) map[string]any {
		nodes := map[string]any{}
		for k, v := range ok {
			nodes[k] = v
		}
		for k, v := range items {
			nodes[k] = v
		}
		return nodes
	}
	cases := map[string]struct {
		cfg  acctest.Config
		path string
		want string
	}{
		"cron syntax":         {flowConfig(acctest.Config{"cron_expr": "* * * * *", "start_schedule": 1767225600000}), "cron_expr", "expected 6 or 7 fields, got 5"},
		"start after end":     {flowConfig(acctest.Config{"start_schedule": 1767225600020, "end_schedule": 1767225600010}), "start_schedule", "start_schedule (1767225600020) must be lower than end_schedule (1767225600010)"},
		"start in seconds":    {flowConfig(acctest.Config{"start_schedule": 1767196800}), "start_schedule", "It looks like seconds (2025-12-31T16:00:00Z): write 1767196800000 for that, or provider::emrflow::epoch_ms"},
		"end in seconds":      {flowConfig(acctest.Config{"start_schedule": 1767225600000, "end_schedule": 1798761600}), "end_schedule", "end_schedule is 1798761600, which in milliseconds"},
		"cron question marks": {flowConfig(acctest.Config{"cron_expr": "0 0 12 * * *", "start_schedule": 1767225600000}), "cron_expr", `Quartz needs "?" in exactly one`},
		"cron without start":  {flowConfig(acctest.Config{"cron_expr": "0 0 * * * ?"}), "start_schedule", "start_schedule is required when cron_expr is set"},
		"project prefix":      {flowConfig(acctest.Config{"project_id": "F-1", "cluster_id": "C-1"}), "project_id", `project_id must be an id starting with "FP-"`},
		"parent flow prefix":  {flowConfig(acctest.Config{"parent_flow_ids": []string{"FJ-1"}}), "parent_flow_ids[*]", `starting with "F-"`},
		"category prefix":     {flowConfig(acctest.Config{"parent_category_id": "C-1"}), "parent_category_id", `starting with "FC-"`},
		"template without create": {flowConfig(acctest.Config{"project_id": "FP-1", "cluster_id": "CT-1"}),
			"cluster_id", "set create_cluster = true"},
		"cluster with create": {flowConfig(acctest.Config{"project_id": "FP-1", "cluster_id": "C-1", "create_cluster": true}),
			"cluster_id", `must be a cluster template id starting with "CT-"`},
		"cluster prefix":         {flowConfig(acctest.Config{"project_id": "FP-1", "cluster_id": "X-1"}), "cluster_id", `starting with "C-"`},
		"status value":           {flowConfig(acctest.Config{"status": "RUNNING"}), "status", `value must be one of: ["STOP_SCHEDULE" "UNDER_SCHEDULE"]`},
		"scheduled without cron": {flowConfig(acctest.Config{"status": "UNDER_SCHEDULE"}), "status", "needs cron_expr"},
		"empty host name":        {flowConfig(acctest.Config{"host_name": ""}), "host_name", "string length must be at least 1"},
		"alert event shape": {flowConfig(acctest.Config{"alert": []any{map[string]any{"event_id": "EMR-1"}}}),
			"alert[*].event_id", `alert.event_id is "EMR-1"; it must be an alert event id "EMR-" followed by nine digits`},
		"alert event duplicate": {flowConfig(acctest.Config{"alert": []any{
			map[string]any{"event_id": "EMR-210401001"},
			map[string]any{"event_id": "EMR-210401001", "enabled": false},
		}}), "alert[*].event_id", `Two alert blocks have event_id "EMR-210401001"`},
		"graph and graph_json":   {flowConfig(acctest.Config{"graph": graphOf(ok), "graph_json": "{}"}), "graph_json", "graph and graph_json both define the flow's DAG"},
		"graph_json not JSON":    {flowConfig(acctest.Config{"graph_json": "{nodes"}), "graph_json", "Invalid JSON String Value"},
		"graph_json not a graph": {flowConfig(acctest.Config{"graph_json": `{"nodes":3}`}), "graph_json", "graph_json is not a flow graph"},
		"graph_json invalid graph": {flowConfig(acctest.Config{"graph_json": `{"nodes":[{"attribute":{"type":"END"},"id":"a"}]}`}),
			"graph_json", "the graph has no START node"},
		"bad node id": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": start, "bad id": node("END", nil, "s")})}),
			`graph.nodes["bad id"]`, `node id "bad id" is not valid`},
		"no start": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"e": node("END", nil)})}), "graph.nodes", "the graph has no START node"},
		"no nodes": {flowConfig(acctest.Config{"graph": map[string]any{}}), "graph.nodes", "A graph block needs its nodes"},
		"two starts": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": start, "t": node("START", nil), "e": node("END", nil, "s", "t")})}),
			`graph.nodes["t"].type`, `a second START node ("s" is the first)`},
		"no end": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": start})}), "graph.nodes", "the graph has no END node"},
		"bad type": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": start, "e": node("end", nil, "s")})}),
			`graph.nodes["e"].type`, `graph.nodes["e"].type: node type "end" is not valid; use one of START, END, JOB (did you mean "END"?)`},
		"dangling": {flowConfig(acctest.Config{"graph": graphOf(with(map[string]any{"e": node("END", nil, "x")}))}),
			`graph.nodes["e"].depends_on`, `graph.nodes["e"].depends_on: depends_on names "x", which is not a node of the graph`},
		"self dependency": {flowConfig(acctest.Config{"graph": graphOf(with(map[string]any{"j": jobNode("FJ-1", "SHELL", "s", "j")}))}),
			`graph.nodes["j"].depends_on`, `node "j" depends on itself`},
		"depends on END": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": start, "j": jobNode("FJ-1", "SHELL", "e"), "e": node("END", nil, "s")})}),
			`graph.nodes["j"].depends_on`, `depends on END node "e"`},
		"START depends": {flowConfig(acctest.Config{"graph": graphOf(with(map[string]any{"s": node("START", nil, "j")}))}),
			`graph.nodes["s"].depends_on`, "the START node runs first and cannot depend"},
		"cycle": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{
			"s": start, "a": jobNode("FJ-1", "SHELL", "s", "b"), "b": jobNode("FJ-1", "SHELL", "a"), "e": node("END", nil, "b"),
		})}), `graph.nodes["a"].depends_on`, `the dependencies form a cycle: "a" -> "b" -> "a"`},
		"job without job_id": {flowConfig(acctest.Config{"graph": graphOf(with(map[string]any{"j": node("JOB", map[string]any{"job_type": "SHELL"}, "s")}))}),
			`graph.nodes["j"].job_id`, "a JOB node needs a job_id"},
		"job_id prefix": {flowConfig(acctest.Config{"graph": graphOf(with(map[string]any{"j": jobNode("J-1", "SHELL", "s")}))}),
			`graph.nodes["j"].job_id`, `graph.nodes["j"].job_id: job_id "J-1" is not a flow job id`},
		"job type": {flowConfig(acctest.Config{"graph": graphOf(with(map[string]any{"j": jobNode("FJ-1", "shell", "s")}))}),
			`graph.nodes["j"].job_type`, `graph.nodes["j"].job_type: job_type "shell" is not valid`},
		"job fields on start": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": node("START", map[string]any{"job_id": "FJ-1"}), "e": node("END", nil, "s")})}),
			`graph.nodes["s"].job_id`, "a START node cannot have a job_id"},
		"x without y": {flowConfig(acctest.Config{"graph": graphOf(map[string]any{"s": node("START", map[string]any{"x": 1}), "e": node("END", nil, "s")})}),
			`graph.nodes["s"].y`, "y is unset while x is set"},
		"region typo":          {flowConfig(acctest.Config{"region": "cn-hangzou"}), "region", `did you mean "cn-hangzhou"`},
		"name too long":        {flowConfig(acctest.Config{"name": strings.Repeat("n", 65)}), "name", "string length must be between 1 and 64"},
		"description too long": {flowConfig(acctest.Config{"description": strings.Repeat("d", 157)}), "description", "string length must be at most 156"},
	}
	rows := make(map[string]acctest.ValidationCase, len(cases))
	for name, tc := range cases {
		rows[name] = acctest.ValidationCase{Config: tc.cfg, Path: tc.path, Want: phrase(tc.want)}
	}
	acctest.RunValidationCases(t, acctest.KindResource, "emrflow_flow", rows)
}

// TestFlowDataSourceValidation holds the rules of TestAccFlowDataSource_errors that need no API
// call, run in process.
func TestFlowDataSourceValidation(t *testing.T) {
	t.Parallel()
	const noProject = "FP-0000000000000000"
	t.Run("emrflow_flow", func(t *testing.T) {
		acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_flow", map[string]acctest.ValidationCase{
			"neither id nor name": {Config: acctest.Config{"project_id": noProject},
				Want: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[id,name\]`)},
			"both id and name": {Config: acctest.Config{"project_id": noProject, "id": "F-0000000000000000", "name": "x"},
				Path: "id", Want: regexp.MustCompile(`(?s)Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[id,name\]`)},
			"malformed id": {Config: acctest.Config{"project_id": noProject, "id": "FJ-123"},
				Path: "id", Want: phrase(`id must be an id starting with "F-"`)},
			"malformed project_id": {Config: acctest.Config{"project_id": "F-123", "name": "x"},
				Path: "project_id", Want: phrase(`project_id must be an id starting with "FP-"`)},
			"empty name": {Config: acctest.Config{"project_id": noProject, "name": ""},
				Path: "name", Want: phrase("string length must be at least 1")},
		})
	})
	t.Run("emrflow_flows", func(t *testing.T) {
		acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_flows", map[string]acctest.ValidationCase{
			"malformed project_id": {Config: acctest.Config{"project_id": "P-1"},
				Path: "project_id", Want: phrase(`project_id must be an id starting with "FP-"`)},
			"bad regex": {Config: acctest.Config{"project_id": noProject, "name_regex": "(dev"},
				Path: "name_regex", Want: regexp.MustCompile(`(?s)missing closing \).*expected a regular\s+expression in RE2 syntax`)},
			"bad status": {Config: acctest.Config{"project_id": noProject, "status": "RUNNING"},
				Path: "status", Want: phrase(`value must be one of: ["STOP_SCHEDULE" "UNDER_SCHEDULE"]`)},
			"malformed cluster_id": {Config: acctest.Config{"project_id": noProject, "cluster_id": "FP-1"},
				Path: "cluster_id", Want: phrase(`cluster_id must be an id starting with "C-" or "CT-"`)},
		})
	})
}
