package flex_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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

func TestInt64OrNull(t *testing.T) {
	cases := map[int64]types.Int64{
		0:             types.Int64Null(),
		1:             types.Int64Value(1),
		-1:            types.Int64Value(-1),
		1538017814000: types.Int64Value(1538017814000),
	}
	for in, want := range cases {
		if got := flex.Int64OrNull(in); !got.Equal(want) {
			t.Errorf("Int64OrNull(%d) = %v, want %v", in, got, want)
		}
	}
}

func TestKnown(t *testing.T) {
	cases := []struct {
		v    attr.Value
		want bool
	}{
		{types.StringNull(), false},
		{types.StringUnknown(), false},
		{types.StringValue(""), true},
		{types.SetUnknown(types.StringType), false},
		{types.SetValueMust(types.StringType, nil), true},
		{types.Int64Value(0), true},
	}
	for _, tc := range cases {
		if got := flex.Known(tc.v); got != tc.want {
			t.Errorf("Known(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestKnownFloat(t *testing.T) {
	if p := flex.KnownFloat(types.Float64Null()); p != nil {
		t.Errorf("null: %v, want nil", *p)
	}
	if p := flex.KnownFloat(types.Float64Unknown()); p != nil {
		t.Errorf("unknown: %v, want nil (not a pointer to 0)", *p)
	}
	for _, f := range []float64{0, -12.5, 300} {
		if p := flex.KnownFloat(types.Float64Value(f)); p == nil || *p != f {
			t.Errorf("KnownFloat(%v) = %v", f, p)
		}
	}
}

func TestExpandStringSet(t *testing.T) {
	ctx := context.Background()
	for name, set := range map[string]types.Set{
		"null":    types.SetNull(types.StringType),
		"unknown": types.SetUnknown(types.StringType),
	} {
		if got, diags := flex.ExpandStringSet(ctx, set); got != nil || diags.HasError() {
			t.Errorf("%s: %v %v, want nil", name, got, diags)
		}
	}
	set := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("F-B"), types.StringValue("F-C"), types.StringValue("F-A")})
	got, diags := flex.ExpandStringSet(ctx, set)
	if diags.HasError() || !slices.Equal(got, []string{"F-A", "F-B", "F-C"}) {
		t.Errorf("got %v %v, want the strings sorted", got, diags)
	}
	empty, diags := flex.ExpandStringSet(ctx, types.SetValueMust(types.StringType, []attr.Value{}))
	if diags.HasError() || len(empty) != 0 {
		t.Errorf("empty set: %v %v", empty, diags)
	}
}

func TestFlattenStringSet(t *testing.T) {
	for _, items := range [][]string{nil, {}} {
		if got, diags := flex.FlattenStringSet(items); !got.IsNull() || diags.HasError() {
			t.Errorf("%#v: %v %v, want null", items, got, diags)
		}
	}
	got, diags := flex.FlattenStringSet([]string{"b", "a"})
	want := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")})
	if diags.HasError() || !got.Equal(want) {
		t.Errorf("got %v %v, want %v", got, diags, want)
	}
}
