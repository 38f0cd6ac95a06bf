package flex_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
)

func TestInt64OrNull(t *testing.T) {
	cases := map[int64]types.Int64{
		0:             types.Int64Null(),
		1:             types.Int64Value(1),
		-1:            types.Int64Value(-1),
		1733356800000: types.Int64Value(1733356800000),
	}
	for in, want := range cases {
		if got := flex.Int64OrNull(in); !got.Equal(want) {
			t.Errorf("Int64OrNull(%d) = %v, want %v", in, got, want)
		}
	}
}
