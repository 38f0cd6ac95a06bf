package validate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestParseQuartzCron(t *testing.T) {
	t.Parallel()
	cases := []struct {
		expr    string
		wantErr string // "" = valid; else a substring of the error
	}{
		{"0 0 0-23/1 * * ?", ""},
		{"0 0 12 ? * MON-FRI", ""},
		{"0 0 12 ? * mon-fri", ""},
		{"0 30 2 ? * 2-6 2030", ""},
		{"0 15 10 ? * 6L", ""},
		{"0 15 10 ? * 6#3", ""},
		{"0 15 10 ? * L", ""},
		{"0 15 10 L * ?", ""},
		{"0 15 10 L-3 * ?", ""},
		{"0 15 10 15W * ?", ""},
		{"0 15 10 LW * ?", ""},
		{"0 0/5 14,18 * * ?", ""},
		{"0 0 12 1/5 * ?", ""},
		{"0 11 11 11 11 ?", ""},
		{"0 0 0 ? * 1,7", ""},
		{"0 0 0 * JAN-DEC ? *", ""},
		{"  0  0 0 * * ?  ", ""},

		{"", "expected 6 or 7 fields, got 0"},
		{"0 0 * * *", "expected 6 or 7 fields, got 5"},
		{"0 0 0 * * ? * 1", "expected 6 or 7 fields, got 8"},
		{"@hourly", "expected 6 or 7 fields, got 1"},
		{"0 0 0 * * *", `Quartz needs "?" in exactly one`},
		{"0 0 0 1 * 2", `Quartz needs "?" in exactly one`},
		{"0 0 0 ? * ?", `both "?"`},
		{"? 0 0 * * ?", `"?" is only allowed alone`},
		{"0 0 0 1,? * ?", `"?" is only allowed alone`},
		{"60 0 0 * * ?", "the seconds field"},
		{"0 60 0 * * ?", "the minutes field"},
		{"0 0 25 * * ?", "the hours field"},
		{"0 0 0 32 * ?", "the day-of-month field"},
		{"0 0 0 * 13 ?", "the month field"},
		{"0 0 0 ? * 8", "the day-of-week field"},
		{"0 0 0 ? * 0", "0 is not a day"},
		{"0 0 0 ? * 0-5", "0 is not a day"},
		{"0 0 0 ? * SUN#6", "the day-of-week field"},
		{"0 0 0 ? * abc", "the day-of-week field"},
		{"0 0 0 * * ? 1969", "the year field"},
		{"*,abc 0 0 * * ?", `"ABC" is not valid`},
		{"0 */0 0 * * ?", "the minutes field"},
		{"0 0 0 L-31 * ?", "offset from the last day"},
		{"x 0 0 * * ?", "the seconds field"},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			t.Parallel()
			err := validate.ParseQuartzCron(tc.expr)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("ParseQuartzCron(%q) = %v, want nil", tc.expr, err)
			case tc.wantErr != "" && err == nil:
				t.Fatalf("ParseQuartzCron(%q) = nil, want an error containing %q", tc.expr, tc.wantErr)
			case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
				t.Fatalf("ParseQuartzCron(%q) = %q, want it to contain %q", tc.expr, err, tc.wantErr)
			}
		})
	}
}

// runString runs a string validator on one value and returns its diagnostics' summaries and
// details, and whether there were errors and warnings.
func runString(t *testing.T, v validator.String, value types.String) (errs, warns []string) {
	t.Helper()
	req := validator.StringRequest{Path: path.Root("attr"), ConfigValue: value}
	var resp validator.StringResponse
	v.ValidateString(context.Background(), req, &resp)
	for _, d := range resp.Diagnostics.Errors() {
		errs = append(errs, d.Detail())
	}
	for _, d := range resp.Diagnostics.Warnings() {
		warns = append(warns, d.Detail())
	}
	return errs, warns
}

func TestQuartzCronValidator(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		value   types.String
		wantErr bool
	}{
		{"null", types.StringNull(), false},
		{"unknown", types.StringUnknown(), false},
		{"valid", types.StringValue("0 0 0-23/1 * * ?"), false},
		{"invalid", types.StringValue("* * * * *"), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, validate.QuartzCron(), tc.value)
			if got := len(errs) > 0; got != tc.wantErr {
				t.Fatalf("errors = %q, want error: %v", errs, tc.wantErr)
			}
			if tc.wantErr && !strings.Contains(errs[0], "6 or 7 fields") {
				t.Fatalf("error %q does not say what is valid", errs[0])
			}
		})
	}
}
