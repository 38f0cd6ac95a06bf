package validate

import (
	"strings"
	"testing"
)

func TestEpochMillisProblem(t *testing.T) {
	cases := map[string]struct {
		v    int64
		want []string // "" = accepted
	}{
		"seconds of 2026":          {1767196800, []string{"start_schedule is 1767196800", "1970-01-21T10:53:16Z", "seconds (2025-12-31T16:00:00Z)", "write 1767196800000", `provider::emrflow::epoch_ms("2025-12-31T16:00:00Z")`}},
		"milliseconds of 2026":     {1767196800000, nil},
		"lowest accepted":          {MinEpochMillis, nil},
		"just below":               {MinEpochMillis - 1, []string{"It looks like seconds"}},
		"zero":                     {0, []string{"not a time after 1973", "provider::emrflow::epoch_ms"}},
		"negative":                 {-5, []string{"not a time after 1973"}},
		"seconds far in future ok": {99_999_999_999_999, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := EpochMillisProblem("start_schedule", tc.v)
			if len(tc.want) == 0 {
				if got != "" {
					t.Fatalf("refused %d: %s", tc.v, got)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("message %q lacks %q", got, w)
				}
			}
		})
	}
}
