package validate_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestRegexp(t *testing.T) {
	cases := map[string]struct {
		value   types.String
		wantErr bool
	}{
		"null":          {types.StringNull(), false},
		"unknown":       {types.StringUnknown(), false},
		"plain":         {types.StringValue("^etl-"), false},
		"alternation":   {types.StringValue("^(dev|prod)-.*$"), false},
		"unclosed":      {types.StringValue("(dev"), true},
		"bad repeat":    {types.StringValue("a**"), true},
		"perl lookahed": {types.StringValue("(?=x)"), true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			errs, _ := runString(t, validate.Regexp(), tc.value)
			if got := len(errs) > 0; got != tc.wantErr {
				t.Errorf("error = %v (%v), want error %v", got, errs, tc.wantErr)
			}
		})
	}
}
