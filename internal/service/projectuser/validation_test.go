package projectuser_test

import (
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestProjectUserValidation holds the rules that TestAccProjectUser_badInput checked through the
// CLI, run in process through the provider's own validation: same rules, same messages, and the
// attribute path each diagnostic is on.
func TestProjectUserValidation(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ project, id, name, path, want string }{
		"name with account suffix": {"FP-0123456789ABCDEF", "1", "alice@123.onaliyun.com", "user_name", `user_name must be a RAM user name`},
		"name with a space":        {"FP-0123456789ABCDEF", "1", "alice smith", "user_name", `user_name must be a RAM user name`},
		"empty name":               {"FP-0123456789ABCDEF", "1", "", "user_name", `user_name must be a RAM user name`},
		"name too long":            {"FP-0123456789ABCDEF", "1", strings.Repeat("a", 65), "user_name", `user_name must be a RAM user name`},
		"id not a number":          {"FP-0123456789ABCDEF", "alice", "alice", "user_id", `user_id must be a RAM user ID: digits only`},
		"bad project":              {"P-1", "1", "alice", "project_id", `project_id must be an id starting with "FP-"`},
	}
	rows := make(map[string]acctest.ValidationCase, len(cases))
	for name, tc := range cases {
		rows[name] = acctest.ValidationCase{
			Config: acctest.Config{"project_id": tc.project, "user_id": tc.id, "user_name": tc.name},
			Path:   tc.path, Want: acctest.ErrorRegexp(tc.want),
		}
	}
	acctest.RunValidationCases(t, acctest.KindResource, "emrflow_project_user", rows)
}
