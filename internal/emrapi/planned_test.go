package emrapi

import (
	"testing"
)

func TestPlannedSettings(t *testing.T) {
	var p plannedSettings
	if k := p.get("FP-1", "C-1"); k != settingUnknown {
		t.Fatalf("empty: %v", k)
	}
	p.note("FP-1", "C-1", settingMissing)
	if k := p.get("FP-1", "C-1"); k != settingMissing {
		t.Fatalf("noted missing: %v", k)
	}
	p.note("FP-1", "C-1", settingPlanned)
	p.note("FP-1", "C-1", settingMissing) // the plan's create wins
	if k := p.get("FP-1", "C-1"); k != settingPlanned {
		t.Fatalf("planned then missing: %v", k)
	}
	if k := p.get("FP-1", "C-2"); k != settingUnknown {
		t.Fatalf("another cluster: %v", k)
	}
}
