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
	analysis := flag.String("analysis", "benchmark/ANALYSIS.md", "the hand-written analysis the report links to (relative to -root; empty or missing: no link)")
	profileDir := flag.String("profile-dir", "", "serve the provider of the scale, large-flow and plan-ratio runs under a CPU profile written here (for finding causes; the usage figures are then not measured)")
	flowEnv := flag.String("flow-env", "", "comma-separated NAME=VALUE pairs added to the environment of the flow scale runs (experiments)")
	symbols := flag.Bool("symbols", false, "build the providers with symbols, so that the cachegrind files of the instruction run (kept with -keep) can be annotated with cg_annotate")
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
		EmulatorWritesCount: *writesCount, EmulatorWritesTime: *writesTime, Symbols: *symbols,
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
	// Each section records the load average around it and the CPU that other processes used
	// meanwhile, so that the report can mark the wall times taken under load.
	section := func(name string, run bool, f func() error) error {
		if !run {
			return nil
		}
		before, cpu := benchmark.LoadAverage(), benchmark.SampleCPU()
		err := f()
		rep.Loads = append(rep.Loads, benchmark.SectionLoad{Section: name, Before: before, After: benchmark.LoadAverage(),
			Other: benchmark.OtherCores(cpu, benchmark.SampleCPU())})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	steps := []struct {
		name string
		run  bool
		f    func() error
	}{
		{benchmark.SectionStartup, *startupRuns > 0, func() (err error) { rep.Startup, err = r.Startup(ctx); return err }},
		{benchmark.SectionPlanRatio, len(rs) > 0, func() (err error) { rep.PlanRatio, err = r.PlanRatio(ctx); return err }},
		{benchmark.SectionInstructions, *callgrindN > 0, func() error {
			in, err := r.Instructions(ctx)
			rep.Instructions = &in
			return err
		}},
		{benchmark.SectionScale, len(ns) > 0 || *jobN > 0, func() (err error) { rep.Scale, rep.Economy, err = r.Scale(ctx); return err }},
		{benchmark.SectionGoBench, *goCount > 0, func() (err error) { rep.GoBench, rep.GraphFits, err = r.GoBench(ctx); return err }},
		{benchmark.SectionBigFlow, *bigNodes > 0 || len(typedSizes) > 0, func() (err error) { rep.BigFlow, err = r.BigFlow(ctx); return err }},
		{benchmark.SectionThrottled, *throttleCreates > 0, func() (err error) { rep.Throttled, err = r.Throttled(ctx); return err }},
		{benchmark.SectionEmulatorWrites, *writesCount > 0, func() (err error) { rep.EmulatorWrites, err = r.EmulatorWrites(ctx); return err }},
	}
	for _, st := range steps {
		if err := section(st.name, st.run, st.f); err != nil {
			return err
		}
	}
	if *analysis != "" {
		if _, err := os.Stat(filepath.Join(absRoot, *analysis)); err == nil {
			rep.Analysis = linkFrom(*out, *analysis)
		} else if !os.IsNotExist(err) {
			return fmt.Errorf("finding the analysis: %w", err)
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

// linkFrom is the Markdown link, from the report at out, to target; both relative to the module
// root (an absolute out, e.g. a scratch report, links to the root-relative path).
func linkFrom(out, target string) string {
	if filepath.IsAbs(out) {
		return filepath.ToSlash(target)
	}
	rel, err := filepath.Rel(filepath.Dir(out), target)
	if err != nil {
		return filepath.ToSlash(target)
	}
	return filepath.ToSlash(rel)
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
