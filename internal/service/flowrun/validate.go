package flowrun

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var pathTimeout = path.Root("timeout")

// durationValidator accepts a positive Go duration ("90s", "30m", "1h30m").
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "must be a positive duration such as 90s, 30m or 2h"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", durationHint(req.ConfigValue.ValueString()))
	}
}

func durationHint(v string) string {
	return fmt.Sprintf("%q is not a positive duration: write a number with a unit, such as 90s, 30m or 2h "+
		"(units: ms, s, m, h).", v)
}
