package flex

import "github.com/hashicorp/terraform-plugin-framework/types"

// Int64OrNull maps the API's zero (a time or count it has not set, e.g. the end of a run that is
// still going) to null, so that "not yet" is not shown as the epoch or as zero.
func Int64OrNull(v int64) types.Int64 {
	if v == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}
