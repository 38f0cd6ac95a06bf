package flex_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
)

func TestStringOrNull(t *testing.T) {
	cases := map[string]types.String{
		"":      types.StringNull(),
		"FC-1":  types.StringValue("FC-1"),
		" ":     types.StringValue(" "),
		"false": types.StringValue("false"),
	}
	for in, want := range cases {
		if got := flex.StringOrNull(in); !got.Equal(want) {
			t.Errorf("StringOrNull(%q) = %v, want %v", in, got, want)
		}
	}
}
