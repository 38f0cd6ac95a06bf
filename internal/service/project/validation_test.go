package project_test

import (
	"regexp"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestProjectValidation holds the rules that TestAccProject_validation checked through the CLI,
// run in process through the provider's own validation: same rules, same messages, and the
// attribute path each diagnostic is on.
func TestProjectValidation(t *testing.T) {
	t.Parallel()
	acctest.RunValidationCases(t, acctest.KindResource, "emrflow_project", map[string]acctest.ValidationCase{
		"empty name": {Config: acctest.Config{"name": "", "description": "x"},
			Path: "name", Want: regexp.MustCompile(`(?s)Attribute name string length must be between 1 and 64`)},
		"name with trailing blank": {Config: acctest.Config{"name": "trailing ", "description": "x"},
			Path: "name", Want: regexp.MustCompile(`(?s)Attribute name must not start or end with a blank`)},
		"empty description": {Config: acctest.Config{"name": "ok-name", "description": ""},
			Path: "description", Want: regexp.MustCompile(`(?s)Attribute description string length must be between 1`)},
		"bad resource group": {Config: acctest.Config{"name": "ok-name", "description": "with a resource group", "resource_group_id": "group-1"},
			Path: "resource_group_id", Want: regexp.MustCompile(`(?s)resource_group_id must look like rg-`)},
	})
}

// TestProjectDataSourceValidation holds the rules of TestAccProjectDataSource_errors that need no
// API call, run in process.
func TestProjectDataSourceValidation(t *testing.T) {
	t.Parallel()
	t.Run("emrflow_project", func(t *testing.T) {
		acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_project", map[string]acctest.ValidationCase{
			"neither id nor name": {Config: acctest.Config{},
				Want: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[id,name\]`)},
			"both id and name": {Config: acctest.Config{"id": "FP-0000000000000000", "name": "x"},
				Path: "id", Want: regexp.MustCompile(`(?s)Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[id,name\]`)},
			"malformed id": {Config: acctest.Config{"id": "F-123"},
				Path: "id", Want: regexp.MustCompile(`must look like FP-`)},
		})
	})
	t.Run("emrflow_projects", func(t *testing.T) {
		acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_projects", map[string]acctest.ValidationCase{
			"bad regex": {Config: acctest.Config{"name_regex": "(dev"},
				Path: "name_regex", Want: regexp.MustCompile(`(?s)missing closing \).*expected a regular\s+expression in RE2 syntax`)},
		})
	})
}
