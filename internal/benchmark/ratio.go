package benchmark

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/e2e"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
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
	// Instructions is the providers' instruction count under callgrind (0 when not measured).
	Instructions int64
	Calls        map[string]int64
}

// CLICPU is Terraform's own CPU (with the wrappers'): TotalCPU less the providers'.
func (s Sample) CLICPU() time.Duration { return s.TotalCPU - s.ProviderCPU }

// measured runs one terraform command in w through the usage wrapper and measures it. extraEnv is
// added to this command only (e.g. the callgrind directory). When callgrindDir is set, the
// providers run under callgrind and their instruction counts are summed.
func (r *Runner) measured(ctx context.Context, w *e2e.Workspace, usageFile, callgrindDir string, wantExit int, args ...string) (Sample, error) {
	if err := os.WriteFile(usageFile, nil, 0o600); err != nil {
		return Sample{}, fmt.Errorf("resetting the usage file: %w", err)
	}
	if callgrindDir != "" {
		if err := os.RemoveAll(callgrindDir); err != nil {
			return Sample{}, fmt.Errorf("clearing %s: %w", callgrindDir, err)
		}
		if err := os.MkdirAll(callgrindDir, 0o755); err != nil {
			return Sample{}, fmt.Errorf("creating %s: %w", callgrindDir, err)
		}
	}
	w.Emulator.ResetStats()
	args = append(slices.Clone(args), fmt.Sprintf("-parallelism=%d", r.cfg.Parallelism))
	cmd := w.Command(ctx, args...)
	cmd.Env = append(cmd.Env, WrapOutputEnv+"="+usageFile)
	if callgrindDir != "" {
		cmd.Env = append(cmd.Env, WrapCallgrindEnv+"="+callgrindDir)
	}
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
		s.TotalCPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
	if callgrindDir != "" {
		if s.Instructions, _, err = CallgrindDirTotal(callgrindDir); err != nil {
			return s, err
		}
	}
	s.Calls = w.Emulator.Stats().Calls
	return s, nil
}

// PlanRatioRow compares `terraform plan` (refresh, no changes) of N flows with the same plan of N
// resources of the do-nothing provider (cmd/minimal-provider), runs interleaved.
type PlanRatioRow struct {
	N       int
	Flows   []Sample
	Minimal []Sample
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
	return Ratio(Median(pick(r.Flows, func(s Sample) time.Duration { return s.TotalCPU })),
		Median(pick(r.Minimal, func(s Sample) time.Duration { return s.TotalCPU })))
}

func walls(s []Sample) []time.Duration {
	return pick(s, func(s Sample) time.Duration { return s.Wall })
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
	N       int
	Flows   Sample
	Minimal Sample
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
	n              int
	flows, minimal *e2e.Workspace
	usage          string
}

func (p *ratioPair) Close() {
	if p.flows != nil {
		p.flows.Close()
	}
	if p.minimal != nil {
		p.minimal.Close()
	}
}

// newRatioPair creates N flows and N minimal resources (untimed).
func (r *Runner) newRatioPair(ctx context.Context, n int) (*ratioPair, error) {
	p := &ratioPair{n: n, usage: filepath.Join(r.cfg.WorkDir, fmt.Sprintf("ratio-usage-%d.jsonl", n))}
	var err error
	// Both go through the wrapper (the same symlink; the target says which provider it starts).
	p.flows, err = r.workspace(fmt.Sprintf("ratio-flows-%d", n), true, e2e.Options{
		Emulator: emulator.Config{Latency: r.cfg.Latency},
		ExtraEnv: append([]string{WrapTargetEnv + "=" + r.provider}, r.cfg.FlowEnv...),
	})
	if err != nil {
		return nil, err
	}
	p.minimal, err = r.workspace(fmt.Sprintf("ratio-minimal-%d", n), true, e2e.Options{
		ExtraEnv: append([]string{WrapTargetEnv + "=" + r.minimal}, r.cfg.FlowEnv...),
	})
	if err != nil {
		p.Close()
		return nil, err
	}
	projectID, err := newProject(ctx, p.flows.Client, fmt.Sprintf("bench-ratio-%d", n))
	if err != nil {
		p.Close()
		return nil, err
	}
	if err := p.flows.WriteConfig(FlowsConfig(FlowsSpec{Count: n, ProjectID: projectID, ClusterID: ClusterID, Description: "v1"})); err != nil {
		p.Close()
		return nil, fmt.Errorf("writing the configuration: %w", err)
	}
	if err := p.minimal.WriteConfig(MinimalConfig(n, "v1")); err != nil {
		p.Close()
		return nil, fmt.Errorf("writing the configuration: %w", err)
	}
	for _, w := range []*e2e.Workspace{p.flows, p.minimal} {
		if _, err := r.measured(ctx, w, p.usage, "", 0, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
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
			order := []bool{true, false}
			if rep%2 == 1 {
				order = []bool{false, true}
			}
			for _, flows := range order {
				w := p.minimal
				if flows {
					w = p.flows
				}
				s, err := r.measured(ctx, w, p.usage, "", 0, planArgs...)
				if err != nil {
					p.Close()
					return nil, err
				}
				if flows {
					row.Flows = append(row.Flows, s)
				} else {
					row.Minimal = append(row.Minimal, s)
				}
			}
			f, m := row.Flows[len(row.Flows)-1], row.Minimal[len(row.Minimal)-1]
			r.logf("plan ratio N=%d, run %d: flows %s (CPU %s, provider %s), minimal %s (CPU %s, provider %s)", n, rep+1,
				fmtDur(f.Wall), fmtDur(f.TotalCPU), fmtDur(f.ProviderCPU), fmtDur(m.Wall), fmtDur(m.TotalCPU), fmtDur(m.ProviderCPU))
		}
		p.Close()
		rows = append(rows, row)
	}
	return rows, nil
}

// Instructions plans N flows and N minimal resources once each with the providers under
// callgrind (GOMAXPROCS=1), for CallgrindN.
func (r *Runner) Instructions(ctx context.Context) (InstrRow, error) {
	n := r.cfg.CallgrindN
	p, err := r.newRatioPair(ctx, n)
	if err != nil {
		return InstrRow{}, err
	}
	defer p.Close()
	row := InstrRow{N: n}
	dir := filepath.Join(r.cfg.WorkDir, "callgrind")
	if row.Minimal, err = r.measured(ctx, p.minimal, p.usage, dir, 0, planArgs...); err != nil {
		return row, err
	}
	if row.Flows, err = r.measured(ctx, p.flows, p.usage, dir, 0, planArgs...); err != nil {
		return row, err
	}
	r.logf("instructions, plan of %d: flows %.3g, minimal %.3g (%.3g per flow beyond)", n,
		float64(row.Flows.Instructions), float64(row.Minimal.Instructions), row.PerResource())
	return row, nil
}
