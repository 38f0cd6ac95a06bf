// Package flex holds the small conversions between API values and framework values that every
// resource needs, so that each is written once.
package flex

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringOrNull maps the API's empty string (the field is unset) to null, which is what an unset
// optional attribute holds in the configuration, so that reading it back makes no diff.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Int64OrNull maps the API's 0 (the field is unset) to null, as StringOrNull does for strings.
// Only for attributes whose schema rejects 0, so that 0 never means anything but unset.
func Int64OrNull(v int64) types.Int64 {
	if v == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}

// Known reports whether a value is neither null nor unknown: whether a plan-time check can look
// at it now.
func Known(v attr.Value) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// KnownFloat returns a pointer to the value, nil when it is null or unknown (the framework's
// ValueFloat64Pointer gives a pointer to 0 for unknown).
func KnownFloat(v types.Float64) *float64 {
	if !Known(v) {
		return nil
	}
	f := v.ValueFloat64()
	return &f
}

// ExpandStringSet returns the strings of a set, sorted, so that the same set always gives the same
// API input; nil for a null or unknown set.
func ExpandStringSet(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	if !Known(set) {
		return nil, nil
	}
	var out []string
	diags := set.ElementsAs(ctx, &out, false)
	slices.Sort(out)
	return out, diags
}

// FlattenStringSet returns a set of the strings; null when there are none, which is what an unset
// optional set attribute holds.
func FlattenStringSet(items []string) (types.Set, diag.Diagnostics) {
	if len(items) == 0 {
		return types.SetNull(types.StringType), nil
	}
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return types.SetValue(types.StringType, elems)
}
