package validate

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MinEpochMillis is the lowest time in milliseconds that EpochMillis accepts: 1e11 ms is
// 1973-03-03. Below it a value can only be seconds (1e11 seconds is the year 5138) or a mistake;
// taken as milliseconds, 1767196800 (2025-12-31 in seconds) is January 1970, and the API takes it
// without a word, so a flow would be scheduled from 1970 on.
const MinEpochMillis = 100_000_000_000

// EpochMillis returns a validator for a time in milliseconds since the Unix epoch
// (start_schedule, end_schedule) that refuses values below MinEpochMillis, with the value the
// user probably meant and the function that computes milliseconds from a date.
func EpochMillis() validator.Int64 { return epochMillisValidator{} }

type epochMillisValidator struct{}

func (epochMillisValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be a time in milliseconds since the Unix epoch, at least %d (1973-03-03)", int64(MinEpochMillis))
}

func (v epochMillisValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (epochMillisValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := EpochMillisProblem(req.Path.String(), req.ConfigValue.ValueInt64()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Time not in milliseconds", msg)
	}
}

// EpochMillisProblem says what is wrong with v as the milliseconds of attribute name, or "" when
// nothing is.
func EpochMillisProblem(name string, v int64) string {
	if v >= MinEpochMillis {
		return ""
	}
	asMillis := time.UnixMilli(v).UTC().Format(time.RFC3339)
	if v <= 0 {
		return fmt.Sprintf("%s is %d, which is not a time after 1973: give milliseconds since the Unix epoch, "+
			`e.g. provider::emrflow::epoch_ms("2026-01-01T00:00:00Z") (Terraform >= 1.8) or 1767225600000.`, name, v)
	}
	asSeconds := time.Unix(v, 0).UTC().Format(time.RFC3339)
	return fmt.Sprintf("%s is %d, which in milliseconds since the Unix epoch is %s. It looks like seconds (%s): "+
		"write %d000 for that, or provider::emrflow::epoch_ms(%q) (Terraform >= 1.8), which turns a date into milliseconds.",
		name, v, asMillis, asSeconds, v, asSeconds)
}
