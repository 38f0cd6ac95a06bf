package functions

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestEpochMs(t *testing.T) {
	cases := map[string]int64{
		"2026-01-01T00:00:00Z":          1767225600000,
		"2026-01-01T02:00:00+08:00":     1767204000000,
		"1970-01-01T00:00:00Z":          0,
		"1969-12-31T23:59:59Z":          -1000,
		"2018-09-27T03:10:14Z":          1538017814000, // the CreateFlowForWeb page's start_schedule
		"2026-01-01T00:00:00.1239Z":     1767225600123, // truncated to the millisecond
		"2026-06-30T12:00:00-05:00":     1782838800000,
		"2026-03-29T01:30:00.000+00:00": 1774747800000,
	}
	for in, want := range cases {
		got, err := EpochMs(in)
		if err != nil || got != want {
			t.Errorf("EpochMs(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestEpochMsErrors(t *testing.T) {
	cases := map[string]string{
		"2026-01-01T02:00:00":       "(it has no time zone)",
		"2026-01-01 02:00:00+08:00": `a space separates`,
		"2026-01-01":                "(it has no time)",
		"1767225600000":             "is not an RFC 3339 timestamp",
		"":                          "is not an RFC 3339 timestamp",
		"2026-02-30T00:00:00Z":      "is not an RFC 3339 timestamp",
	}
	for in, want := range cases {
		_, err := EpochMs(in)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "2026-01-01T02:00:00+08:00") {
			t.Errorf("EpochMs(%q): %v, want an error with %q and the expected form", in, err, want)
		}
	}
}

// TestEpochMsRun: through the framework's function interface, a result and an argument error.
func TestEpochMsRun(t *testing.T) {
	run := func(arg string) function.RunResponse {
		resp := function.RunResponse{Result: function.NewResultData(types.Int64Unknown())}
		NewEpochMs().Run(context.Background(), function.RunRequest{
			Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(arg)}),
		}, &resp)
		return resp
	}
	ok := run("2026-01-01T02:00:00+08:00")
	if ok.Error != nil || !ok.Result.Value().Equal(types.Int64Value(1767204000000)) {
		t.Errorf("got %v, %v", ok.Result.Value(), ok.Error)
	}
	bad := run("tomorrow")
	if bad.Error == nil || bad.Error.FunctionArgument == nil || *bad.Error.FunctionArgument != 0 {
		t.Errorf("want an error on argument 0, got %+v", bad.Error)
	}
}
