package flowrun_test

import (
	"regexp"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestFlowInstancesDataSourceValidation holds the rules that TestAccFlowInstancesDataSource_badInput
// checked through the CLI, run in process: same rules, same messages, and the attribute path.
func TestFlowInstancesDataSourceValidation(t *testing.T) {
	t.Parallel()
	cfg := func(more acctest.Config) acctest.Config {
		c := acctest.Config{"project_id": "FP-0000000000000000", "flow_id": "F-0000000000000000"}
		for k, v := range more {
			c[k] = v
		}
		return c
	}
	acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_flow_instances", map[string]acctest.ValidationCase{
		"status":      {Config: cfg(acctest.Config{"status": "DONE"}), Path: "status", Want: regexp.MustCompile(`(?s)status.*value must be one of`)},
		"max_results": {Config: cfg(acctest.Config{"max_results": 0}), Path: "max_results", Want: regexp.MustCompile(`(?s)max_results.*must be between 1 and 1000`)},
		"flow_id":     {Config: cfg(acctest.Config{"flow_id": "FJ-1"}), Path: "flow_id", Want: regexp.MustCompile(`(?s)flow_id`)},
	})
}
