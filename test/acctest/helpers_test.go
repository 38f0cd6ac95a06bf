package acctest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestErrorRegexp(t *testing.T) {
	re := ErrorRegexp(`Invalid import ID.*is not a RAM user name`)
	if !re.MatchString("Error: Invalid import\n  ID: \"x\" is not a RAM\nuser name") {
		t.Errorf("%s does not match across line breaks", re)
	}
	if re.MatchString("Invalid import ID: fine") {
		t.Errorf("%s matches what it should not", re)
	}
}

func TestImportIDFunc(t *testing.T) {
	state := &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{
			"emrflow_project_user.a": {Type: "emrflow_project_user", Primary: &terraform.InstanceState{
				ID: "alice", Attributes: map[string]string{"project_id": "FP-1", "user_name": "alice"}}},
		},
	}}}
	id, err := ImportIDFunc("emrflow_project_user.a", "project_id", "user_name")(state)
	if err != nil || id != "FP-1:alice" {
		t.Errorf("got %q, %v; want FP-1:alice", id, err)
	}
	if _, err := ImportIDFunc("emrflow_project_user.b", "project_id")(state); err == nil {
		t.Error("a resource not in state gave no error")
	}
}
