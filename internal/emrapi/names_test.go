package emrapi

import (
	"slices"
	"testing"
)

func TestNamedExactly(t *testing.T) {
	flows := []Flow{{ID: "F-1", Name: "daily"}, {ID: "F-2", Name: "daily-backfill"}, {ID: "F-3", Name: "Daily"}, {ID: "F-4", Name: "daily"}}
	var ids []string
	for _, f := range NamedExactly(flows, "daily", func(f *Flow) string { return f.Name }) {
		ids = append(ids, f.ID)
	}
	if !slices.Equal(ids, []string{"F-1", "F-4"}) {
		t.Errorf("NamedExactly(daily) = %v, want [F-1 F-4]", ids)
	}
	if got := NamedExactly(flows, "weekly", func(f *Flow) string { return f.Name }); got != nil {
		t.Errorf("NamedExactly(weekly) = %v, want none", got)
	}
}
