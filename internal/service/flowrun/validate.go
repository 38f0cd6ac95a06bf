package flowrun

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var pathTimeout = path.Root("timeout")

// positiveDuration accepts a positive Go duration ("90s", "30m", "1h30m").
func positiveDuration() validator.String {
	return validate.StringRule("must be a positive duration such as 90s, 30m or 2h", func(p path.Path, v string, diags *diag.Diagnostics) {
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			diags.AddAttributeError(p, "Invalid duration", durationHint(v))
		}
	})
}

func durationHint(v string) string {
	return fmt.Sprintf("%q is not a positive duration: write a number with a unit, such as 90s, 30m or 2h "+
		"(units: ms, s, m, h).", v)
}
