package validate_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestIDPrefix(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		prefixes []string
		value    types.String
		wantErr  string
	}{
		{"null", []string{"FP-"}, types.StringNull(), ""},
		{"unknown", []string{"FP-"}, types.StringUnknown(), ""},
		{"project", []string{"FP-"}, types.StringValue("FP-257A173659F5"), ""},
		{"lower case hex", []string{"F-"}, types.StringValue("F-7a39731fe719"), ""},
		{"second prefix", []string{"C-", "CT-"}, types.StringValue("CT-0000000000000001"), ""},
		{"wrong prefix", []string{"FP-"}, types.StringValue("F-257A173659F5"), `starting with "FP-"`},
		{"flow is not project", []string{"F-"}, types.StringValue("FP-257A173659F5"), `starting with "F-"`},
		{"template is not cluster", []string{"C-"}, types.StringValue("CT-1"), `"C-"`},
		{"prefix only", []string{"FJ-"}, types.StringValue("FJ-"), `got "FJ-"`},
		{"masked", []string{"F-"}, types.StringValue("F-7A39****"), "letters and digits"},
		{"both listed", []string{"C-", "CT-"}, types.StringValue("X-1"), `"C-" or "CT-"`},
		{"empty", []string{"FC-"}, types.StringValue(""), `got ""`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, validate.IDPrefix(tc.prefixes[0], tc.prefixes[1:]...), tc.value)
			if tc.wantErr == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors %q", errs)
				}
				return
			}
			if len(errs) != 1 || !strings.Contains(errs[0], tc.wantErr) {
				t.Fatalf("errors = %q, want one containing %q", errs, tc.wantErr)
			}
		})
	}
}

func TestAlertEventID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		value    types.String
		wantErr  bool
		wantWarn bool
	}{
		{"null", types.StringNull(), false, false},
		{"unknown", types.StringUnknown(), false, false},
		{"flow failed", types.StringValue(validate.EventFlowFailed), false, false},
		{"flow succeeded", types.StringValue(validate.EventFlowSucceeded), false, false},
		{"node failed", types.StringValue(validate.EventNodeFailed), false, false},
		{"undocumented", types.StringValue("EMR-123456789"), false, true},
		{"short", types.StringValue("EMR-21040100"), true, false},
		{"lower case", types.StringValue("emr-210401001"), true, false},
		{"letters", types.StringValue("EMR-21040100X"), true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, warns := runString(t, validate.AlertEventID(), tc.value)
			if (len(errs) > 0) != tc.wantErr || (len(warns) > 0) != tc.wantWarn {
				t.Fatalf("errors %q, warnings %q; want error %v, warning %v", errs, warns, tc.wantErr, tc.wantWarn)
			}
			for _, d := range append(errs, warns...) {
				if !strings.Contains(d, validate.EventNodeFailed) {
					t.Fatalf("diagnostic %q does not list the valid event ids", d)
				}
			}
		})
	}
}
