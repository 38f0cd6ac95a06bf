package category_test

import (
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// folderConfig is a FLOW folder named "n" of a project, with the attributes of more added (and
// replacing those).
func folderConfig(more acctest.Config) acctest.Config {
	cfg := acctest.Config{"project_id": "FP-0123456789ABCDEF", "name": "n", "type": "FLOW"}
	for k, v := range more {
		cfg[k] = v
	}
	return cfg
}

// TestCategoryValidation holds the rules that TestAccCategory_validation checked through the CLI,
// run in process through the provider's own validation: same rules, same messages, and the
// attribute path each diagnostic is on.
func TestCategoryValidation(t *testing.T) {
	t.Parallel()
	acctest.RunValidationCases(t, acctest.KindResource, "emrflow_category", map[string]acctest.ValidationCase{
		"bad type": {Config: folderConfig(acctest.Config{"type": "FOLDER"}),
			Path: "type", Want: errorRegexp(`Attribute type value must be one of:.*"FLOW".*"JOB".*"ADHOC"`)},
		"lower-case type": {Config: folderConfig(acctest.Config{"type": "flow"}),
			Path: "type", Want: errorRegexp(`Attribute type value must be one of`)},
		"empty name": {Config: folderConfig(acctest.Config{"name": ""}),
			Path: "name", Want: errorRegexp(`name must not be empty`)},
		"name with leading blank": {Config: folderConfig(acctest.Config{"name": " n"}),
			Path: "name", Want: errorRegexp(`name must not start or end with a blank`)},
		"long name": {Config: folderConfig(acctest.Config{"name": strings.Repeat("n", 129)}),
			Path: "name", Want: errorRegexp(`name must be at most 128 characters`)},
		"bad parent id": {Config: folderConfig(acctest.Config{"parent_id": "F-0123456789ABCDEF"}),
			Path: "parent_id", Want: errorRegexp(`parent_id must be an id starting with "FC-"`)},
		"empty parent id": {Config: folderConfig(acctest.Config{"parent_id": ""}),
			Path: "parent_id", Want: errorRegexp(`parent_id must be an id starting with "FC-"`)},
		"bad project id": {Config: folderConfig(acctest.Config{"project_id": "FC-0123456789ABCDEF", "type": "JOB"}),
			Path: "project_id", Want: errorRegexp(`project_id must be an id starting with "FP-"`)},
	})
}

// TestCategoriesDataSourceValidation holds the rules that TestAccCategoriesDataSource_badInput
// checked through the CLI, run in process.
func TestCategoriesDataSourceValidation(t *testing.T) {
	t.Parallel()
	const project = "FP-0123456789ABCDEF"
	acctest.RunValidationCases(t, acctest.KindDataSource, "emrflow_categories", map[string]acctest.ValidationCase{
		"bad type": {Config: acctest.Config{"project_id": project, "type": "FOLDER"},
			Path: "type", Want: errorRegexp(`Attribute type value must be one of`)},
		"bad parent": {Config: acctest.Config{"project_id": project, "parent_id": "F-1"},
			Path: "parent_id", Want: errorRegexp(`parent_id must be an id starting with "FC-"`)},
		"bad project": {Config: acctest.Config{"project_id": "P-1"},
			Path: "project_id", Want: errorRegexp(`project_id must be an id starting with "FP-"`)},
	})
}
