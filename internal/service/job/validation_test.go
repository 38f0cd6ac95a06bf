package job_test

import (
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// jobConfig is a SHELL job named "n" of a project, with the attributes of more added (and
// replacing those).
func jobConfig(more acctest.Config) acctest.Config {
	cfg := acctest.Config{"project_id": "FP-0123456789ABCDEF", "name": "n", "type": "SHELL"}
	for k, v := range more {
		cfg[k] = v
	}
	return cfg
}

// TestJobValidation holds the rules that TestAccJob_validation checked through the CLI, run in
// process through the provider's own validation: same rules, same messages, and the attribute
// path each diagnostic is on.
func TestJobValidation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		cfg  acctest.Config
		path string
		want string
	}{
		"unknown type":                  {jobConfig(acctest.Config{"type": "SPARK_PYTHON"}), "type", `Attribute type value must be one of:.*"SHELL"`},
		"lower-case type":               {jobConfig(acctest.Config{"type": "shell"}), "type", `Attribute type value must be one of`},
		"type no source names":          {jobConfig(acctest.Config{"type": "PRESTO"}), "type", `Attribute type value must be one of:.*"FLINK".*"PRESTO_SQL".*"KYUUBI"`},
		"empty name":                    {jobConfig(acctest.Config{"name": ""}), "name", `name must not be empty`},
		"name with trailing blank":      {jobConfig(acctest.Config{"name": "n "}), "name", `name must not start or end with a blank`},
		"long name":                     {jobConfig(acctest.Config{"name": strings.Repeat("n", 129)}), "name", `name must be at most 128 characters`},
		"bad mode":                      {jobConfig(acctest.Config{"mode": "K8S"}), "mode", `Attribute mode value must be one of:.*"YARN".*"LOCAL"`},
		"bad fail_act":                  {jobConfig(acctest.Config{"fail_act": "RETRY"}), "fail_act", `Attribute fail_act value must be one of:.*"STOP".*"CONTINUE"`},
		"max_retry over 5":              {jobConfig(acctest.Config{"max_retry": 6}), "max_retry", `Attribute max_retry value must be between 0 and 5, got: 6`},
		"negative max_retry":            {jobConfig(acctest.Config{"max_retry": -1}), "max_retry", `Attribute max_retry value must be between 0 and 5, got: -1`},
		"retry_interval over 300":       {jobConfig(acctest.Config{"retry_interval": 301}), "retry_interval", `Attribute retry_interval value must be between 0 and 300, got: 301`},
		"negative max_running_time_sec": {jobConfig(acctest.Config{"max_running_time_sec": -5}), "max_running_time_sec", `Attribute max_running_time_sec value must be at least 0, got: -5`},
		"http resource": {jobConfig(acctest.Config{"resource": []any{map[string]any{"path": "http://example.com/app.jar"}}}),
			"resource[0].path", `resource\[0\].path must start with oss:// or hdfs://`},
		"second resource without scheme": {jobConfig(acctest.Config{"resource": []any{
			map[string]any{"path": "oss://bucket/a.jar"}, map[string]any{"path": "bucket/b.jar"},
		}}), "resource[1].path", `resource\[1\].path must start with oss:// or hdfs://`},
		"empty alias": {jobConfig(acctest.Config{"resource": []any{map[string]any{"path": "oss://bucket/a.jar", "alias": ""}}}),
			"resource[0].alias", `resource\[0\].alias must not be empty`},
		"empty description":   {jobConfig(acctest.Config{"description": ""}), "description", `description must not be empty: leave the attribute out`},
		"empty params":        {jobConfig(acctest.Config{"params": ""}), "params", `params must not be empty`},
		"empty retry_policy":  {jobConfig(acctest.Config{"retry_policy": ""}), "retry_policy", `retry_policy must not be empty`},
		"bad cluster id":      {jobConfig(acctest.Config{"cluster_id": "CT-0000000000000001"}), "cluster_id", `cluster_id must be an id starting with "C-"`},
		"bad parent category": {jobConfig(acctest.Config{"parent_category_id": "FJ-0000000000000001"}), "parent_category_id", `parent_category_id must be an id starting with "FC-"`},
		"bad project id":      {jobConfig(acctest.Config{"project_id": "F-0123456789ABCDEF"}), "project_id", `project_id must be an id starting with "FP-"`},
		"invalid JSON":        {jobConfig(acctest.Config{"param_conf": `{"date":}`}), "param_conf", `Invalid JSON String Value.*not valid JSON string format`},
		// jsonencode([1, 2]) and jsonencode("x") in HCL.
		"JSON array":          {jobConfig(acctest.Config{"run_conf": `[1,2]`}), "run_conf", `run_conf must be a JSON object \(\{\.\.\.\}\), got an array`},
		"JSON string":         {jobConfig(acctest.Config{"custom_variables": `"x"`}), "custom_variables", `custom_variables must be a JSON object`},
		"monitor_conf number": {jobConfig(acctest.Config{"monitor_conf": "12"}), "monitor_conf", `monitor_conf must be a JSON object`},
		"env_conf too long": {jobConfig(acctest.Config{"env_conf": `{"A":"` + strings.Repeat("x", 1020) + `"}`}),
			"env_conf", `Attribute env_conf string length must be at most 1024`},
		// 520 two-byte characters: 1040 bytes, fewer than 1024 characters.
		"env_conf too long in bytes, not in characters": {jobConfig(acctest.Config{"env_conf": `{"A":"` + strings.Repeat("é", 520) + `"}`}),
			"env_conf", `Attribute env_conf string length must be at most 1024`},
	}
	rows := make(map[string]acctest.ValidationCase, len(cases))
	for name, tc := range cases {
		rows[name] = acctest.ValidationCase{Config: tc.cfg, Path: tc.path, Want: errorRegexp(tc.want)}
	}
	acctest.RunValidationCases(t, acctest.KindResource, "emrflow_job", rows)
}

// TestJobDataSourceValidation holds the rules that TestAccJobDataSource_badInput checked through
// the CLI, run in process.
func TestJobDataSourceValidation(t *testing.T) {
	t.Parallel()
	const project = "FP-0123456789ABCDEF"
	one := map[string]acctest.ValidationCase{
		"id and name": {Config: acctest.Config{"project_id": project, "id": "FJ-0123456789ABCDEF", "name": "x"},
			Path: "id", Want: dsErrorRegexp(`Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[id,name\]`)},
		"neither": {Config: acctest.Config{"project_id": project},
			Want: dsErrorRegexp(`Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[id,name\]`)},
		"bad id": {Config: acctest.Config{"project_id": project, "id": "F-0123456789ABCDEF"},
			Path: "id", Want: dsErrorRegexp(`id must be an id starting with "FJ-"`)},
	}
	list := map[string]acctest.ValidationCase{
		"bad regex": {Config: acctest.Config{"project_id": project, "name_regex": "("},
			Path: "name_regex", Want: dsErrorRegexp(`Invalid regular expression`)},
		"bad type": {Config: acctest.Config{"project_id": project, "type": "shell"},
			Path: "type", Want: dsErrorRegexp(`Attribute type value must be one of`)},
	}
	t.Run("emrflow_job", func(t *testing.T) { acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_job", one) })
	t.Run("emrflow_jobs", func(t *testing.T) { acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_jobs", list) })
}
