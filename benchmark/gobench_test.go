package benchmark

import (
	"strings"
	"testing"
)

const sampleBench = `goos: linux
goarch: amd64
pkg: github.com/emrflow/terraform-provider-emrflow/internal/graph
cpu: Intel(R) Xeon(R) Processor
BenchmarkDecode/nodes=100-2         	    8032	    146713 ns/op	  91.76 MB/s	   63081 B/op	     622 allocs/op
BenchmarkDecode/nodes=100-2         	    8000	    150000 ns/op	  91.00 MB/s	   63081 B/op	     622 allocs/op
BenchmarkDecode/nodes=100-2         	    8100	    140000 ns/op	  92.00 MB/s	   63081 B/op	     622 allocs/op
BenchmarkDecode/nodes=1000-2        	     792	   1512345 ns/op	  89.10 MB/s	  640000 B/op	    6100 allocs/op
BenchmarkValidateLayout/nodes=10000 	      40	  28000000 ns/op	 5000000 B/op	   40000 allocs/op
BenchmarkPlain-8   	1000000	      1.5 ns/op
--- FAIL: BenchmarkBroken
Benchmarking is fun 12 times
PASS
ok  	github.com/emrflow/terraform-provider-emrflow/internal/graph	12.3s
`

func TestParseGoBench(t *testing.T) {
	got, err := ParseGoBench(strings.NewReader(sampleBench))
	if err != nil {
		t.Fatal(err)
	}
	want := []GoBench{
		{Name: "Decode", Size: 100, Iterations: 8032, NsPerOp: 146713, BytesPerOp: 63081, AllocsPerOp: 622},
		{Name: "Decode", Size: 100, Iterations: 8000, NsPerOp: 150000, BytesPerOp: 63081, AllocsPerOp: 622},
		{Name: "Decode", Size: 100, Iterations: 8100, NsPerOp: 140000, BytesPerOp: 63081, AllocsPerOp: 622},
		{Name: "Decode", Size: 1000, Iterations: 792, NsPerOp: 1512345, BytesPerOp: 640000, AllocsPerOp: 6100},
		{Name: "ValidateLayout", Size: 10000, Iterations: 40, NsPerOp: 28000000, BytesPerOp: 5000000, AllocsPerOp: 40000},
		{Name: "Plain", Size: 0, Iterations: 1000000, NsPerOp: 1.5},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestSummariseGoBench(t *testing.T) {
	results, err := ParseGoBench(strings.NewReader(sampleBench))
	if err != nil {
		t.Fatal(err)
	}
	sums := SummariseGoBench(results)
	want := []GoBenchSummary{
		{Name: "Decode", Size: 100, Runs: 3, NsPerOp: 146713, BytesPerOp: 63081, AllocsPerOp: 622},
		{Name: "Decode", Size: 1000, Runs: 1, NsPerOp: 1512345, BytesPerOp: 640000, AllocsPerOp: 6100},
		{Name: "ValidateLayout", Size: 10000, Runs: 1, NsPerOp: 28000000, BytesPerOp: 5000000, AllocsPerOp: 40000},
		{Name: "Plain", Size: 0, Runs: 1, NsPerOp: 1.5},
	}
	if len(sums) != len(want) {
		t.Fatalf("got %d summaries, want %d: %+v", len(sums), len(want), sums)
	}
	for i := range want {
		if sums[i] != want[i] {
			t.Errorf("summary %d = %+v, want %+v", i, sums[i], want[i])
		}
	}
}
