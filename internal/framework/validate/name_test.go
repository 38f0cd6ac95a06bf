package validate_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestObjectName(t *testing.T) {
	t.Parallel()
	cases := []nameCase{
		{"null", types.StringNull(), ""},
		{"unknown", types.StringUnknown(), ""},
		{"ascii", types.StringValue("extract_orders"), ""},
		{"inner blanks", types.StringValue("daily extract"), ""},
		{"chinese", types.StringValue("数据抽取"), ""},
		{"at the limit in runes", types.StringValue(strings.Repeat("数", 16)), ""},
		{"over the limit", types.StringValue(strings.Repeat("a", 17)), "at most 16 characters, got 17"},
		{"empty", types.StringValue(""), "must not be empty"},
		{"leading blank", types.StringValue(" a"), "must not start or end with a blank"},
		{"trailing tab", types.StringValue("a\t"), "must not start or end with a blank"},
		{"newline inside", types.StringValue("a\nb"), "control characters"},
		{"invalid utf-8", types.StringValue("a\xffb"), "valid UTF-8"},
	}
	runNameCases(t, validate.ObjectName(16), cases)
}

type nameCase struct {
	name    string
	value   types.String
	wantErr string // "" = valid
}

// runNameCases checks each value: valid, or one error whose detail holds wantErr.
func runNameCases(t *testing.T, v validator.String, cases []nameCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs, _ := runString(t, v, tc.value)
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

func TestNameShape(t *testing.T) {
	t.Parallel()
	const rule = "Attribute attr must not start or end with a blank and must not hold control characters, got: "
	runNameCases(t, validate.NameShape(), []nameCase{
		{"null", types.StringNull(), ""},
		{"unknown", types.StringUnknown(), ""},
		{"ascii", types.StringValue("etl project"), ""},
		{"chinese", types.StringValue("数据项目"), ""},
		{"long is not its business", types.StringValue(strings.Repeat("a", 500)), ""},
		{"empty", types.StringValue(""), rule},
		{"trailing blank", types.StringValue("trailing "), rule + "trailing "},
		{"leading tab", types.StringValue("\tx"), rule},
		{"control inside", types.StringValue("a\x01b"), rule},
	})
}
