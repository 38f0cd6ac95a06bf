package benchmark

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Phase names of the scale runs.
const (
	PhaseCreate  = "apply (create)"
	PhaseRefresh = "plan (refresh)"
	PhaseUpdate  = "apply (update)"
	PhaseDestroy = "destroy"
)

// Phases in the order they run.
var Phases = []string{PhaseCreate, PhaseRefresh, PhaseUpdate, PhaseDestroy}

// CallLimit is what a phase needs per flow, split into Terraform's refresh (a read of each flow
// before an apply or destroy plans) and the operation itself. The limits: refresh 1,
// create 2 (the write and one read), update 2, delete 1.
type CallLimit struct {
	Refresh   int
	Operation int
}

// Total is the calls per flow of the phase.
func (l CallLimit) Total() int { return l.Refresh + l.Operation }

func (l CallLimit) String() string {
	if l.Refresh == 0 {
		return fmt.Sprintf("%d", l.Operation)
	}
	if l.Operation == 0 {
		return fmt.Sprintf("%d", l.Refresh)
	}
	return fmt.Sprintf("%d (%d refresh + %d)", l.Total(), l.Refresh, l.Operation)
}

// Limits per phase: `terraform apply` and `terraform destroy` refresh every resource first (one
// DescribeFlow), then write.
var Limits = map[string]CallLimit{
	PhaseCreate:  {Refresh: 0, Operation: 2},
	PhaseRefresh: {Refresh: 1, Operation: 0},
	PhaseUpdate:  {Refresh: 1, Operation: 2},
	PhaseDestroy: {Refresh: 1, Operation: 1},
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPU       string
	Cores     int
	OS        string
	Go        string
	Terraform string
}

// ScaleRow is one phase at one N: the flows and the terraform_data floor, each timed Repeats times.
type ScaleRow struct {
	N     int
	Phase string
	Flows []time.Duration
	Floor []time.Duration
}

// Ideal is the row's physical limit (median floor + needed calls × latency / parallelism).
func (r ScaleRow) Ideal(latency time.Duration, parallelism int) time.Duration {
	return Ideal(Median(r.Floor), r.N*Limits[r.Phase].Total(), latency, parallelism)
}

// Ratio is the median flow time over the ideal.
func (r ScaleRow) Ratio(latency time.Duration, parallelism int) float64 {
	return Ratio(Median(r.Flows), r.Ideal(latency, parallelism))
}

// EconomyRow is the API calls one phase made, counted by the emulator.
type EconomyRow struct {
	Variant string // which graph
	N       int
	Phase   string
	Calls   map[string]int64
	Faults  int64 // throttled, failed or ambiguous requests, all counted in Calls
}

// Total is every call of the phase.
func (r EconomyRow) Total() int64 {
	var t int64
	for _, v := range r.Calls {
		t += v
	}
	return t
}

// PerFlow is Total / N.
func (r EconomyRow) PerFlow() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.Total()) / float64(r.N)
}

// GraphFit is the growth of one graph benchmark over the sizes.
type GraphFit struct {
	Name string
	Fit  Fit
}

// Forms of the large graph and steps of its runs.
const (
	FormJSON        = "graph_json"
	FormTyped       = "graph { nodes }"
	StepPlanCreate  = "plan (create)"
	StepApplyCreate = "apply (create)"
	StepPlanRefresh = "plan (refresh, no changes)"
)

// BigFlowRow is one CLI run over the flow with the large graph.
type BigFlowRow struct {
	Form        string // FormTyped or FormJSON
	Nodes       int
	Step        string
	Wall        time.Duration
	ProviderCPU time.Duration
	PeakRSSKB   int64
	Processes   int           // provider processes Terraform started
	TotalCPU    time.Duration // terraform and every provider process (wait4 of terraform)
	Calls       map[string]int64
}

// Startup compares `terraform validate` of one flow with the same command over one resource of the
// do-nothing provider: Flow[i] and DoNothing[i] ran one after the other (a pair).
type Startup struct {
	Runs        int
	Flow        []Sample
	DoNothing   []Sample
	BinaryBytes int64
}

// CPUOverhead is the median over the pairs of the difference in CPU (Terraform and its providers):
// the provider's start-up cost, steady under load.
func (s Startup) CPUOverhead() time.Duration {
	return s.pairedOverhead(func(x Sample) time.Duration { return x.TotalCPU })
}

// WallOverhead is the same for wall time, which the machine's load moves.
func (s Startup) WallOverhead() time.Duration {
	return s.pairedOverhead(func(x Sample) time.Duration { return x.Wall })
}

func (s Startup) pairedOverhead(f func(Sample) time.Duration) time.Duration {
	n := min(len(s.Flow), len(s.DoNothing))
	d := make([]time.Duration, n)
	for i := range n {
		d[i] = f(s.Flow[i]) - f(s.DoNothing[i])
	}
	return Median(d)
}

// Throttled is the run of creates against a rate limit.
type Throttled struct {
	Creates   int
	RPS       float64
	Latency   time.Duration
	Wall      time.Duration
	Calls     int64 // every request, throttled ones included
	Throttled int64
	ExitCode  int
	Errors    int // error diagnostics in the CLI's output
	Created   int // flows on the server afterwards
}

// Needed is the calls the creates need (limit 2 each).
func (t Throttled) Needed() int { return t.Creates * Limits[PhaseCreate].Total() }

// Bound is the rate bound: the needed calls at the permitted rate.
func (t Throttled) Bound() time.Duration {
	if t.RPS <= 0 {
		return 0
	}
	return time.Duration(float64(t.Needed()) / t.RPS * float64(time.Second))
}

// Report is everything BENCHMARKS.md shows.
type Report struct {
	Date        time.Time
	Command     string
	Machine     Machine
	Latency     time.Duration
	Parallelism int
	Repeats     int
	Elapsed     time.Duration

	Scale   []ScaleRow
	Economy []EconomyRow

	GoBench     []GoBenchSummary
	GoBenchRuns int
	GraphFits   []GraphFit
	BigFlow     []BigFlowRow

	PlanRatio    []PlanRatioRow
	Instructions *InstrRow

	Startup   Startup
	Throttled Throttled

	EmulatorWrites []EmulatorWriteRow

	// Loads are the machine's load averages around each section: wall times taken at a load above
	// the cores are marked as such.
	Loads []SectionLoad
	// Analysis is the path (relative to the report) of the hand-written analysis the report links
	// to; "" for none. The analysis lives there only, not in the generated file.
	Analysis string
}

// Sections of a run, as Report.Loads names them.
const (
	SectionStartup        = "start-up"
	SectionPlanRatio      = "plan ratio"
	SectionInstructions   = "instructions"
	SectionScale          = "scale"
	SectionGoBench        = "graph benchmarks"
	SectionBigFlow        = "large flow"
	SectionThrottled      = "throttled"
	SectionEmulatorWrites = "emulator writes"
)

// SectionLoad is the 1-minute load average of the machine before and after one section of the
// run, and the cores that processes other than the benchmark's kept busy meanwhile (OtherCores;
// -1: unknown).
type SectionLoad struct {
	Section       string
	Before, After float64
	Other         float64
}

// otherWorkLimit is the share of the machine that other processes may use during a section before
// its wall times are marked: half a core.
const otherWorkLimit = 0.5

// UnderLoad reports whether other work shared the cores during the section, so that its wall times
// measure that work too. It is judged from the CPU that other processes used (Other), not from
// the load average, which the benchmark's own Terraform runs push past the core count; where
// Other is unknown, from the load average exceeding the cores at the section's start.
func (l SectionLoad) UnderLoad(cores int) bool {
	if l.Other >= 0 {
		return l.Other > otherWorkLimit
	}
	return cores > 0 && l.Before > float64(cores)
}

// load returns the load record of section.
func (r *Report) load(section string) (SectionLoad, bool) {
	for _, l := range r.Loads {
		if l.Section == section {
			return l, true
		}
	}
	return SectionLoad{}, false
}

// underLoad reports whether section's wall times were taken under load.
func (r *Report) underLoad(section string) bool {
	l, ok := r.load(section)
	return ok && l.UnderLoad(r.Machine.Cores)
}

// wallMark is appended to a target's measured wall-time figure taken under load.
func (r *Report) wallMark(section string) string {
	if r.underLoad(section) {
		return ", wall under load"
	}
	return ""
}

// loadNote is the line under a section's title that gives its load, and warns when its wall times
// were taken under load.
func (r *Report) loadNote(section string) string {
	l, ok := r.load(section)
	if !ok {
		return ""
	}
	note := fmt.Sprintf("Load average (1 min) %.2f before, %.2f after, on %d cores", l.Before, l.After, r.Machine.Cores)
	if l.Other >= 0 {
		note += fmt.Sprintf("; other processes kept %.2f cores busy", l.Other)
	}
	if l.UnderLoad(r.Machine.Cores) {
		return note + ": **wall times under load** (other work shared the cores; compare the CPU times).\n\n"
	}
	return note + ".\n\n"
}

// Target is one goal of the issue with its measured value.
type Target struct {
	Name     string
	Goal     string
	Measured string
	Met      bool
}

// Targets evaluates the goals against the report.
func (r *Report) Targets() []Target {
	var out []Target
	maxN := 0
	for _, row := range r.Scale {
		maxN = max(maxN, row.N)
	}
	for _, row := range r.Scale {
		if row.N != maxN {
			continue
		}
		ratio := row.Ratio(r.Latency, r.Parallelism)
		out = append(out, Target{
			Name:     fmt.Sprintf("scale ratio, N = %d, %s", row.N, row.Phase),
			Goal:     "≤ 1.15",
			Measured: fmt.Sprintf("%.2f", ratio) + r.wallMark(SectionScale),
			Met:      ratio <= 1.15,
		})
	}
	for _, row := range r.Economy {
		if row.Variant == VariantPlain && row.N != maxN {
			continue // the limits hold at every N; the table shows them all, the targets the largest
		}
		lim := Limits[row.Phase]
		limit := float64(lim.Total())
		out = append(out, Target{
			Name:     fmt.Sprintf("calls per flow, %s, %s, N = %d", row.Variant, row.Phase, row.N),
			Goal:     "≤ " + lim.String(),
			Measured: fmt.Sprintf("%.2f", row.PerFlow()),
			Met:      row.PerFlow() <= limit,
		})
	}
	for _, row := range r.PlanRatio {
		ratio := row.Ratio(r.Latency, r.Parallelism)
		out = append(out, Target{
			Name:     fmt.Sprintf("plan of %d flows / (do-nothing provider's plan + API time)", row.N),
			Goal:     "≤ 1.25 (goal ≤ 1.15)",
			Measured: fmt.Sprintf("%.2f (CPU ratio %.2f%s)", ratio, row.CPURatio(), r.wallMark(SectionPlanRatio)),
			Met:      ratio <= 1.25,
		})
		if len(row.SameSchema) > 0 {
			same := row.SameSchemaCPURatio()
			out = append(out, Target{
				Name:     fmt.Sprintf("CPU of the plan of %d flows / the same plan with the same schema and no code", row.N),
				Goal:     "≤ 1.10",
				Measured: fmt.Sprintf("%.2f", same),
				Met:      same <= 1.10,
			})
		}
	}
	out = append(out, r.typedGraphTargets()...)
	if s, ok := r.goBench("ValidateLayout", 10000); ok {
		out = append(out, Target{
			Name: "validate + layout, 10,000 nodes", Goal: "< 100 ms",
			Measured: fmtDur(time.Duration(s.NsPerOp)), Met: s.NsPerOp < float64(100*time.Millisecond),
		})
	}
	for _, f := range r.GraphFits {
		if f.Name != "ValidateLayout" {
			continue
		}
		out = append(out, Target{
			Name: "validate + layout growth exponent", Goal: "near-linear (≤ 1.2)",
			Measured: fmt.Sprintf("%.2f", f.Fit.Exponent), Met: f.Fit.Exponent <= 1.2,
		})
	}
	if len(r.Startup.Flow) > 0 {
		o := r.Startup.CPUOverhead()
		out = append(out, Target{
			Name: "start-up overhead (terraform validate, CPU, paired with a do-nothing provider)", Goal: "≤ 50 ms",
			Measured: fmt.Sprintf("%s (wall %s%s)", fmtDur(o), fmtDur(r.Startup.WallOverhead()), r.wallMark(SectionStartup)),
			Met:      o <= 50*time.Millisecond,
		})
	}
	if t := r.Throttled; t.Creates > 0 {
		ratio := Ratio(t.Wall, t.Bound())
		out = append(out, Target{
			Name: fmt.Sprintf("throttled: %d creates at %g requests/s", t.Creates, t.RPS), Goal: "≤ 1.25 × bound, 0 errors",
			Measured: fmt.Sprintf("%.2f × bound, %d errors%s", ratio, t.Errors, r.wallMark(SectionThrottled)),
			Met:      ratio <= 1.25 && t.Errors == 0 && t.ExitCode == 0 && t.Created == t.Creates,
		})
	}
	return out
}

// TypedGraphRatio is, for one step of the large-flow runs at n nodes, the typed graph's wall and
// CPU over graph_json's; ok is false when one of them was not measured.
func (r *Report) TypedGraphRatio(step string, n int) (wall, cpu float64, ok bool) {
	var typed, js *BigFlowRow
	for i := range r.BigFlow {
		row := &r.BigFlow[i]
		if row.Step != step || row.Nodes != n {
			continue
		}
		switch row.Form {
		case FormTyped:
			typed = row
		case FormJSON:
			js = row
		}
	}
	if typed == nil || js == nil {
		return 0, 0, false
	}
	return Ratio(typed.Wall, js.Wall), Ratio(typed.TotalCPU, js.TotalCPU), true
}

// TypedGraphGrowth fits the typed graph's CPU (Terraform and provider) of one step over the node
// counts measured; ok is false with fewer than two sizes.
func (r *Report) TypedGraphGrowth(step string) (Fit, bool) {
	var n, y []float64
	for _, row := range r.BigFlow {
		if row.Form == FormTyped && row.Step == step && row.TotalCPU > 0 {
			n = append(n, float64(row.Nodes))
			y = append(y, float64(row.TotalCPU))
		}
	}
	f, err := FitExponent(n, y)
	return f, err == nil
}

func (r *Report) typedGraphTargets() []Target {
	var out []Target
	maxTyped := 0
	for _, row := range r.BigFlow {
		if row.Form == FormTyped {
			maxTyped = max(maxTyped, row.Nodes)
		}
	}
	for _, step := range []string{StepPlanCreate, StepApplyCreate, StepPlanRefresh} {
		if wall, cpu, ok := r.TypedGraphRatio(step, maxTyped); ok {
			out = append(out, Target{
				Name:     fmt.Sprintf("typed graph / graph_json, %d nodes, %s", maxTyped, step),
				Goal:     "≤ 3",
				Measured: fmt.Sprintf("%.2f (CPU %.2f%s)", wall, cpu, r.wallMark(SectionBigFlow)),
				Met:      wall <= 3,
			})
		}
		if f, ok := r.TypedGraphGrowth(step); ok {
			out = append(out, Target{
				Name:     fmt.Sprintf("typed graph growth exponent (CPU), %s", step),
				Goal:     "linear (≤ 1.15)",
				Measured: fmt.Sprintf("%.2f", f.Exponent),
				Met:      f.Exponent <= 1.15,
			})
		}
	}
	return out
}

func (r *Report) goBench(name string, size int) (GoBenchSummary, bool) {
	for _, s := range r.GoBench {
		if s.Name == name && s.Size == size {
			return s, true
		}
	}
	return GoBenchSummary{}, false
}

// Graph variants of the API-economy runs.
const (
	VariantPlain = "START → END"
	VariantJob   = "START → JOB → END"
)

// WriteMarkdown renders the report.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }

	p("# Benchmarks\n\n")
	p("Generated by `%s` on %s (UTC), in %s. Do not edit by hand: run the command again.\n\n",
		r.Command, r.Date.UTC().Format("2006-01-02 15:04"), r.Elapsed.Round(time.Second))
	p("Machine: %s, %d cores, %s; %s; %s.\n\n", orUnknown(r.Machine.CPU), r.Machine.Cores, orUnknown(r.Machine.OS),
		orUnknown(r.Machine.Go), orUnknown(r.Machine.Terraform))

	p("## Method\n\n")
	p("- Every figure comes from the real Terraform CLI (`test/cliharness`): the provider is built as `make build` builds it " +
		"(`-trimpath -ldflags '-s -w'`), installed with `dev_overrides`, and talks to an emulator in the benchmark's process.\n")
	p("- The emulator adds %s of latency to every API request, concurrently (a sleep per request, not a queue), and counts "+
		"every request it receives by action (`Server.Stats`, the same counters as `GET /__emulator/stats`); the counters are "+
		"reset before each phase, so the call counts are measured, not estimated.\n", fmtDur(r.Latency))
	p("- Terraform runs with `-parallelism=%d` (its default). The **floor** is the same CLI doing the same phase over the "+
		"same number of built-in `terraform_data` resources, in a directory that does not require the emrflow provider, "+
		"measured in the same run, interleaved with the flow runs.\n", r.Parallelism)
	p("- **Ideal** = median floor + (API calls the phase needs) × %s / %d. A phase needs per flow: create 2 (the write and "+
		"one read), plan 1 (the refresh read), update 3 and destroy 2 (Terraform refreshes every resource before it "+
		"applies or destroys, then 2 and 1). **Ratio** = median measured time / ideal.\n", fmtDur(r.Latency), r.Parallelism)
	p("- Timed phases are repeated %d times (a cycle create → plan → update → destroy, repeated); the tables show the "+
		"median and the range.\n", r.Repeats)
	p("- Provider CPU time and peak RSS: Terraform starts a small wrapper (the benchmark binary, under the provider's " +
		"name in the `dev_overrides` directory) that starts the real provider with the same standard streams, waits for it " +
		"and records its `wait4` rusage (user + system CPU, `ru_maxrss`). This is exact per provider process, including " +
		"the short-lived ones Terraform starts only to read the schema. \"CLI + provider CPU\" is Terraform's own rusage, " +
		"which includes the children it waited for.\n")
	p("- Graph benchmarks: `go test -run '^$' -bench . -benchmem -benchtime 300ms -count %d ./internal/graph/`; the median of the runs; "+
		"the growth exponent k of ns/op ≈ C·n^k is a least-squares fit on log-log axes over the sizes.\n\n", r.GoBenchRuns)

	p("## Targets\n\n")
	p("| target | goal | measured | met |\n|---|---|---|---|\n")
	for _, t := range r.Targets() {
		met := "yes"
		if !t.Met {
			met = "**no**"
		}
		p("| %s | %s | %s | %s |\n", t.Name, t.Goal, t.Measured, met)
	}
	p("\n")

	if len(r.Scale) > 0 {
		p("## Scale (latency %s, parallelism %d)\n\n", fmtDur(r.Latency), r.Parallelism)
		p("%s", r.loadNote(SectionScale))
		p("| N | phase | flows (median) | flows (range) | floor: terraform_data (median) | calls needed | ideal | ratio |\n")
		p("|---:|---|---:|---:|---:|---:|---:|---:|\n")
		for _, row := range r.Scale {
			lo, hi := Spread(row.Flows)
			p("| %d | %s | %s | %s – %s | %s | %d | %s | %.2f |\n", row.N, row.Phase, fmtDur(Median(row.Flows)),
				fmtDur(lo), fmtDur(hi), fmtDur(Median(row.Floor)), row.N*Limits[row.Phase].Total(),
				fmtDur(row.Ideal(r.Latency, r.Parallelism)), row.Ratio(r.Latency, r.Parallelism))
		}
		p("\n")
	}

	if len(r.PlanRatio) > 0 {
		p("## Plan at the cost of a do-nothing provider (latency %s, parallelism %d)\n\n", fmtDur(r.Latency), r.Parallelism)
		p("%s", r.loadNote(SectionPlanRatio))
		p("`terraform plan` (refresh, no changes) of N flows (each a four-node graph START → two JOB nodes → END, a cron "+
			"schedule and an alert) and of N resources of a do-nothing "+
			"terraform-plugin-framework provider (`benchmark/cmd/minimal-provider`: one resource of one string "+
			"attribute, no API, the same process set-up as the provider), built and run in the same way through the usage "+
			"wrapper, %d runs each, in turn. **Ideal** = the do-nothing plan (median) + the API's own "+
			"answer time (N DescribeFlow × %s / %d); **ratio** = flows (median) / ideal. The **CPU ratio** divides the CPU "+
			"of Terraform and the provider processes (rusage) of the two plans: the same comparison without wall time. "+
			"**Same schema**: the do-nothing provider's `emrflow_flow`, which has the real resource's schema and no code "+
			"(no API, no validation, no plan modification; it stores placeholders for what the API would fill in, so that its "+
			"plan has no changes either): what the schema alone costs in the framework and the CLI.\n\n",
			len(r.PlanRatio[0].Flows), fmtDur(r.Latency), r.Parallelism)
		p("| N | flows (median) | flows (range) | do-nothing (median) | same schema (median) | API time | ideal | ratio | CPU flows | CPU do-nothing | CPU same schema | CPU ratio | provider CPU flows | provider CPU do-nothing | provider CPU same schema |\n")
		p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, row := range r.PlanRatio {
			lo, hi := Spread(walls(row.Flows))
			cpu := func(s []Sample) string {
				return fmtDur(Median(pick(s, func(s Sample) time.Duration { return s.TotalCPU })))
			}
			prov := func(s []Sample) string {
				return fmtDur(Median(pick(s, func(s Sample) time.Duration { return s.ProviderCPU })))
			}
			p("| %d | %s | %s – %s | %s | %s | %s | %s | %.2f | %s | %s | %s | %.2f | %s | %s | %s |\n", row.N, fmtDur(Median(walls(row.Flows))),
				fmtDur(lo), fmtDur(hi), fmtDur(Median(walls(row.Minimal))), fmtDur(Median(walls(row.SameSchema))),
				fmtDur(row.APITime(r.Latency, r.Parallelism)), fmtDur(row.Ideal(r.Latency, r.Parallelism)), row.Ratio(r.Latency, r.Parallelism),
				cpu(row.Flows), cpu(row.Minimal), cpu(row.SameSchema), row.CPURatio(), prov(row.Flows), prov(row.Minimal), prov(row.SameSchema))
		}
		p("\n")
		if in := r.Instructions; in != nil {
			p("Instructions of the provider process in one such plan of %d resources (`valgrind --tool=cachegrind`, "+
				"`GOMAXPROCS=1`, the provider attached with `TF_REATTACH_PROVIDERS`; a process serving three plans less one "+
				"serving one, halved: start-up left out; runs of the same build differ by up to ±3%%): flows %.3g, do-nothing %.3g, same schema %.3g; "+
				"flows / do-nothing %.2f; %.3g instructions per flow beyond the do-nothing resource, %.3g beyond the same schema.\n\n",
				in.N, float64(in.Flows.Instructions), float64(in.Minimal.Instructions), float64(in.SameSchema.Instructions),
				float64(in.Flows.Instructions)/float64(max(in.Minimal.Instructions, 1)), in.PerResource(),
				float64(in.Flows.Instructions-in.SameSchema.Instructions)/float64(max(in.N, 1)))
		}
	}

	if len(r.Economy) > 0 {
		p("## API economy (calls per flow, counted by the emulator)\n\n")
		p("| graph | N | phase | calls per flow | limit | calls by action |\n|---|---:|---|---:|---|---|\n")
		for _, row := range r.Economy {
			p("| %s | %d | %s | %.2f | %s | %s |\n", row.Variant, row.N, row.Phase, row.PerFlow(),
				Limits[row.Phase].String(), fmtCalls(row.Calls))
		}
		p("\n")
	}

	if len(r.GoBench) > 0 {
		p("## Large graphs: codec, validation, layout (Go benchmarks)\n\n")
		p("%s", r.loadNote(SectionGoBench))
		p("| benchmark | nodes | ns/op | time/op | B/op | allocs/op |\n|---|---:|---:|---:|---:|---:|\n")
		for _, s := range r.GoBench {
			p("| %s | %d | %.0f | %s | %d | %d |\n", s.Name, s.Size, s.NsPerOp, fmtDur(time.Duration(s.NsPerOp)), s.BytesPerOp, s.AllocsPerOp)
		}
		p("\n| benchmark | growth exponent k (ns/op ≈ C·n^k) | R² |\n|---|---:|---:|\n")
		for _, f := range r.GraphFits {
			p("| %s | %.2f | %.3f |\n", f.Name, f.Fit.Exponent, f.Fit.R2)
		}
		p("\n")
	}

	if len(r.BigFlow) > 0 {
		p("## One flow with a large graph, end to end (latency %s)\n\n", fmtDur(r.Latency))
		p("%s", r.loadNote(SectionBigFlow))
		p("| graph written as | nodes | step | wall | provider CPU | provider peak RSS | provider processes | CLI + provider CPU | API calls |\n")
		p("|---|---:|---|---:|---:|---:|---:|---:|---|\n")
		for _, row := range r.BigFlow {
			p("| %s | %d | %s | %s | %s | %.1f MiB | %d | %s | %s |\n", row.Form, row.Nodes, row.Step, fmtDur(row.Wall), fmtDur(row.ProviderCPU),
				float64(row.PeakRSSKB)/1024, row.Processes, fmtDur(row.TotalCPU), fmtCalls(row.Calls))
		}
		p("\n")
		var fits []string
		for _, step := range []string{StepPlanCreate, StepApplyCreate, StepPlanRefresh} {
			if f, ok := r.TypedGraphGrowth(step); ok {
				fits = append(fits, fmt.Sprintf("%s %.2f (R² %.3f)", step, f.Exponent, f.R2))
			}
		}
		if len(fits) > 0 {
			p("Growth of the typed graph's CPU (CLI + provider) with the node count, exponent k of CPU ≈ C·n^k: %s.\n\n", strings.Join(fits, ", "))
		}
	}

	if s := r.Startup; len(s.Flow) > 0 {
		p("## Start-up\n\n")
		p("%s", r.loadNote(SectionStartup))
		p("`terraform validate` of one emrflow_flow, and of one resource of the do-nothing provider "+
			"(`benchmark/cmd/minimal-provider`), both through the usage wrapper, in %d pairs that alternate which runs first "+
			"(after one warm-up pair). **Overhead** = the median over the pairs of the difference: CPU (Terraform's rusage, "+
			"which includes the provider processes it started) is the figure; wall time moves with the machine's load.\n\n", s.Runs)
		p("| configuration | CPU (median) | CPU (range) | wall (median) | wall (range) | provider processes |\n|---|---:|---:|---:|---:|---:|\n")
		for _, side := range []struct {
			name string
			s    []Sample
		}{{"one emrflow_flow", s.Flow}, {"one resource of the do-nothing provider", s.DoNothing}} {
			clo, chi := Spread(cpus(side.s))
			wlo, whi := Spread(walls(side.s))
			p("| %s | %s | %s – %s | %s | %s – %s | %d |\n", side.name, fmtDur(Median(cpus(side.s))), fmtDur(clo), fmtDur(chi),
				fmtDur(Median(walls(side.s))), fmtDur(wlo), fmtDur(whi), side.s[0].Processes)
		}
		p("| **overhead** (median of the paired differences) | %s | | %s | | |\n\n", fmtDur(s.CPUOverhead()), fmtDur(s.WallOverhead()))
		p("Provider binary (`-trimpath -ldflags '-s -w'`): %.1f MiB (%d bytes).\n\n", float64(s.BinaryBytes)/(1<<20), s.BinaryBytes)
	}

	if t := r.Throttled; t.Creates > 0 {
		p("## Throttled\n\n")
		p("%s", r.loadNote(SectionThrottled))
		p("%d flows created by one `terraform apply` against an emulator limited to %g requests/s (token bucket holding one "+
			"second of requests; over the rate: `Throttling.User`, nothing executed), latency %s, parallelism %d.\n\n",
			t.Creates, t.RPS, fmtDur(t.Latency), r.Parallelism)
		p("| wall | calls needed | rate bound (needed / rate) | wall / bound | requests sent | throttled | exit code | errors | flows created |\n")
		p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		p("| %s | %d | %s | %.2f | %d | %d | %d | %d | %d |\n\n", fmtDur(t.Wall), t.Needed(), fmtDur(t.Bound()),
			Ratio(t.Wall, t.Bound()), t.Calls, t.Throttled, t.ExitCode, t.Errors, t.Created)
	}

	if len(r.EmulatorWrites) > 0 {
		p("## Emulator writes\n\n")
		p("%s", r.loadNote(SectionEmulatorWrites))
		p("`CreateFlowProject` through the official SDK client against the in-process emulator over loopback "+
			"(`go test -bench %s ./internal/emulator/`): on an empty state and on one of 10,000 projects, the state in "+
			"memory or in a `-data` file (every create acknowledged once on disk), one client or ten at once.\n\n", emulatorWritesBench)
		p("| case | creates/s (median) | runs |\n|---|---:|---:|\n")
		for _, w := range r.EmulatorWrites {
			p("| %s | %.0f | %d |\n", w.Case, MedianFloat(w.CreatesPerSec), len(w.CreatesPerSec))
		}
		p("\n")
	}

	if r.Analysis != "" {
		p("## Analysis\n\n")
		p("What these figures mean, their causes (profiles, instruction counts) and what was changed for them is written by "+
			"hand in [%s](%s), kept apart from this generated file.\n", r.Analysis, r.Analysis)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// fmtDur prints a duration with three significant digits in ms or s.
func fmtDur(d time.Duration) string {
	switch {
	case d < 0:
		return "-" + fmtDur(-d)
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
	case d < 10*time.Second:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
}

// fmtCalls prints "Action×n, …" sorted by action.
func fmtCalls(calls map[string]int64) string {
	if len(calls) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(calls))
	for k := range calls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, calls[k])
	}
	return strings.Join(parts, ", ")
}
