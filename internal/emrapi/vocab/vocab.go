// Package vocab holds the words of the EMR flow API that several packages check or build: the job
// types and the id prefixes. It imports nothing of the project, so that the graph codec, the
// plan-time validators, the API client and the emulator can all use the one list without pulling
// in each other.
package vocab

import "slices"

// The id prefixes of the API's objects.
const (
	ProjectPrefix         = "FP-" // a project (FP-257A173659F5E1A2)
	FlowPrefix            = "F-"  // a flow
	JobPrefix             = "FJ-" // a job
	FolderPrefix          = "FC-" // a folder (the API's "category")
	ClusterPrefix         = "C-"  // a cluster (C-DCEE11B49C8F42B4)
	ClusterTemplatePrefix = "CT-" // a cluster template, from which a run may create its cluster
	FlowInstancePrefix    = "FI-" // a run of a flow (a flow instance)
)

// NoEndSchedule is the EndSchedule the server may answer for a scheduled flow created without an
// end: 2100-01-01T00:00:01Z in milliseconds, the value of ListFlow.md's sample answer for a daily
// flow. It means "no end", as 0 does.
const NoEndSchedule int64 = 4102416001000

// HasIDPrefix reports whether id is one of the prefixes followed by one or more ASCII letters or
// digits (real ids are upper-case hexadecimal; the documentation masks some with "*", which is
// not accepted).
func HasIDPrefix(id string, prefixes ...string) bool {
	for _, p := range prefixes {
		if rest, ok := cutPrefix(id, p); ok && rest != "" && isAlnum(rest) {
			return true
		}
	}
	return false
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || s[:len(prefix)] != prefix {
		return s, false
	}
	return s[len(prefix):], true
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// The job types, by where each is attested. No page gives the API names of the console's and the
// client's types; they are spelt as the API spells the documented ones and accepted rather than
// refused: a wrong guess fails at apply with the API's "Invalid job type", while refusing a type
// the API takes would leave no way to manage such a job.
var (
	// documentedJobTypes: CreateFlowJob.md ("Valid values: MR, SPARK, HIVE_SQL, HIVE, PIG, SQOOP,
	// SPARK_SQL, SPARK_STREAMING, and SHELL"), also DescribeFlowJob.md and DescribeFlowCategory's
	// ObjectType.
	documentedJobTypes = []string{"MR", "SPARK", "HIVE_SQL", "HIVE", "PIG", "SQOOP", "SPARK_SQL", "SPARK_STREAMING", "SHELL"}
	// consoleJobTypes: the console guide's job pages (guide/Configure a Spark Shell job.md,
	// Configure an Impala SQL job.md, Configure a Streaming SQL job.md, Configure a Flink job.md).
	consoleJobTypes = []string{"SPARK_SHELL", "IMPALA_SQL", "STREAMING_SQL", "FLINK"}
	// clientJobTypes: a real client's enumeration, aliyun/dataworks-spec's EmrJobType (the
	// MigrationX EMR reader), beyond the two lists above.
	clientJobTypes = []string{"PRESTO_SQL", "TRINO_SQL", "KYUUBI"}
)

// DocumentedJobTypes returns the job types CreateFlowJob's page lists, in its order.
func DocumentedJobTypes() []string { return slices.Clone(documentedJobTypes) }

// UndocumentedJobTypes returns the job types the console guide or a real client shows beyond the
// documented ones.
func UndocumentedJobTypes() []string { return slices.Concat(consoleJobTypes, clientJobTypes) }

// JobTypes returns every job type a flow job (and so a graph's JOB node) may have, documented ones
// first. The slice is a fresh copy on each call.
func JobTypes() []string { return slices.Concat(documentedJobTypes, consoleJobTypes, clientJobTypes) }

// IsJobType reports whether s is one of JobTypes(). The match is exact (case-sensitive), as the
// API's is.
func IsJobType(s string) bool {
	return slices.Contains(documentedJobTypes, s) || slices.Contains(consoleJobTypes, s) || slices.Contains(clientJobTypes, s)
}
