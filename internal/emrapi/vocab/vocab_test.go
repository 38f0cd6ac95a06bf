package vocab_test

import (
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

func TestJobTypes(t *testing.T) {
	// Every source's types, one row each: the documented nine, the console guide's, the client's.
	for _, typ := range []string{
		"MR", "SPARK", "HIVE_SQL", "HIVE", "PIG", "SQOOP", "SPARK_SQL", "SPARK_STREAMING", "SHELL",
		"SPARK_SHELL", "IMPALA_SQL", "STREAMING_SQL", "FLINK",
		"PRESTO_SQL", "TRINO_SQL", "KYUUBI",
	} {
		if !vocab.IsJobType(typ) {
			t.Errorf("IsJobType(%q) = false", typ)
		}
	}
	for _, typ := range []string{"", "shell", "Shell", "PRESTO", "SHELL "} {
		if vocab.IsJobType(typ) {
			t.Errorf("IsJobType(%q) = true", typ)
		}
	}
	all := vocab.JobTypes()
	if got, want := len(all), len(vocab.DocumentedJobTypes())+len(vocab.UndocumentedJobTypes()); got != want {
		t.Errorf("JobTypes has %d types, the two halves %d", got, want)
	}
	seen := map[string]bool{}
	for _, typ := range all {
		if seen[typ] {
			t.Errorf("%q listed twice", typ)
		}
		seen[typ] = true
	}
	all[0] = "changed"
	if vocab.JobTypes()[0] != "MR" {
		t.Error("JobTypes hands out its own slice")
	}
}

func TestHasIDPrefix(t *testing.T) {
	cases := []struct {
		id       string
		prefixes []string
		want     bool
	}{
		{"FP-257A173659F5E1A2", []string{vocab.ProjectPrefix}, true},
		{"FP-", []string{vocab.ProjectPrefix}, false},
		{"FP-12*4", []string{vocab.ProjectPrefix}, false},
		{"F-1", []string{vocab.ProjectPrefix}, false},
		{"CT-1", []string{vocab.ClusterPrefix, vocab.ClusterTemplatePrefix}, true},
		{"C-1", []string{vocab.ClusterPrefix, vocab.ClusterTemplatePrefix}, true},
		{"FJ-ab", []string{vocab.JobPrefix}, true},
		{"", []string{vocab.JobPrefix}, false},
	}
	for _, tc := range cases {
		if got := vocab.HasIDPrefix(tc.id, tc.prefixes...); got != tc.want {
			t.Errorf("HasIDPrefix(%q, %q) = %v, want %v", tc.id, tc.prefixes, got, tc.want)
		}
	}
}
