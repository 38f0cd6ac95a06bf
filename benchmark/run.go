package benchmark

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

// Config says what to run.
type Config struct {
	Root        string // module root
	WorkDir     string // scratch directory (binaries, workspaces)
	Sizes       []int  // flow counts of the scale runs
	Repeats     int    // cycles per size
	Latency     time.Duration
	Parallelism int
	// JobEconomyN is the flow count of the API-economy run whose graphs have a JOB node (0: skip).
	JobEconomyN  int
	GoBenchCount int // -count of the graph benchmarks (0: skip)
	BigFlowNodes int // nodes of the graph_json flow; 0: skip
	// BigFlowTypedNodes is the node count of the same flow written as the typed graph block (0:
	// skip). It can be smaller than BigFlowNodes: the framework's plan cost of nested blocks grows
	// faster than linearly (see ANALYSIS.md), and 5,000 nodes take minutes.
	BigFlowTypedNodes int
	// BigFlowTypedSizes, when set, are the node counts of the typed graph measured for growth
	// (e.g. 1000, 2500, 5000); BigFlowTypedNodes is then ignored.
	BigFlowTypedSizes []int
	// PlanRatioSizes are the flow counts of the plan-ratio runs against the do-nothing provider
	// (none: skip); PlanRatioRepeats the plans of each side.
	PlanRatioSizes   []int
	PlanRatioRepeats int
	// CallgrindN, when positive, is the flow count of one plan of each side with the providers
	// under callgrind (instruction counts).
	CallgrindN      int
	StartupRuns     int // 0: skip
	ThrottleCreates int // 0: skip
	ThrottleRPS     float64
	// EmulatorWritesCount runs of the emulator's create benchmark (0: skip), each case for
	// EmulatorWritesTime (a -benchtime value).
	EmulatorWritesCount int
	EmulatorWritesTime  string
	// ProfileEnv, when set ("NAME=dir"), is given to Terraform in the scale, large-flow and
	// plan-ratio (flows side) runs
	// (in place of the usage wrapper's variables): the benchmark binary then serves the provider
	// under a CPU profile. For finding causes; the timings are then not the product's.
	ProfileEnv string
	// FlowEnv is added to the CLI's (and so the provider's) environment in the scale runs of the
	// flows and on both sides of the plan-ratio and instruction runs, for experiments (e.g.
	// GOGC=100 to measure without the provider's GC setting).
	FlowEnv []string
	// Symbols builds both providers with their symbol tables (no -ldflags '-s -w'), so that the
	// cachegrind files the instruction runs leave in WorkDir (with -keep) can be annotated
	// (cg_annotate, cg_diff): the code run is the same, only the binary's size differs.
	Symbols bool
	Log     io.Writer
}

// Runner runs the benchmarks.
type Runner struct {
	cfg       Config
	terraform string
	provider  string // the provider built as `make build` builds it
	minimal   string // the do-nothing provider (cmd/minimal-provider)
	wrapped   string // the wrapper, linked under the provider's name
}

// ClusterID is the seeded cluster the flows run on.
const ClusterID = "C-0000000000000001"

// NewRunner finds the CLI and builds the provider.
func NewRunner(ctx context.Context, cfg Config) (*Runner, error) {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Parallelism <= 0 {
		cfg.Parallelism = 10
	}
	if cfg.Repeats <= 0 {
		cfg.Repeats = 1
	}
	tf, err := cliharness.TerraformPath()
	if err != nil {
		return nil, err
	}
	r := &Runner{cfg: cfg, terraform: tf}
	provDir := filepath.Join(cfg.WorkDir, "provider")
	if err := os.MkdirAll(provDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", provDir, err)
	}
	r.provider = filepath.Join(provDir, "terraform-provider-emrflow")
	build := []string{"build", "-trimpath", "-ldflags", "-s -w"}
	if cfg.Symbols {
		build = build[:2]
	}
	r.logf("building the provider (go %s)", strings.Join(build, " "))
	cmd := exec.CommandContext(ctx, "go", append(slices.Clone(build), "-o", r.provider, ".")...)
	cmd.Dir = cfg.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	minDir := filepath.Join(cfg.WorkDir, "minimal")
	if err := os.MkdirAll(minDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", minDir, err)
	}
	r.minimal = filepath.Join(minDir, "terraform-provider-emrflow")
	r.logf("building the do-nothing provider")
	cmd = exec.CommandContext(ctx, "go", append(slices.Clone(build), "-o", r.minimal, "./benchmark/cmd/minimal-provider")...)
	cmd.Dir = cfg.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the do-nothing provider: %w\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the benchmark binary: %w", err)
	}
	wrapDir := filepath.Join(cfg.WorkDir, "wrapped")
	if err := os.MkdirAll(wrapDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", wrapDir, err)
	}
	r.wrapped = filepath.Join(wrapDir, "terraform-provider-emrflow")
	_ = os.Remove(r.wrapped)
	if err := os.Symlink(self, r.wrapped); err != nil {
		return nil, fmt.Errorf("linking the wrapper: %w", err)
	}
	return r, nil
}

func (r *Runner) logf(format string, a ...any) {
	fmt.Fprintf(r.cfg.Log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

// Machine describes this machine and the toolchain.
func (r *Runner) Machine(ctx context.Context) Machine {
	m := Machine{Cores: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, Go: runtime.Version()}
	if out, err := exec.CommandContext(ctx, "go", "version").Output(); err == nil {
		m.Go = strings.TrimPrefix(strings.TrimSpace(string(out)), "go version ")
	}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		m.CPU = cpuModel(f)
		_ = f.Close()
	}
	cmd := exec.CommandContext(ctx, r.terraform, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=/dev/null")
	if out, err := cmd.Output(); err == nil {
		m.Terraform, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	}
	return m
}

// cpuModel returns the first "model name" of /proc/cpuinfo.
func cpuModel(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// BinarySize is the size of the built provider.
func (r *Runner) BinarySize() (int64, error) {
	fi, err := os.Stat(r.provider)
	if err != nil {
		return 0, fmt.Errorf("reading the provider binary: %w", err)
	}
	return fi.Size(), nil
}

// workspace makes a workspace in a fresh directory. Without the provider (baseline), the
// configuration does not require emrflow, so Terraform never starts it.
func (r *Runner) workspace(name string, withProvider bool, opts cliharness.Options) (*cliharness.Workspace, error) {
	dir, err := os.MkdirTemp(r.cfg.WorkDir, name+"-")
	if err != nil {
		return nil, fmt.Errorf("creating a workspace directory: %w", err)
	}
	opts.Parallelism = r.cfg.Parallelism
	// The benchmark binary stands in for the provider when it is to wrap or profile it.
	provider := r.provider
	for _, kv := range opts.ExtraEnv {
		if strings.HasPrefix(kv, WrapTargetEnv+"=") || (r.cfg.ProfileEnv != "" && kv == r.cfg.ProfileEnv) {
			provider = r.wrapped
		}
	}
	w, err := cliharness.NewWorkspace(dir, r.terraform, provider, opts)
	if err != nil {
		return nil, err
	}
	if !withProvider {
		if err := os.Remove(filepath.Join(dir, "versions.tf")); err != nil {
			w.Close()
			return nil, fmt.Errorf("removing versions.tf: %w", err)
		}
	}
	return w, nil
}

// run runs one CLI command and fails on an unexpected exit code.
func run(ctx context.Context, w *cliharness.Workspace, wantExit int, f func(context.Context, ...string) (cliharness.Result, error)) (cliharness.Result, error) {
	res, err := f(ctx)
	if err != nil {
		return res, err
	}
	if res.ExitCode != wantExit {
		return res, fmt.Errorf("terraform %s in %s: exit %d, want %d\n%s\n%s", strings.Join(res.Args, " "), w.Dir,
			res.ExitCode, wantExit, lastLines(res.Stdout, 30), lastLines(res.Stderr, 30))
	}
	return res, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func newProject(ctx context.Context, c *emrapi.Client, name string) (string, error) {
	id, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: name, Description: "benchmark"})
	if err != nil {
		return "", fmt.Errorf("creating project %s: %w", name, err)
	}
	return id, nil
}

func newJob(ctx context.Context, c *emrapi.Client, projectID string) (string, error) {
	id, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: projectID, Name: "bench-job", Type: "SHELL", Description: "benchmark"})
	if err != nil {
		return "", fmt.Errorf("creating a job: %w", err)
	}
	return id, nil
}

// phaseStep is one timed phase: the configuration it applies, the command and the exit it expects.
type phaseStep struct {
	phase  string
	config func(description string) string
	desc   string
	exit   int
	cmd    func(w *cliharness.Workspace) func(context.Context, ...string) (cliharness.Result, error)
}

func cycleSteps(flows, floor func(string) string) (flowSteps, floorSteps []phaseStep) {
	apply := func(w *cliharness.Workspace) func(context.Context, ...string) (cliharness.Result, error) {
		return w.Apply
	}
	plan := func(w *cliharness.Workspace) func(context.Context, ...string) (cliharness.Result, error) {
		return w.Plan
	}
	destroy := func(w *cliharness.Workspace) func(context.Context, ...string) (cliharness.Result, error) {
		return w.Destroy
	}
	mk := func(cfg func(string) string) []phaseStep {
		return []phaseStep{
			{PhaseCreate, cfg, "v1", 0, apply},
			{PhaseRefresh, cfg, "v1", 0, plan},
			{PhaseUpdate, cfg, "v2", 0, apply},
			{PhaseDestroy, cfg, "v2", 0, destroy},
		}
	}
	return mk(flows), mk(floor)
}

// Scale runs the create/plan/update/destroy cycle Repeats times for every size, flows and floor
// interleaved, and returns the timings and the call counts of the first cycle.
func (r *Runner) Scale(ctx context.Context) ([]ScaleRow, []EconomyRow, error) {
	var rows []ScaleRow
	var econ []EconomyRow
	for _, n := range r.cfg.Sizes {
		srows, erows, err := r.scaleOne(ctx, n, VariantPlain, r.cfg.Repeats)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, srows...)
		econ = append(econ, erows...)
	}
	if r.cfg.JobEconomyN > 0 {
		_, erows, err := r.scaleOne(ctx, r.cfg.JobEconomyN, VariantJob, 1)
		if err != nil {
			return nil, nil, err
		}
		econ = append(econ, erows...)
	}
	return rows, econ, nil
}

func (r *Runner) scaleOne(ctx context.Context, n int, variant string, repeats int) ([]ScaleRow, []EconomyRow, error) {
	env := r.cfg.FlowEnv
	if r.cfg.ProfileEnv != "" {
		env = append(env, r.cfg.ProfileEnv)
	}
	fw, err := r.workspace(fmt.Sprintf("flows-%d", n), true, cliharness.Options{Emulator: emulator.Config{Latency: r.cfg.Latency}, ExtraEnv: env})
	if err != nil {
		return nil, nil, err
	}
	defer fw.Close()
	var bw *cliharness.Workspace
	if variant == VariantPlain {
		if bw, err = r.workspace(fmt.Sprintf("floor-%d", n), false, cliharness.Options{}); err != nil {
			return nil, nil, err
		}
		defer bw.Close()
	}
	projectID, err := newProject(ctx, fw.Client, fmt.Sprintf("bench-%d", n))
	if err != nil {
		return nil, nil, err
	}
	jobID := ""
	if variant == VariantJob {
		if jobID, err = newJob(ctx, fw.Client, projectID); err != nil {
			return nil, nil, err
		}
	}
	flowCfg := func(desc string) string {
		return FlowsConfig(FlowsSpec{Count: n, ProjectID: projectID, ClusterID: ClusterID, Description: desc, JobID: jobID})
	}
	floorCfg := func(desc string) string { return DataConfig(n, desc) }
	flowSteps, floorSteps := cycleSteps(flowCfg, floorCfg)

	rows := make([]ScaleRow, len(flowSteps))
	var econ []EconomyRow
	for i, s := range flowSteps {
		rows[i] = ScaleRow{N: n, Phase: s.phase}
	}
	for rep := range repeats {
		for i := range flowSteps {
			if bw != nil {
				fs := floorSteps[i]
				if err := bw.WriteConfig(fs.config(fs.desc)); err != nil {
					return nil, nil, fmt.Errorf("writing the configuration: %w", err)
				}
				res, err := run(ctx, bw, fs.exit, fs.cmd(bw))
				if err != nil {
					return nil, nil, err
				}
				rows[i].Floor = append(rows[i].Floor, res.Duration)
			}
			s := flowSteps[i]
			if err := fw.WriteConfig(s.config(s.desc)); err != nil {
				return nil, nil, fmt.Errorf("writing the configuration: %w", err)
			}
			fw.Emulator.ResetStats()
			res, err := run(ctx, fw, s.exit, s.cmd(fw))
			if err != nil {
				return nil, nil, err
			}
			st := fw.Emulator.Stats()
			rows[i].Flows = append(rows[i].Flows, res.Duration)
			r.logf("N=%d %s %s, run %d: %s, %d calls", n, variant, s.phase, rep+1, fmtDur(res.Duration), st.Total)
			if rep == 0 {
				econ = append(econ, EconomyRow{Variant: variant, N: n, Phase: s.phase, Calls: st.Calls,
					Faults: st.Faults.Throttled + st.Faults.Errors + st.Faults.Ambiguous})
			}
		}
	}
	return rows, econ, nil
}

// goBench runs `go test -run ^$` with args (the -bench flags and the package) in the module root
// and returns its output.
func (r *Runner) goBench(ctx context.Context, args ...string) (*bytes.Buffer, error) {
	args = append([]string{"test", "-run", "^$"}, args...)
	r.logf("go %s", strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = r.cfg.Root
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test -bench: %w\n%s%s", err, lastLines(out.String(), 20), stderr.String())
	}
	return &out, nil
}

// GoBench runs the graph package's benchmarks and fits their growth.
func (r *Runner) GoBench(ctx context.Context) ([]GoBenchSummary, []GraphFit, error) {
	out, err := r.goBench(ctx, "-bench", ".", "-benchmem", "-benchtime", "300ms", "-count", fmt.Sprint(r.cfg.GoBenchCount), "./internal/graph/")
	if err != nil {
		return nil, nil, err
	}
	results, err := ParseGoBench(out)
	if err != nil {
		return nil, nil, err
	}
	sums := SummariseGoBench(results)
	var fits []GraphFit
	byName := map[string][2][]float64{}
	var names []string
	for _, s := range sums {
		if s.Size == 0 {
			continue
		}
		v, ok := byName[s.Name]
		if !ok {
			names = append(names, s.Name)
		}
		v[0] = append(v[0], float64(s.Size))
		v[1] = append(v[1], s.NsPerOp)
		byName[s.Name] = v
	}
	for _, name := range names {
		f, err := FitExponent(byName[name][0], byName[name][1])
		if err != nil {
			return nil, nil, fmt.Errorf("fitting %s: %w", name, err)
		}
		fits = append(fits, GraphFit{Name: name, Fit: f})
	}
	return sums, fits, nil
}

// BigFlow plans and applies one flow with a large graph, written as graph_json and as the typed
// graph (at each of the typed sizes), reading the provider's CPU and RSS through the wrapper.
func (r *Runner) BigFlow(ctx context.Context) ([]BigFlowRow, error) {
	var rows []BigFlowRow
	if r.cfg.BigFlowNodes > 0 {
		rs, err := r.bigFlow(ctx, false, r.cfg.BigFlowNodes)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	sizes := r.cfg.BigFlowTypedSizes
	if len(sizes) == 0 && r.cfg.BigFlowTypedNodes > 0 {
		sizes = []int{r.cfg.BigFlowTypedNodes}
	}
	for _, n := range sizes {
		rs, err := r.bigFlow(ctx, true, n)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

func (r *Runner) bigFlow(ctx context.Context, typed bool, nodes int) ([]BigFlowRow, error) {
	usageFile := filepath.Join(r.cfg.WorkDir, "provider-usage.jsonl")
	env := []string{WrapTargetEnv + "=" + r.provider}
	if r.cfg.ProfileEnv != "" {
		env = []string{r.cfg.ProfileEnv}
	}
	w, err := r.workspace(fmt.Sprintf("bigflow-%d", nodes), true, cliharness.Options{Emulator: emulator.Config{Latency: r.cfg.Latency}, ExtraEnv: env})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	projectID, err := newProject(ctx, w.Client, "bench-big")
	if err != nil {
		return nil, err
	}
	jobID, err := newJob(ctx, w.Client, projectID)
	if err != nil {
		return nil, err
	}
	spec := BigFlowSpec{Nodes: nodes, Width: 50, ProjectID: projectID, ClusterID: ClusterID, JobID: jobID}
	form := FormJSON
	cfg, err := BigFlowJSONConfig(spec)
	if typed {
		form = FormTyped
		cfg = BigFlowConfig(spec)
	}
	if err != nil {
		return nil, err
	}
	if err := w.WriteConfig(cfg); err != nil {
		return nil, fmt.Errorf("writing the configuration: %w", err)
	}
	steps := []struct {
		name string
		args []string
		exit int
	}{
		{StepPlanCreate, planArgs, 2},
		{StepApplyCreate, []string{"apply", "-auto-approve", "-input=false", "-no-color"}, 0},
		{StepPlanRefresh, planArgs, 0},
	}
	var rows []BigFlowRow
	for _, st := range steps {
		s, err := r.measured(ctx, w, usageFile, st.exit, st.args...)
		if err != nil {
			return nil, fmt.Errorf("%s, %d nodes: %w", form, nodes, err)
		}
		row := BigFlowRow{Form: form, Nodes: nodes, Step: st.name, Wall: s.Wall, ProviderCPU: s.ProviderCPU, PeakRSSKB: s.PeakRSSKB,
			Processes: s.Processes, TotalCPU: s.TotalCPU, Calls: s.Calls}
		r.logf("%d-node flow, %s, %s: %s, CPU %s (provider %s), peak RSS %.1f MiB, %d provider processes", nodes, form, st.name,
			fmtDur(s.Wall), fmtDur(s.TotalCPU), fmtDur(s.ProviderCPU), float64(s.PeakRSSKB)/1024, s.Processes)
		rows = append(rows, row)
	}
	return rows, nil
}

// Startup times `terraform validate` of one flow with the provider and of one resource of the
// do-nothing provider (cmd/minimal-provider), both started through the usage wrapper, in pairs that
// alternate which goes first: the difference is what this provider's start and schema cost beyond
// any framework provider's, and a pair's two runs share the machine's load of the moment.
func (r *Runner) Startup(ctx context.Context) (Startup, error) {
	st := Startup{Runs: r.cfg.StartupRuns}
	size, err := r.BinarySize()
	if err != nil {
		return st, err
	}
	st.BinaryBytes = size
	fw, err := r.workspace("startup-flow", true, cliharness.Options{ExtraEnv: []string{WrapTargetEnv + "=" + r.provider}})
	if err != nil {
		return st, err
	}
	defer fw.Close()
	mw, err := r.workspace("startup-do-nothing", true, cliharness.Options{ExtraEnv: []string{WrapTargetEnv + "=" + r.minimal}})
	if err != nil {
		return st, err
	}
	defer mw.Close()
	if err := fw.WriteConfig(OneFlowConfig()); err != nil {
		return st, fmt.Errorf("writing the configuration: %w", err)
	}
	if err := mw.WriteConfig(MinimalConfig(1, "start-up")); err != nil {
		return st, fmt.Errorf("writing the configuration: %w", err)
	}
	usage := filepath.Join(r.cfg.WorkDir, "startup-usage.jsonl")
	validate := []string{"validate", "-no-color"}
	// One warm-up pair: the first run pays for cold page caches.
	for i := -1; i < r.cfg.StartupRuns; i++ {
		var pair [2]Sample
		for k := range 2 {
			side := (i + 2 + k) % 2 // 0: the flow first on even runs, the do-nothing provider on odd ones
			w := fw
			if side == 1 {
				w = mw
			}
			if pair[side], err = r.measure(ctx, w, usage, 0, validate...); err != nil {
				return st, err
			}
		}
		if i >= 0 {
			st.Flow = append(st.Flow, pair[0])
			st.DoNothing = append(st.DoNothing, pair[1])
		}
	}
	r.logf("start-up: validate with a flow %s (CPU %s), with the do-nothing provider %s (CPU %s); paired overhead %s wall, %s CPU",
		fmtDur(Median(walls(st.Flow))), fmtDur(Median(cpus(st.Flow))), fmtDur(Median(walls(st.DoNothing))), fmtDur(Median(cpus(st.DoNothing))),
		fmtDur(st.WallOverhead()), fmtDur(st.CPUOverhead()))
	return st, nil
}

var errorLine = regexp.MustCompile(`(?m)^(│ )?Error: `)

// Throttled applies ThrottleCreates flows against a rate-limited emulator.
func (r *Runner) Throttled(ctx context.Context) (Throttled, error) {
	t := Throttled{Creates: r.cfg.ThrottleCreates, RPS: r.cfg.ThrottleRPS, Latency: r.cfg.Latency}
	w, err := r.workspace("throttled", true, cliharness.Options{Emulator: emulator.Config{Latency: r.cfg.Latency, ThrottleRPS: r.cfg.ThrottleRPS}})
	if err != nil {
		return t, err
	}
	defer w.Close()
	projectID, err := newProject(ctx, w.Client, "bench-throttled")
	if err != nil {
		return t, err
	}
	if err := w.WriteConfig(FlowsConfig(FlowsSpec{Count: t.Creates, ProjectID: projectID, ClusterID: ClusterID, Description: "throttled"})); err != nil {
		return t, fmt.Errorf("writing the configuration: %w", err)
	}
	// Let the bucket fill again after the project's create, so that every run starts alike.
	time.Sleep(time.Duration(float64(time.Second) * 1.1))
	w.Emulator.ResetStats()
	res, err := w.Apply(ctx)
	if err != nil {
		return t, err
	}
	st := w.Emulator.Stats()
	t.Wall, t.ExitCode, t.Calls, t.Throttled = res.Duration, res.ExitCode, st.Total, st.Faults.Throttled
	t.Errors = len(errorLine.FindAllString(res.Stdout+res.Stderr, -1))
	w.Emulator.SetFaults(emulator.Faults{})
	flows, err := w.Client.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: projectID})
	if err != nil {
		return t, fmt.Errorf("listing the flows: %w", err)
	}
	t.Created = len(flows)
	r.logf("throttled: %d creates in %s (bound %s), %d requests, %d throttled, exit %d, %d errors",
		t.Creates, fmtDur(t.Wall), fmtDur(t.Bound()), t.Calls, t.Throttled, t.ExitCode, t.Errors)
	return t, nil
}
