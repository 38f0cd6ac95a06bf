// Package flex holds the small conversions between API values and framework values that every
// resource needs, so that each is written once.
package flex

import "github.com/hashicorp/terraform-plugin-framework/types"

// StringOrNull maps the API's empty string (the field is unset) to null, which is what an unset
// optional attribute holds in the configuration, so that reading it back makes no diff.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
