package clustersetting_test

import (
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// settingConfig is a cluster setting of a project and cluster, with the attributes of more added
// (and replacing those).
func settingConfig(more acctest.Config) acctest.Config {
	cfg := acctest.Config{"project_id": "FP-0123456789ABCDEF", "cluster_id": "C-0123456789ABCDEF"}
	for k, v := range more {
		cfg[k] = v
	}
	return cfg
}

// TestProjectClusterSettingValidation holds the rules that TestAccProjectClusterSetting_badInput
// checked through the CLI, run in process through the provider's own validation: same rules, same
// messages, and the attribute path each diagnostic is on.
func TestProjectClusterSettingValidation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		cfg        acctest.Config
		path, want string
	}{
		"comma-separated users":  {settingConfig(acctest.Config{"users": []string{"hadoop,etl"}}), "users[*]", `an element of users must be a Linux user name.*"hadoop,etl".*one item per element`},
		"user with a space":      {settingConfig(acctest.Config{"users": []string{"etl user"}}), "users[*]", `Invalid Linux user name`},
		"user too long":          {settingConfig(acctest.Config{"users": []string{strings.Repeat("u", 33)}}), "users[*]", `must be a Linux user name`},
		"empty user":             {settingConfig(acctest.Config{"users": []string{""}}), "users[*]", `must be a Linux user name`},
		"queue with a comma":     {settingConfig(acctest.Config{"queues": []string{"a,b"}}), "queues[*]", `an element of queues must be a YARN queue name`},
		"queue with empty level": {settingConfig(acctest.Config{"queues": []string{"root..etl"}}), "queues[*]", `Invalid YARN queue name`},
		"host with a space":      {settingConfig(acctest.Config{"hosts": []string{"emr header"}}), "hosts[*]", `Invalid host name.*an element of hosts must be a host name`},
		"host with a scheme":     {settingConfig(acctest.Config{"hosts": []string{"http://emr-header-1"}}), "hosts[*]", `Invalid host name`},
		"bad default user":       {settingConfig(acctest.Config{"default_user": "-x"}), "default_user", `default_user must be a Linux user name`},
		"empty default queue":    {settingConfig(acctest.Config{"default_queue": ""}), "default_queue", `default_queue must be a YARN queue name`},
		"template":               {settingConfig(acctest.Config{"cluster_id": "CT-0000000000000001"}), "cluster_id", `cluster template cannot be associated.*create_cluster = true`},
		"not a cluster":          {settingConfig(acctest.Config{"cluster_id": "F-0123"}), "cluster_id", `cluster_id must be a cluster id starting with "C-"`},
		"bad project":            {settingConfig(acctest.Config{"project_id": "P-1", "cluster_id": "C-0000000000000001"}), "project_id", `project_id must be an id starting with "FP-"`},
	}
	rows := make(map[string]acctest.ValidationCase, len(cases))
	for name, tc := range cases {
		rows[name] = acctest.ValidationCase{Config: tc.cfg, Path: tc.path, Want: acctest.ErrorRegexp(tc.want)}
	}
	acctest.RunValidationCases(t, acctest.KindResource, "emrflow_project_cluster_setting", rows)
}

// TestClustersDataSourceValidation holds the rule that TestAccClustersDataSource_badInput checked
// through the CLI, run in process.
func TestClustersDataSourceValidation(t *testing.T) {
	t.Parallel()
	acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_clusters", map[string]acctest.ValidationCase{
		"bad project id": {Config: acctest.Config{"project_id": "C-1"},
			Path: "project_id", Want: acctest.ErrorRegexp(`project_id must be an id starting with "FP-"`)},
	})
}
