package acctest

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

func TestCheckDestroy(t *testing.T) {
	state := &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{
			"emrflow_job.a":     {Type: "emrflow_job", Primary: &terraform.InstanceState{ID: "FJ-1"}},
			"emrflow_project.p": {Type: "emrflow_project", Primary: &terraform.InstanceState{ID: "FP-1"}},
		},
	}}}
	cases := map[string]struct {
		answer  error
		wantErr string // "" = destroyed
	}{
		"gone":        {answer: &emrapi.NotFoundError{Kind: "job", ID: "FJ-1"}},
		"still there": {answer: nil, wantErr: "emrflow_job FJ-1 still exists"},
		"cannot tell": {answer: errors.New("connection refused"), wantErr: "checking emrflow_job FJ-1: connection refused"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var asked []string
			err := CheckDestroy("emrflow_job", func(rs *terraform.ResourceState) error {
				asked = append(asked, rs.Primary.ID)
				return tc.answer
			})(state)
			if len(asked) != 1 || asked[0] != "FJ-1" {
				t.Errorf("asked about %v, want only FJ-1 (resources of other types are skipped)", asked)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestEmulatorConfigAnswers: EMRFLOW_ACC_ANSWERS picks the shared emulator's answer profile, and an
// unknown one fails the emulator's start with a message naming the profiles.
func TestEmulatorConfigAnswers(t *testing.T) {
	t.Setenv(EnvAnswers, "sparse")
	if got := emulatorConfig().Answers; got != "sparse" {
		t.Errorf("Answers = %q", got)
	}
	if Answers() != "sparse" {
		t.Errorf("Answers() = %q", Answers())
	}
	t.Setenv(EnvAnswers, "")
	if Answers() != "default" {
		t.Errorf("Answers() unset = %q", Answers())
	}
	t.Setenv(EnvAnswers, "chatty")
	if _, err := emulator.New(emulatorConfig()); err == nil || !strings.Contains(err.Error(), "sparse") {
		t.Errorf("unknown profile: %v", err)
	}
}
