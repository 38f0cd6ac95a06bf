package emulator

import (
	"testing"
	"time"
)

func TestCronNext(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, scheduleZone)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct{ expr, from, want string }{
		{"0 0 0-23/1 * * ?", "2024-03-01 10:15:00", "2024-03-01 11:00:00"},
		{"0 * * * * ?", "2024-03-01 10:15:00", "2024-03-01 10:16:00"},
		{"*/20 * * * * ?", "2024-03-01 10:15:41", "2024-03-01 10:16:00"},
		{"0 30 9 ? * MON-FRI", "2024-03-01 10:00:00", "2024-03-04 09:30:00"}, // Friday after 9:30 -> Monday
		{"0 0 12 1 JAN ? 2030", "2024-03-01 00:00:00", "2030-01-01 12:00:00"},
		{"0 15,45 8 L * ?", "2024-03-01 00:00:00", ""}, // L is not supported: never fires
		{"0 0 0 29 2 ?", "2023-03-01 00:00:00", "2024-02-29 00:00:00"},
	} {
		c, err := parseCron(tc.expr)
		if tc.want == "" {
			if err == nil {
				if _, ok := c.next(at(tc.from)); ok {
					t.Errorf("%s: fired", tc.expr)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		got, ok := c.next(at(tc.from))
		if !ok || !got.Equal(at(tc.want)) {
			t.Errorf("%s after %s: %v (%v), want %s", tc.expr, tc.from, got.In(scheduleZone), ok, tc.want)
		}
	}
	for _, bad := range []string{"* * *", "61 * * * * ?", "0 0 25 * * ?", "0 0 0 * FOO ?", "0 */0 * * * ?"} {
		if _, err := parseCron(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}
