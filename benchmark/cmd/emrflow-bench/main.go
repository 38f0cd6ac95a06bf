// Command emrflow-bench measures the provider through the real Terraform CLI against the emulator
// and writes BENCHMARKS.md (see benchmark). `make bench` runs it.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/benchmark"
)

func main() {
	// Started by Terraform under the provider's name: be the rusage wrapper (see benchmark.RunWrapper).
	if target := os.Getenv(benchmark.WrapTargetEnv); target != "" {
		os.Exit(benchmark.RunWrapper(target, os.Getenv(benchmark.WrapOutputEnv), os.Args[1:]))
	}
	if dir := os.Getenv(profileEnv); dir != "" {
		os.Exit(serveProfiled(dir))
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "emrflow-bench:", err)
		os.Exit(1)
	}
}

func run() error {
	root := flag.String("root", ".", "module root (where go.mod is)")
	out := flag.String("out", "BENCHMARKS.md", "Markdown report to write (relative to -root)")
	sizes := flag.String("sizes", "10,100,500", "flow counts of the scale runs (empty: skip)")
	ratioSizes := flag.String("plan-ratio-sizes", "100,500", "flow counts of the plan-ratio runs against the do-nothing provider (empty: skip)")
	ratioRepeats := flag.Int("plan-ratio-repeats", 5, "plans of each side per plan-ratio size")
	callgrindN := flag.Int("callgrind-n", 20, "flow count of the plan measured in instructions under valgrind (0 or no valgrind on PATH: skip)")
	repeats := flag.Int("repeats", 3, "cycles (create, plan, update, destroy) per size")
	latency := flag.Duration("latency", 20*time.Millisecond, "emulator latency per request")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism")
	jobN := flag.Int("job-economy-n", 100, "flow count of the API-economy run with a JOB node (0: skip)")
	goCount := flag.Int("go-bench-count", 3, "-count of the graph benchmarks (0: skip)")
	bigNodes := flag.Int("big-flow-nodes", 5000, "nodes of the large-graph flow written as graph_json (0: skip)")
	bigTyped := flag.String("big-flow-typed-nodes", "1000,2500,5000", "node counts of the same flow written as the typed graph (empty: skip)")
	startupRuns := flag.Int("startup-runs", 7, "terraform validate runs per configuration (0: skip)")
	throttleCreates := flag.Int("throttle-creates", 200, "creates of the throttled run (0: skip)")
	throttleRPS := flag.Float64("throttle-rps", 20, "request rate of the throttled run")
	writesCount := flag.Int("emulator-writes-count", 3, "runs of the emulator's create benchmark, in memory and with -data (0: skip)")
	writesTime := flag.String("emulator-writes-time", "2s", "-benchtime of each case of the emulator's create benchmark")
	notes := flag.String("notes", "benchmark/ANALYSIS.md", "Markdown appended as the analysis section (relative to -root; empty or missing: none)")
	profileDir := flag.String("profile-dir", "", "serve the provider of the large-flow run under a CPU profile written here (for finding causes; the usage figures are then not measured)")
	flowEnv := flag.String("flow-env", "", "comma-separated NAME=VALUE pairs added to the environment of the flow scale runs (experiments)")
	keep := flag.Bool("keep", false, "keep the scratch directory")
	quick := flag.Bool("quick", false, "a smoke run of every section at small sizes (about 3 minutes), written to bin/BENCHMARKS.quick.md unless -out is given: checks that the bench works, measures nothing worth keeping")
	flag.Parse()
	if *quick {
		set := map[string]bool{}
		flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
		quickDefaults := map[string]string{
			"out": "bin/BENCHMARKS.quick.md", "sizes": "10", "repeats": "1", "plan-ratio-sizes": "10", "plan-ratio-repeats": "1",
			"callgrind-n": "0", "job-economy-n": "10", "go-bench-count": "1", "big-flow-nodes": "200", "big-flow-typed-nodes": "100,200",
			"startup-runs": "1", "throttle-creates": "20", "emulator-writes-count": "1", "emulator-writes-time": "20x",
		}
		for name, v := range quickDefaults {
			if !set[name] {
				if err := flag.Set(name, v); err != nil {
					return fmt.Errorf("-quick: %w", err)
				}
			}
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	absRoot, err := filepath.Abs(*root)
	if err != nil {
		return fmt.Errorf("resolving the root: %w", err)
	}
	ns, err := counts("-sizes", *sizes)
	if err != nil {
		return err
	}
	rs, err := counts("-plan-ratio-sizes", *ratioSizes)
	if err != nil {
		return err
	}
	typedSizes, err := counts("-big-flow-typed-nodes", *bigTyped)
	if err != nil {
		return err
	}
	if *callgrindN > 0 {
		if _, err := exec.LookPath("valgrind"); err != nil {
			fmt.Fprintln(os.Stderr, "emrflow-bench: valgrind is not on PATH: no instruction counts (apt-get install valgrind)")
			*callgrindN = 0
		}
	}
	work, err := os.MkdirTemp("", "emrflow-bench-")
	if err != nil {
		return fmt.Errorf("creating the scratch directory: %w", err)
	}
	if *keep {
		fmt.Fprintln(os.Stderr, "scratch directory:", work)
	} else {
		defer os.RemoveAll(work)
	}

	start := time.Now()
	cfg := benchmark.Config{
		Root: absRoot, WorkDir: work, Sizes: ns, Repeats: *repeats, Latency: *latency, Parallelism: *parallelism,
		JobEconomyN: *jobN, GoBenchCount: *goCount, BigFlowNodes: *bigNodes, BigFlowTypedSizes: typedSizes, StartupRuns: *startupRuns,
		PlanRatioSizes: rs, PlanRatioRepeats: *ratioRepeats, CallgrindN: *callgrindN,
		ThrottleCreates: *throttleCreates, ThrottleRPS: *throttleRPS, Log: os.Stderr,
		EmulatorWritesCount: *writesCount, EmulatorWritesTime: *writesTime,
	}
	if *flowEnv != "" {
		cfg.FlowEnv = strings.Split(*flowEnv, ",")
	}
	if *profileDir != "" {
		dir, err := filepath.Abs(*profileDir)
		if err != nil {
			return fmt.Errorf("-profile-dir: %w", err)
		}
		cfg.ProfileEnv = profileEnv + "=" + dir
	}
	r, err := benchmark.NewRunner(ctx, cfg)
	if err != nil {
		return err
	}
	rep := &benchmark.Report{
		Date: start, Command: "make bench", Machine: r.Machine(ctx), Latency: *latency,
		Parallelism: *parallelism, Repeats: *repeats, GoBenchRuns: *goCount,
	}
	if *startupRuns > 0 {
		if rep.Startup, err = r.Startup(ctx); err != nil {
			return fmt.Errorf("start-up: %w", err)
		}
	}
	if len(rs) > 0 {
		if rep.PlanRatio, err = r.PlanRatio(ctx); err != nil {
			return fmt.Errorf("plan ratio: %w", err)
		}
	}
	if *callgrindN > 0 {
		in, err := r.Instructions(ctx)
		if err != nil {
			return fmt.Errorf("instructions: %w", err)
		}
		rep.Instructions = &in
	}
	if rep.Scale, rep.Economy, err = r.Scale(ctx); err != nil {
		return fmt.Errorf("scale: %w", err)
	}
	if *goCount > 0 {
		if rep.GoBench, rep.GraphFits, err = r.GoBench(ctx); err != nil {
			return fmt.Errorf("graph benchmarks: %w", err)
		}
	}
	if *bigNodes > 0 || len(typedSizes) > 0 {
		if rep.BigFlow, err = r.BigFlow(ctx); err != nil {
			return fmt.Errorf("large flow: %w", err)
		}
	}
	if *throttleCreates > 0 {
		if rep.Throttled, err = r.Throttled(ctx); err != nil {
			return fmt.Errorf("throttled: %w", err)
		}
	}
	if *writesCount > 0 {
		if rep.EmulatorWrites, err = r.EmulatorWrites(ctx); err != nil {
			return fmt.Errorf("emulator writes: %w", err)
		}
	}
	if *notes != "" {
		b, err := os.ReadFile(filepath.Join(absRoot, *notes))
		switch {
		case err == nil:
			rep.Notes = append(rep.Notes, string(b))
		case !os.IsNotExist(err):
			return fmt.Errorf("reading the notes: %w", err)
		}
	}
	rep.Elapsed = time.Since(start)
	var buf bytes.Buffer
	if err := rep.WriteMarkdown(&buf); err != nil {
		return err
	}
	path := *out
	if !filepath.IsAbs(path) {
		path = filepath.Join(absRoot, path)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s in %s\n", path, rep.Elapsed.Round(time.Second))
	return nil
}

// counts parses a comma-separated list of positive counts; an empty list is none.
func counts(name, list string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: %q is not a positive count", name, s)
		}
		out = append(out, n)
	}
	return out, nil
}
