// Package functions holds the provider-defined functions (Terraform >= 1.8).
package functions

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*epochMsFunction)(nil)

// NewEpochMs returns provider::emrflow::epoch_ms(rfc3339): the milliseconds since the Unix epoch
// that start_schedule and end_schedule take, from a date a person can write.
func NewEpochMs() function.Function { return &epochMsFunction{} }

type epochMsFunction struct{}

func (f *epochMsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "epoch_ms"
}

func (f *epochMsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Milliseconds since the Unix epoch of an RFC 3339 timestamp",
		MarkdownDescription: "Returns the milliseconds since the Unix epoch (1970-01-01T00:00:00Z) of an RFC 3339 timestamp, " +
			"the unit of `emrflow_flow`'s `start_schedule` and `end_schedule`. The timestamp needs a time zone: an offset " +
			"such as `+08:00` or `Z` for UTC, e.g. `\"2026-01-01T02:00:00+08:00\"`; fractions of a second are kept to the " +
			"millisecond (truncated). Terraform's `timestamp()` and `timeadd()` give values it takes. Needs Terraform 1.8 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "timestamp",
				MarkdownDescription: "An RFC 3339 timestamp with a time zone, e.g. `2026-01-01T02:00:00+08:00` or `2026-01-01T00:00:00Z`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f *epochMsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var ts string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &ts))
	if resp.Error != nil {
		return
	}
	ms, err := EpochMs(ts)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, ms))
}

// EpochMs parses an RFC 3339 timestamp and returns its milliseconds since the Unix epoch. The
// error says what was wrong and shows the expected form.
func EpochMs(ts string) (int64, error) {
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		// Terraform ends the message with a period of its own: none here.
		why := ""
		if _, e := time.Parse("2006-01-02T15:04:05", ts); e == nil {
			why = " (it has no time zone)"
		} else if _, e := time.Parse("2006-01-02 15:04:05Z07:00", ts); e == nil {
			why = ` (a space separates the date and the time, not "T")`
		} else if _, e := time.Parse(time.DateOnly, ts); e == nil {
			why = " (it has no time)"
		}
		return 0, fmt.Errorf("%q is not an RFC 3339 timestamp%s: write it as 2026-01-01T02:00:00+08:00 (date, \"T\", time, "+
			"and a time zone offset or Z for UTC)", ts, why)
	}
	return t.UnixMilli(), nil
}
