package validate

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCronNextFire(t *testing.T) {
	from := utc("2026-01-01T00:00:00Z") // a Thursday
	cases := map[string]string{
		"0 0 2 * * ?":        "2026-01-01T02:00:00Z",
		"0 0 0-23/1 * * ?":   "2026-01-01T00:00:00Z", // at the start itself
		"0 30 2 ? * MON-FRI": "2026-01-01T02:30:00Z",
		"0 0 12 ? * 2":       "2026-01-05T12:00:00Z", // Quartz 2 is Monday
		"0 0 12 ? * 1":       "2026-01-04T12:00:00Z", // Quartz 1 is Sunday
		"0 0 12 ? * 7":       "2026-01-03T12:00:00Z", // Quartz 7 is Saturday
		"0 0 12 ? * 2-3":     "2026-01-05T12:00:00Z",
		"0 0 12 ? * 6#2":     "2026-01-09T12:00:00Z", // the second Friday
		"0 0 12 29 2 ?":      "2028-02-29T12:00:00Z",
		"0 0 0 L-3 * ?":      "2026-01-31T00:00:00Z", // mapped to L: the same month
		"0 0 0 1 1 ? 2030":   "2030-01-01T00:00:00Z",
	}
	for expr, want := range cases {
		got, err := CronNextFire(expr, from)
		if err != nil || !got.Equal(utc(want)) {
			t.Errorf("CronNextFire(%q) = %s, %v; want %s", expr, got, err, want)
		}
	}
	for _, never := range []string{"0 0 2 31 2 ?", "0 0 2 30 2 ?", "0 0 0 31 4 ?", "0 0 0 1 1 ? 2020"} {
		if got, err := CronNextFire(never, from); err != nil || !got.IsZero() {
			t.Errorf("CronNextFire(%q) = %s, %v; want never", never, got, err)
		}
	}
}

func TestCronNeverFires(t *testing.T) {
	now := utc("2026-06-01T00:00:00Z")
	if msg := CronNeverFires("0 0 2 31 2 ?", now); !strings.Contains(msg, `"0 0 2 31 2 ?" never fires`) {
		t.Errorf("31 February: %q", msg)
	}
	for _, fires := range []string{"0 0 2 * * ?", "0 0 12 29 2 ?", "not a cron"} {
		if msg := CronNeverFires(fires, now); msg != "" {
			t.Errorf("%q: %q", fires, msg)
		}
	}
}

func TestCronWindowWarning(t *testing.T) {
	start := utc("2026-01-01T00:00:00Z")
	cases := []struct {
		expr string
		end  time.Time
		warn bool
	}{
		{"0 0 2 * * ?", time.Time{}, false},                      // no end
		{"0 0 2 * * ?", utc("2026-01-02T00:00:00Z"), false},      // fires on the first day
		{"0 0 0 1 7 ?", utc("2026-03-01T00:00:00Z"), true},       // 1 July, window ends in March
		{"0 0 0 1 7 ?", utc("2026-07-02T00:00:00Z"), false},      // the window holds 1 July
		{"0 0 2 31 2 ?", utc("2026-03-01T00:00:00Z"), false},     // never at all: CronNeverFires' case
		{"0 0 20 * * ?", utc("2026-01-01T08:00:00Z"), false},     // 20:00 is within the window at UTC-12
		{"0 0 12 ? * 2", utc("2026-01-03T00:00:00Z"), true},      // next Monday is after the window
		{"0 0 0 1 7 ?", utc("2025-01-01T00:00:00Z"), false},      // end before start: another error
		{"0 0 0 1 1 ? 2027", utc("2026-12-31T00:00:00Z"), true},  // the one year is after the window
		{"0 0 0 1 1 ? 2027", utc("2027-01-01T12:00:00Z"), false}, // held by the window
		{"not a cron", utc("2026-01-02T00:00:00Z"), false},       // its validator reports it
		{"0 0 2 * * ?", start.Add(time.Millisecond), false},      // within 14 h of 02:00, some zone has it
	}
	for _, tc := range cases {
		msg := CronWindowWarning(tc.expr, start, tc.end)
		if (msg != "") != tc.warn {
			t.Errorf("CronWindowWarning(%q, end %s) = %q, want warning %v", tc.expr, tc.end, msg, tc.warn)
		}
	}
	msg := CronWindowWarning("0 0 0 1 7 ?", start, utc("2026-03-01T00:00:00Z"))
	for _, want := range []string{"start_schedule (2026-01-01T00:00:00Z)", "end_schedule (2026-03-01T00:00:00Z)", "2026-07-01 00:00:00"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// TestQuartzCronWarnsNeverFires: the cron_expr validator warns (not errors) on its own path.
func TestQuartzCronWarnsNeverFires(t *testing.T) {
	p := path.Root("cron_expr")
	for expr, warns := range map[string]int{"0 0 2 31 2 ?": 1, "0 0 2 * * ?": 0} {
		resp := &validator.StringResponse{}
		QuartzCron().ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: types.StringValue(expr)}, resp)
		if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != warns {
			t.Errorf("%q: %v", expr, resp.Diagnostics)
		}
		for _, d := range resp.Diagnostics {
			if wp, ok := d.(interface{ Path() path.Path }); !ok || !wp.Path().Equal(p) {
				t.Errorf("%q: warning not on cron_expr: %v", expr, d)
			}
		}
	}
}
