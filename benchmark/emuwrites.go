package benchmark

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// EmulatorWriteRow is the create rate of the emulator in one case of BenchmarkCreateProject
// (internal/emulator): the state's size, memory or a -data file, one client or ten.
type EmulatorWriteRow struct {
	Case          string    // "objects=10000/data/parallel"
	CreatesPerSec []float64 // one per run
}

// emulatorWritesBench is the Go benchmark the section runs.
const emulatorWritesBench = "BenchmarkCreateProject"

// EmulatorWrites runs the emulator's create benchmark (in-process server over loopback, the
// official SDK client) EmulatorWritesCount times and collects its creates/s metric per case.
func (r *Runner) EmulatorWrites(ctx context.Context) ([]EmulatorWriteRow, error) {
	out, err := r.goBench(ctx, "-bench", "^"+emulatorWritesBench+"$", "-benchtime", r.cfg.EmulatorWritesTime,
		"-count", strconv.Itoa(r.cfg.EmulatorWritesCount), "./internal/emulator/")
	if err != nil {
		return nil, err
	}
	return ParseEmulatorWrites(out)
}

// ParseEmulatorWrites reads the creates/s metric of each case from `go test -bench` output, cases
// in order of first appearance.
func ParseEmulatorWrites(r io.Reader) ([]EmulatorWriteRow, error) {
	var rows []EmulatorWriteRow
	index := map[string]int{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		name, sub, _ := strings.Cut(procsSuffix.ReplaceAllString(m[1], ""), "/")
		if "Benchmark"+name != emulatorWritesBench || sub == "" {
			continue
		}
		fields := strings.Fields(m[3])
		for i := 0; i+1 < len(fields); i += 2 {
			if fields[i+1] != "creates/s" {
				continue
			}
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark line %q: %w", sc.Text(), err)
			}
			k, ok := index[sub]
			if !ok {
				k = len(rows)
				index[sub] = k
				rows = append(rows, EmulatorWriteRow{Case: sub})
			}
			rows[k].CreatesPerSec = append(rows[k].CreatesPerSec, v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading benchmark output: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no %s result with a creates/s metric in the output", emulatorWritesBench)
	}
	return rows, nil
}
