package sentence

import "testing"

func TestEnd(t *testing.T) {
	for in, want := range map[string]string{
		`region "x" is not a region of EMR; did you mean "y"?`: `region "x" is not a region of EMR; did you mean "y"?`,
		"no period":       "no period.",
		"has one.":        "has one.",
		"wow!":            "wow!",
		"trailing space ": "trailing space.",
	} {
		if got := End(in); got != want {
			t.Errorf("End(%q) = %q, want %q", in, got, want)
		}
	}
}
