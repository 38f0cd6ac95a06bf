package validate

import (
	"strings"
	"testing"

	"github.com/gorhill/cronexpr"
)

// TestPlainItemsParse: every item plainItem lets ParseQuartzCron skip is one the parser library
// accepts in that field, so that skipping its parse never changes a verdict.
func TestPlainItemsParse(t *testing.T) {
	for field := range cronFieldNames {
		for _, item := range []string{"*", "?", "0", "1", "L", "MON"} {
			if !plainItem(field, item) {
				continue
			}
			probe := [7]string{"0", "0", "0", "*", "*", "?", "*"}
			probe[field] = item
			if _, err := cronexpr.Parse(strings.Join(probe[:], " ")); err != nil {
				t.Errorf("%s item %q: skipped, but the library refuses it: %v", cronFieldNames[field], item, err)
			}
		}
	}
	for _, tc := range []struct {
		field int
		item  string
	}{{fieldDayOfMonth, "0"}, {0, "?"}, {6, "0"}, {fieldDayOfWeek, "0"}} {
		if plainItem(tc.field, tc.item) {
			t.Errorf("%s item %q is plain, but the library may refuse it there", cronFieldNames[tc.field], tc.item)
		}
	}
}
