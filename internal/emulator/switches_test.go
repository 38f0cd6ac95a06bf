package emulator

import (
	"strings"
	"testing"
)

func TestParseSwitches(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: "", want: nil},
		{in: "async-runs", want: []string{SwitchAsyncRuns}},
		{in: " one-page , server-order ", want: []string{SwitchOnePage, SwitchServerOrder}},
		{in: "async-runs,bogus", wantErr: `unknown switch "bogus"`},
	} {
		got, err := ParseSwitches(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseSwitches(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("ParseSwitches(%q): %v", tc.in, err)
		}
		if len(got) != len(tc.want) {
			t.Errorf("ParseSwitches(%q) = %v, want %v", tc.in, got, tc.want)
		}
		for _, name := range tc.want {
			if !got.on(name) {
				t.Errorf("ParseSwitches(%q): %s is off", tc.in, name)
			}
		}
	}
}
