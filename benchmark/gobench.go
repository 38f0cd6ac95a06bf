package benchmark

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// GoBench is one line of `go test -bench -benchmem` output.
type GoBench struct {
	Name        string // top-level benchmark, without "Benchmark": "Decode"
	Size        int    // the nodes=N of the sub-benchmark, 0 when there is none
	Iterations  int64
	NsPerOp     float64
	BytesPerOp  int64
	AllocsPerOp int64
}

// benchLine matches "BenchmarkName/sub-P   iterations   values...".
var benchLine = regexp.MustCompile(`^Benchmark(\S+)\s+(\d+)\s+(.*)$`)

// procsSuffix is the -GOMAXPROCS suffix of a benchmark name.
var procsSuffix = regexp.MustCompile(`-\d+$`)

var sizeParam = regexp.MustCompile(`(?:^|/)nodes=(\d+)`)

// ParseGoBench reads `go test -bench` output and returns its result lines, in order (repeated
// with -count, a benchmark appears several times). Other lines are skipped.
func ParseGoBench(r io.Reader) ([]GoBench, error) {
	var out []GoBench
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		name, sub, _ := strings.Cut(procsSuffix.ReplaceAllString(m[1], ""), "/")
		b := GoBench{Name: name}
		if s := sizeParam.FindStringSubmatch(sub); s != nil {
			b.Size, _ = strconv.Atoi(s[1])
		}
		var err error
		if b.Iterations, err = strconv.ParseInt(m[2], 10, 64); err != nil {
			return nil, fmt.Errorf("benchmark line %q: %w", sc.Text(), err)
		}
		fields := strings.Fields(m[3])
		for i := 0; i+1 < len(fields); i += 2 {
			v, unit := fields[i], fields[i+1]
			switch unit {
			case "ns/op":
				b.NsPerOp, err = strconv.ParseFloat(v, 64)
			case "B/op":
				b.BytesPerOp, err = strconv.ParseInt(v, 10, 64)
			case "allocs/op":
				b.AllocsPerOp, err = strconv.ParseInt(v, 10, 64)
			}
			if err != nil {
				return nil, fmt.Errorf("benchmark line %q: %s: %w", sc.Text(), unit, err)
			}
		}
		if b.NsPerOp == 0 {
			continue // not a result line (e.g. a name that only looks like one)
		}
		out = append(out, b)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading benchmark output: %w", err)
	}
	return out, nil
}

// GoBenchSummary is the median over repeated runs of one benchmark at one size.
type GoBenchSummary struct {
	Name        string
	Size        int
	Runs        int
	NsPerOp     float64 // median
	BytesPerOp  int64   // of the median run's neighbours: allocation counts do not vary in practice
	AllocsPerOp int64
}

// SummariseGoBench groups results by name and size (in order of first appearance) and takes the
// median ns/op of each group.
func SummariseGoBench(results []GoBench) []GoBenchSummary {
	type key struct {
		name string
		size int
	}
	var order []key
	groups := map[key][]GoBench{}
	for _, r := range results {
		k := key{r.Name, r.Size}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([]GoBenchSummary, 0, len(order))
	for _, k := range order {
		g := groups[k]
		ns := make([]float64, len(g))
		bytes := make([]int64, len(g))
		allocs := make([]int64, len(g))
		for i, r := range g {
			ns[i], bytes[i], allocs[i] = r.NsPerOp, r.BytesPerOp, r.AllocsPerOp
		}
		slices.Sort(bytes)
		slices.Sort(allocs)
		out = append(out, GoBenchSummary{
			Name: k.name, Size: k.size, Runs: len(g), NsPerOp: MedianFloat(ns),
			BytesPerOp: bytes[len(bytes)/2], AllocsPerOp: allocs[len(allocs)/2],
		})
	}
	return out
}
