package main

import "testing"

// TestLinkFrom: the report links to the analysis relative to where it is written.
func TestLinkFrom(t *testing.T) {
	for _, tc := range []struct{ out, target, want string }{
		{"BENCHMARKS.md", "benchmark/ANALYSIS.md", "benchmark/ANALYSIS.md"},
		{"bin/BENCHMARKS.quick.md", "benchmark/ANALYSIS.md", "../benchmark/ANALYSIS.md"},
		{"/tmp/report.md", "benchmark/ANALYSIS.md", "benchmark/ANALYSIS.md"},
	} {
		if got := linkFrom(tc.out, tc.target); got != tc.want {
			t.Errorf("linkFrom(%q, %q) = %q, want %q", tc.out, tc.target, got, tc.want)
		}
	}
}
