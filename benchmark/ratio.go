package benchmark

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"syscall"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
)

// Sample is one measured CLI run: wall time, CPU (Terraform's rusage, which includes the
// provider processes it waited for, and the providers' own through the wrapper), and the API calls
// the emulator counted.
type Sample struct {
	Wall        time.Duration
	TotalCPU    time.Duration // terraform + wrappers + providers
	ProviderCPU time.Duration // the provider processes only
	PeakRSSKB   int64
	Processes   int
	// Instructions is the provider's instruction count under callgrind (0 when not measured).
	Instructions int64
	Calls        map[string]int64
}

// CLICPU is Terraform's own CPU (with the wrappers'): TotalCPU less the providers'.
func (s Sample) CLICPU() time.Duration { return s.TotalCPU - s.ProviderCPU }

// measured runs one terraform command that walks the graph (plan, apply) in w through the usage
// wrapper, with the run's -parallelism, and measures it.
func (r *Runner) measured(ctx context.Context, w *cliharness.Workspace, usageFile string, wantExit int, args ...string) (Sample, error) {
	return r.measure(ctx, w, usageFile, wantExit, append(slices.Clone(args), fmt.Sprintf("-parallelism=%d", r.cfg.Parallelism))...)
}

// measure runs one terraform command in w through the usage wrapper and measures it.
func (r *Runner) measure(ctx context.Context, w *cliharness.Workspace, usageFile string, wantExit int, args ...string) (Sample, error) {
	if err := os.WriteFile(usageFile, nil, 0o600); err != nil {
		return Sample{}, fmt.Errorf("resetting the usage file: %w", err)
	}
	w.Emulator.ResetStats()
	cmd := w.Command(ctx, args...)
	cmd.Env = append(cmd.Env, WrapOutputEnv+"="+usageFile)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	s := Sample{Wall: time.Since(start)}
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		return s, fmt.Errorf("running terraform %v: %w", args, err)
	}
	if code != wantExit {
		return s, fmt.Errorf("terraform %v in %s: exit %d, want %d\n%s\n%s", args, w.Dir, code, wantExit,
			lastLines(stdout.String(), 30), lastLines(stderr.String(), 30))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.TotalCPU = rusageCPU(ru)
	}
	f, err := os.Open(usageFile)
	if err != nil {
		return s, fmt.Errorf("reading the usage file: %w", err)
	}
	us, err := ReadUsage(f)
	_ = f.Close()
	if err != nil {
		return s, err
	}
	s.ProviderCPU, s.PeakRSSKB = UsageTotal(us)
	s.Processes = len(us)
	s.Calls = w.Emulator.Stats().Calls
	return s, nil
}

// PlanRatioRow compares `terraform plan` (refresh, no changes) of N flows with the same plan of N
// resources of the do-nothing provider (cmd/minimal-provider), runs interleaved.
type PlanRatioRow struct {
	N       int
	Flows   []Sample
	Minimal []Sample
	// SameSchema is the do-nothing provider's emrflow_flow: the real schema, no code behind it.
	SameSchema []Sample
}

// APITime is the API's own answer time of the flows' plan: one DescribeFlow per flow at the
// emulator's latency, spread over Terraform's parallelism.
func (r PlanRatioRow) APITime(latency time.Duration, parallelism int) time.Duration {
	return Ideal(0, r.N*Limits[PhaseRefresh].Total(), latency, parallelism)
}

// Ideal is the minimal provider's median plan time plus the API's answer time.
func (r PlanRatioRow) Ideal(latency time.Duration, parallelism int) time.Duration {
	return Median(walls(r.Minimal)) + r.APITime(latency, parallelism)
}

// Ratio is the flows' median plan time over Ideal: the measure (target ≤ 1.25, goal ≤ 1.15).
func (r PlanRatioRow) Ratio(latency time.Duration, parallelism int) float64 {
	return Ratio(Median(walls(r.Flows)), r.Ideal(latency, parallelism))
}

// CPURatio is the flows' median CPU (Terraform and providers) over the minimal provider's: the
// same comparison without wall time, which a shared machine makes noisy, and without the API's
// latency, which costs no CPU.
func (r PlanRatioRow) CPURatio() float64 {
	return Ratio(Median(cpus(r.Flows)), Median(cpus(r.Minimal)))
}

// SameSchemaCPURatio is the flows' median CPU (Terraform and providers) over the same-schema
// resource's: what this provider's own code costs beyond its schema (issue 21: at most 1.10).
func (r PlanRatioRow) SameSchemaCPURatio() float64 {
	return Ratio(Median(cpus(r.Flows)), Median(cpus(r.SameSchema)))
}

func walls(s []Sample) []time.Duration {
	return pick(s, func(s Sample) time.Duration { return s.Wall })
}

func cpus(s []Sample) []time.Duration {
	return pick(s, func(s Sample) time.Duration { return s.TotalCPU })
}

func pick(s []Sample, f func(Sample) time.Duration) []time.Duration {
	out := make([]time.Duration, len(s))
	for i := range s {
		out[i] = f(s[i])
	}
	return out
}

// InstrRow is one plan of N flows and of N minimal resources with the providers under callgrind.
type InstrRow struct {
	N          int
	Flows      Sample
	Minimal    Sample
	SameSchema Sample
}

// PerResource is the flow provider's instructions beyond the minimal one's, per resource.
func (r InstrRow) PerResource() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.Flows.Instructions-r.Minimal.Instructions) / float64(r.N)
}

// ratioPair is a flows workspace and a minimal-provider workspace of N resources, both created.
type ratioPair struct {
	n                          int
	flows, minimal, sameSchema *cliharness.Workspace
	usage                      string
}

func (p *ratioPair) Close() {
	for _, w := range []*cliharness.Workspace{p.flows, p.minimal, p.sameSchema} {
		if w != nil {
			w.Close()
		}
	}
}

// fakeProjectID and fakeJobID are the project and job of the same-schema resources, which call
// no API.
const (
	fakeProjectID = "FP-0000000000000001"
	fakeJobID     = "FJ-0000000000000001"
)

// ratioFlows is the configuration of the plan-ratio and instruction runs: N of issue 21's
// yardstick flow (a four-node graph, a cron schedule, an alert).
func ratioFlows(n int, projectID, jobID string) string {
	return FlowsConfig(FlowsSpec{Count: n, ProjectID: projectID, ClusterID: ClusterID, Description: "v1", JobID: jobID, Scheduled: true})
}

// newRatioProject creates the project and the job the flows of a ratio run refer to.
func newRatioProject(ctx context.Context, c *emrapi.Client, name string) (projectID, jobID string, err error) {
	if projectID, err = newProject(ctx, c, name); err != nil {
		return "", "", err
	}
	if jobID, err = newJob(ctx, c, projectID); err != nil {
		return "", "", err
	}
	return projectID, jobID, nil
}

// newRatioPair creates N flows and N minimal resources (untimed).
func (r *Runner) newRatioPair(ctx context.Context, n int) (*ratioPair, error) {
	p := &ratioPair{n: n, usage: filepath.Join(r.cfg.WorkDir, fmt.Sprintf("ratio-usage-%d.jsonl", n))}
	var err error
	// Both go through the wrapper (the same symlink; the target says which provider it starts).
	// With -profile-dir the flows' provider runs under the CPU profiler instead of the wrapper:
	// one profile per provider process, the plans' apart from the create's.
	flowsEnv := []string{WrapTargetEnv + "=" + r.provider}
	if r.cfg.ProfileEnv != "" {
		flowsEnv = []string{r.cfg.ProfileEnv}
	}
	p.flows, err = r.workspace(fmt.Sprintf("ratio-flows-%d", n), true, cliharness.Options{
		Emulator: emulator.Config{Latency: r.cfg.Latency},
		ExtraEnv: append(flowsEnv, r.cfg.FlowEnv...),
	})
	if err != nil {
		return nil, err
	}
	p.minimal, err = r.workspace(fmt.Sprintf("ratio-minimal-%d", n), true, cliharness.Options{
		ExtraEnv: append([]string{WrapTargetEnv + "=" + r.minimal}, r.cfg.FlowEnv...),
	})
	if err != nil {
		p.Close()
		return nil, err
	}
	p.sameSchema, err = r.workspace(fmt.Sprintf("ratio-same-schema-%d", n), true, cliharness.Options{
		ExtraEnv: append([]string{WrapTargetEnv + "=" + r.minimal}, r.cfg.FlowEnv...),
	})
	if err != nil {
		p.Close()
		return nil, err
	}
	if err := p.sameSchema.WriteConfig(ratioFlows(n, fakeProjectID, fakeJobID)); err != nil {
		p.Close()
		return nil, fmt.Errorf("writing the configuration: %w", err)
	}
	projectID, jobID, err := newRatioProject(ctx, p.flows.Client, fmt.Sprintf("bench-ratio-%d", n))
	if err != nil {
		p.Close()
		return nil, err
	}
	if err := p.flows.WriteConfig(ratioFlows(n, projectID, jobID)); err != nil {
		p.Close()
		return nil, fmt.Errorf("writing the configuration: %w", err)
	}
	if err := p.minimal.WriteConfig(MinimalConfig(n, "v1")); err != nil {
		p.Close()
		return nil, fmt.Errorf("writing the configuration: %w", err)
	}
	for _, w := range []*cliharness.Workspace{p.flows, p.minimal, p.sameSchema} {
		if _, err := r.measured(ctx, w, p.usage, 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
			p.Close()
			return nil, err
		}
	}
	return p, nil
}

var planArgs = []string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}

// PlanRatio plans N flows and N minimal resources PlanRatioRepeats times each, alternating which
// goes first, for every N of PlanRatioSizes.
func (r *Runner) PlanRatio(ctx context.Context) ([]PlanRatioRow, error) {
	var rows []PlanRatioRow
	for _, n := range r.cfg.PlanRatioSizes {
		p, err := r.newRatioPair(ctx, n)
		if err != nil {
			return nil, err
		}
		row := PlanRatioRow{N: n}
		for rep := range max(r.cfg.PlanRatioRepeats, 1) {
			// The three sides in turn, each run starting with the next one, so that none is always
			// first (or last) while the machine's load drifts.
			sides := []*[]Sample{&row.Flows, &row.Minimal, &row.SameSchema}
			ws := []*cliharness.Workspace{p.flows, p.minimal, p.sameSchema}
			for i := range sides {
				k := (rep + i) % len(sides)
				s, err := r.measured(ctx, ws[k], p.usage, 0, planArgs...)
				if err != nil {
					p.Close()
					return nil, err
				}
				*sides[k] = append(*sides[k], s)
			}
			f, m, ss := row.Flows[len(row.Flows)-1], row.Minimal[len(row.Minimal)-1], row.SameSchema[len(row.SameSchema)-1]
			r.logf("plan ratio N=%d, run %d: flows %s (CPU %s, provider %s, %d processes), do-nothing %s (CPU %s, provider %s, %d processes), same schema %s (CPU %s, provider %s, %d processes)",
				n, rep+1, fmtDur(f.Wall), fmtDur(f.TotalCPU), fmtDur(f.ProviderCPU), f.Processes, fmtDur(m.Wall), fmtDur(m.TotalCPU), fmtDur(m.ProviderCPU), m.Processes,
				fmtDur(ss.Wall), fmtDur(ss.TotalCPU), fmtDur(ss.ProviderCPU), ss.Processes)
		}
		p.Close()
		rows = append(rows, row)
	}
	return rows, nil
}

// Instructions counts the instructions the provider spends on one plan of N flows and of N
// minimal resources, under valgrind (cachegrind, GOMAXPROCS=1; callgrind asserts on one of the Go
// runtime's signals here). Each provider is started by the benchmark in debug mode and Terraform
// attaches to it (TF_REATTACH_PROVIDERS), so that go-plugin's start-up timeout does not apply to
// a slow start under valgrind; a process that serves one plan and one that serves three give, by
// difference, the instructions of one plan without start-up. The resources are created first by
// the provider run normally.
func (r *Runner) Instructions(ctx context.Context) (InstrRow, error) {
	n := r.cfg.CallgrindN
	row := InstrRow{N: n}
	for side, into := range map[string]*Sample{"minimal": &row.Minimal, "same-schema": &row.SameSchema, "flows": &row.Flows} {
		bin := r.minimal
		opts := cliharness.Options{}
		if side == "flows" {
			bin = r.provider
			opts.Emulator = emulator.Config{Latency: r.cfg.Latency}
		}
		opts.ExtraEnv = append([]string{WrapTargetEnv + "=" + bin}, r.cfg.FlowEnv...)
		w, err := r.workspace(fmt.Sprintf("instructions-%s-%d", side, n), true, opts)
		if err != nil {
			return row, err
		}
		s, err := r.planInstructions(ctx, w, bin, side)
		w.Close()
		if err != nil {
			return row, fmt.Errorf("%s: %w", side, err)
		}
		*into = s
	}
	r.logf("instructions, plan of %d: flows %.3g, do-nothing %.3g, same schema %.3g (%.3g per flow beyond the do-nothing)", n,
		float64(row.Flows.Instructions), float64(row.Minimal.Instructions), float64(row.SameSchema.Instructions), row.PerResource())
	return row, nil
}

var reattachLine = regexp.MustCompile(`TF_REATTACH_PROVIDERS='([^']+)'`)

func (r *Runner) planInstructions(ctx context.Context, w *cliharness.Workspace, bin, side string) (Sample, error) {
	config := MinimalConfig(r.cfg.CallgrindN, "v1")
	if side == "same-schema" {
		config = ratioFlows(r.cfg.CallgrindN, fakeProjectID, fakeJobID)
	}
	if side == "flows" {
		projectID, jobID, err := newRatioProject(ctx, w.Client, "bench-instructions")
		if err != nil {
			return Sample{}, err
		}
		config = ratioFlows(r.cfg.CallgrindN, projectID, jobID)
	}
	if err := w.WriteConfig(config); err != nil {
		return Sample{}, fmt.Errorf("writing the configuration: %w", err)
	}
	usage := filepath.Join(r.cfg.WorkDir, "instructions-usage.jsonl")
	if _, err := r.measured(ctx, w, usage, 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return Sample{}, err
	}
	one, err := r.valgrindPlans(ctx, w, bin, 1)
	if err != nil {
		return Sample{}, err
	}
	w.Emulator.ResetStats()
	three, err := r.valgrindPlans(ctx, w, bin, 3)
	if err != nil {
		return Sample{}, err
	}
	calls := w.Emulator.Stats().Calls
	for k, v := range calls {
		calls[k] = v / 3
	}
	return Sample{Instructions: (three - one) / 2, Calls: calls, Processes: 1}, nil
}

// valgrindPlans starts bin in debug mode under cachegrind, runs `terraform plan` k times attached
// to it, stops it, and returns the instructions it ran in all.
func (r *Runner) valgrindPlans(ctx context.Context, w *cliharness.Workspace, bin string, k int) (int64, error) {
	dir, err := os.MkdirTemp(r.cfg.WorkDir, "cachegrind-")
	if err != nil {
		return 0, fmt.Errorf("creating a cachegrind directory: %w", err)
	}
	out := filepath.Join(dir, "cachegrind.out")
	// The provider gets the workspace's environment (endpoint, keys), as it would from Terraform.
	prov := exec.CommandContext(ctx, "valgrind", "--tool=cachegrind", "--cache-sim=no", "-q",
		"--cachegrind-out-file="+out, bin, "-debug")
	// One thread; no asynchronous preemption signals; no RDTSCP, which valgrind 3.19 advertises
	// on this CPU but cannot run (SIGILL in runtime.cputicks).
	prov.Env = append(w.Command(ctx).Env, "GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off")
	stdout, err := prov.StdoutPipe()
	if err != nil {
		return 0, fmt.Errorf("piping the provider's output: %w", err)
	}
	var stderr bytes.Buffer
	prov.Stderr = &stderr
	if err := prov.Start(); err != nil {
		return 0, fmt.Errorf("starting the provider under valgrind: %w", err)
	}
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		_ = prov.Process.Signal(os.Interrupt)
		return prov.Wait()
	}
	defer func() { _ = stop() }()
	reattach := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := reattachLine.FindStringSubmatch(sc.Text()); m != nil {
				reattach <- m[1]
			}
		}
		close(reattach)
	}()
	var attach string
	select {
	case a, ok := <-reattach:
		if !ok {
			return 0, fmt.Errorf("the provider under valgrind exited before serving:\n%s", lastLines(stderr.String(), 20))
		}
		attach = a
	case <-time.After(10 * time.Minute):
		return 0, errors.New("the provider under valgrind did not start in 10 minutes")
	}
	for range k {
		cmd := w.Command(ctx, append(slices.Clone(planArgs), fmt.Sprintf("-parallelism=%d", r.cfg.Parallelism))...)
		cmd.Env = append(cmd.Env, "TF_REATTACH_PROVIDERS="+attach)
		if b, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("terraform plan attached to the provider under valgrind: %w\n%s", err, lastLines(string(b), 30))
		}
	}
	_ = stop() // an interrupted provider exits with an error status; the output file tells
	f, err := os.Open(out)
	if err != nil {
		return 0, fmt.Errorf("reading the cachegrind output: %w\n%s", err, lastLines(stderr.String(), 20))
	}
	defer f.Close()
	return CallgrindTotal(f)
}
