package validate_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestRegion(t *testing.T) {
	cases := map[string]struct {
		value types.String
		want  string // "" = valid; else a fragment of the error
	}{
		"known":                     {types.StringValue("cn-hangzhou"), ""},
		"known, finance":            {types.StringValue("cn-shanghai-finance-1"), ""},
		"known, endpoint data only": {types.StringValue("eu-central-1"), ""},
		"null":                      {types.StringNull(), ""},
		"unknown":                   {types.StringUnknown(), ""},
		"typo":                      {types.StringValue("cn-hangzou"), `did you mean "cn-hangzhou"?`},
		"transposed":                {types.StringValue("cn-shagnhai"), `did you mean "cn-shanghai"?`},
		"wrong digit":               {types.StringValue("ap-southeast-9"), `did you mean "ap-southeast-`},
		"far off":                   {types.StringValue("mars-north-1"), "the regions the Alibaba Cloud SDK knows for EMR are ap-northeast-1, "},
		"bad shape":                 {types.StringValue("Hangzhou"), "is not a region ID"},
		"empty":                     {types.StringValue(""), "region is empty"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			req := validator.StringRequest{Path: path.Root("region"), ConfigValue: tc.value}
			var resp validator.StringResponse
			validate.Region().ValidateString(t.Context(), req, &resp)
			if tc.want == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("want valid, got %v", resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatalf("want an error containing %q, got none", tc.want)
			}
			d := resp.Diagnostics.Errors()[0]
			if d.Summary() != "Invalid region" || !strings.Contains(d.Detail(), tc.want) || !strings.HasPrefix(d.Detail(), "region: ") {
				t.Fatalf("got %q: %q, want %q in the detail", d.Summary(), d.Detail(), tc.want)
			}
			if strings.HasSuffix(d.Detail(), "?.") {
				t.Errorf("the detail ends in a question and a period: %q", d.Detail())
			}
		})
	}
}
