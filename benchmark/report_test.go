package benchmark

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func ms(v ...int) []time.Duration {
	out := make([]time.Duration, len(v))
	for i, x := range v {
		out[i] = time.Duration(x) * time.Millisecond
	}
	return out
}

// samples makes samples of the given wall times in ms, whose CPU is twice the wall.
func samples(wallMS ...int) []Sample {
	out := make([]Sample, len(wallMS))
	for i, w := range wallMS {
		d := time.Duration(w) * time.Millisecond
		out[i] = Sample{Wall: d, TotalCPU: 2 * d, ProviderCPU: d / 2}
	}
	return out
}

func sampleReport() *Report {
	return &Report{
		Date:    time.Date(2026, 11, 27, 5, 0, 0, 0, time.UTC),
		Command: "make bench",
		Machine: Machine{CPU: "Test CPU @ 2.0GHz", Cores: 2, OS: "linux/amd64", Go: "go1.26", Terraform: "Terraform v1.11.4"},
		Latency: 20 * time.Millisecond, Parallelism: 10, Repeats: 3, GoBenchRuns: 3,
		EmulatorWrites: []EmulatorWriteRow{{Case: "objects=10000/data/parallel", CreatesPerSec: []float64{110, 130, 117.3}}},
		Scale: []ScaleRow{
			// 500 flows: create needs 1000 calls → 2 s over the 3 s floor = 5 s ideal; 5.5 s is 1.10.
			{N: 500, Phase: PhaseCreate, Flows: ms(5600, 5500, 5400), Floor: ms(3000, 3100, 2900)},
			// plan needs 500 calls → 1 s + 1 s floor = 2 s ideal; 3 s is 1.50: a miss.
			{N: 500, Phase: PhaseRefresh, Flows: ms(3000, 3000, 3000), Floor: ms(1000, 1000, 1000)},
			{N: 10, Phase: PhaseRefresh, Flows: ms(900), Floor: ms(100)},
		},
		Economy: []EconomyRow{
			{Variant: VariantPlain, N: 500, Phase: PhaseCreate, Calls: map[string]int64{"CreateFlowForWeb": 500, "DescribeFlow": 500}},
			{Variant: VariantPlain, N: 500, Phase: PhaseUpdate, Calls: map[string]int64{"DescribeFlow": 1000, "ModifyFlowForWeb": 500}},
			{Variant: VariantPlain, N: 10, Phase: PhaseCreate, Calls: map[string]int64{"CreateFlowForWeb": 10, "DescribeFlow": 10}},
			{Variant: VariantJob, N: 100, Phase: PhaseCreate, Calls: map[string]int64{"CreateFlowForWeb": 100, "DescribeFlow": 100, "ListFlowJob": 100}},
		},
		GoBench: []GoBenchSummary{
			{Name: "ValidateLayout", Size: 100, Runs: 3, NsPerOp: 200_000},
			{Name: "ValidateLayout", Size: 10000, Runs: 3, NsPerOp: 30_000_000, BytesPerOp: 1 << 20, AllocsPerOp: 42},
		},
		GraphFits: []GraphFit{{Name: "ValidateLayout", Fit: Fit{Exponent: 1.09, R2: 0.999}}},
		BigFlow: []BigFlowRow{
			{Form: FormJSON, Nodes: 5000, Step: StepPlanCreate, Wall: 5 * time.Second, TotalCPU: 3 * time.Second},
			{Form: FormTyped, Nodes: 5000, Step: StepPlanCreate, Wall: 12 * time.Second, ProviderCPU: 4 * time.Second, PeakRSSKB: 204800, Processes: 3,
				TotalCPU: 9 * time.Second, Calls: map[string]int64{}},
			// 1000 → 5000 nodes: 9 s / 1.8 s = 5 = 5^1: linear.
			{Form: FormTyped, Nodes: 1000, Step: StepPlanCreate, Wall: 3 * time.Second, TotalCPU: 1800 * time.Millisecond},
		},
		PlanRatio: []PlanRatioRow{
			// ideal = 1.0 s do-nothing + 100 calls × 20 ms / 10 = 1.2 s; 1.5 s is 1.25: met at the edge.
			{N: 100, Flows: samples(1500, 1400, 1600), Minimal: samples(1000, 900, 1100), SameSchema: samples(1300)},
			// ideal = 2.0 s + 1.0 s = 3 s; 4.2 s is 1.40: a miss.
			{N: 500, Flows: samples(4200), Minimal: samples(2000)},
		},
		Instructions: &InstrRow{N: 20, Flows: Sample{Instructions: 1_400_000_000}, Minimal: Sample{Instructions: 1_000_000_000},
			SameSchema: Sample{Instructions: 1_200_000_000}},
		Startup:   Startup{Runs: 3, Flow: samples(130, 120, 140), DoNothing: samples(40, 30, 50), BinaryBytes: 26 << 20},
		Throttled: Throttled{Creates: 200, RPS: 20, Latency: 20 * time.Millisecond, Wall: 22 * time.Second, Calls: 450, Throttled: 50, Created: 200},
		Analysis:  "benchmark/ANALYSIS.md",
	}
}

func TestTargets(t *testing.T) {
	got := map[string]Target{}
	for _, tg := range sampleReport().Targets() {
		got[tg.Name] = tg
	}
	tests := []struct {
		name     string
		measured string
		met      bool
	}{
		{"scale ratio, N = 500, apply (create)", "1.10", true},
		{"scale ratio, N = 500, plan (refresh)", "1.50", false},
		{"calls per flow, START → END, apply (create), N = 500", "2.00", true},
		{"calls per flow, START → END, apply (update), N = 500", "3.00", true},
		{"calls per flow, START → JOB → END, apply (create), N = 100", "3.00", false},
		{"validate + layout, 10,000 nodes", "30.0 ms", true},
		{"validate + layout growth exponent", "1.09", true},
		// CPU is twice the wall in samples: 180 ms of CPU in each pair, 90 ms of wall.
		{"start-up overhead (terraform validate, CPU, paired with a do-nothing provider)", "180.0 ms (wall 90.0 ms)", false},
		// 3000 ms of CPU over the same schema's 2600 ms.
		{"CPU of the plan of 100 flows / the same plan with the same schema and no code", "1.15", false},
		{"throttled: 200 creates at 20 requests/s", "1.10 × bound, 0 errors", true},
		{"plan of 100 flows / (do-nothing provider's plan + API time)", "1.25 (CPU ratio 1.50)", true},
		{"plan of 500 flows / (do-nothing provider's plan + API time)", "1.40 (CPU ratio 2.10)", false},
		{"typed graph / graph_json, 5000 nodes, plan (create)", "2.40 (CPU 3.00)", true},
		{"typed graph growth exponent (CPU), plan (create)", "1.00", true},
	}
	for _, tt := range tests {
		tg, ok := got[tt.name]
		if !ok {
			t.Errorf("no target %q (have %v)", tt.name, got)
			continue
		}
		if tg.Measured != tt.measured || tg.Met != tt.met {
			t.Errorf("%s: measured %q met %v, want %q %v", tt.name, tg.Measured, tg.Met, tt.measured, tt.met)
		}
	}
	if _, ok := got["scale ratio, N = 10, plan (refresh)"]; ok {
		t.Error("targets hold at the largest N only")
	}
	if len(got) != len(tests) {
		t.Errorf("%d targets, want %d", len(got), len(tests))
	}
}

func TestThrottledTargetNeedsEveryFlow(t *testing.T) {
	r := sampleReport()
	r.Throttled.Created = 199
	for _, tg := range r.Targets() {
		if strings.HasPrefix(tg.Name, "throttled") && tg.Met {
			t.Error("a throttled run that lost a flow met its target")
		}
	}
}

func TestWriteMarkdown(t *testing.T) {
	var b strings.Builder
	if err := sampleReport().WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"# Benchmarks",
		"Generated by `make bench` on 2026-11-27 05:00 (UTC)",
		"Test CPU @ 2.0GHz, 2 cores, linux/amd64; go1.26; Terraform v1.11.4",
		"| scale ratio, N = 500, plan (refresh) | ≤ 1.15 | 1.50 | **no** |",
		"| scale ratio, N = 500, apply (create) | ≤ 1.15 | 1.10 | yes |",
		// N, phase, median, range, floor, calls needed, ideal, ratio
		"| 500 | apply (create) | 5500.0 ms | 5400.0 ms – 5600.0 ms | 3000.0 ms | 1000 | 5000.0 ms | 1.10 |",
		"| START → JOB → END | 100 | apply (create) | 3.00 | 2 | CreateFlowForWeb 100, DescribeFlow 100, ListFlowJob 100 |",
		"| START → END | 500 | apply (update) | 3.00 | 3 (1 refresh + 2) |",
		"| ValidateLayout | 10000 | 30000000 | 30.0 ms | 1048576 | 42 |",
		"| ValidateLayout | 1.09 | 0.999 |",
		"| graph { nodes } | 5000 | plan (create) | 12.00 s | 4000.0 ms | 200.0 MiB | 3 | 9000.0 ms | none |",
		"exponent k of CPU ≈ C·n^k: plan (create) 1.00 (R² 1.000)",
		// N, flows median, range, do-nothing, API time, ideal, ratio, CPU flows, CPU do-nothing, CPU ratio, provider CPU x2
		"| 100 | 1500.0 ms | 1400.0 ms – 1600.0 ms | 1000.0 ms | 1300.0 ms | 200.0 ms | 1200.0 ms | 1.25 | 3000.0 ms | 2000.0 ms | 2600.0 ms | 1.50 | 750.0 ms | 500.0 ms | 650.0 ms |",
		"flows 1.4e+09, do-nothing 1e+09, same schema 1.2e+09; flows / do-nothing 1.40; 2e+07 instructions per flow beyond the do-nothing resource, 1e+07 beyond the same schema",
		"| one emrflow_flow | 260.0 ms | 240.0 ms – 280.0 ms | 130.0 ms | 120.0 ms – 140.0 ms | 0 |",
		"| **overhead** (median of the paired differences) | 180.0 ms | | 90.0 ms | | |",
		"26.0 MiB",
		"| 22.00 s | 400 | 20.00 s | 1.10 | 450 | 50 | 0 | 0 | 200 |",
		"## Analysis\n\nWhat these figures mean, their causes (profiles, instruction counts) and what was changed for them is written by hand in [benchmark/ANALYSIS.md](benchmark/ANALYSIS.md)",
		"| objects=10000/data/parallel | 117 | 3 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in:\n%s", want, md)
		}
	}
}

// TestStartupPairedOverhead: the overhead is the median of the pairs' differences, not the
// difference of the medians, so that a run slowed by the machine in one pair moves one difference
// only.
func TestStartupPairedOverhead(t *testing.T) {
	s := Startup{Flow: samples(100, 300, 110), DoNothing: samples(90, 290, 300)}
	if got := s.WallOverhead(); got != 10*time.Millisecond {
		t.Errorf("WallOverhead = %s, want 10 ms (differences 10, 10, -190)", got)
	}
	if got := s.CPUOverhead(); got != 20*time.Millisecond {
		t.Errorf("CPUOverhead = %s, want 20 ms", got)
	}
	if got := (Startup{}).CPUOverhead(); got != 0 {
		t.Errorf("CPUOverhead of no runs = %s", got)
	}
}

// TestLoadMarks: a section during which other processes kept more than half a core busy has its
// wall figures marked, in the targets and under its title; one without says its load only, even
// when its own Terraform runs pushed the load average past the cores.
func TestLoadMarks(t *testing.T) {
	r := sampleReport()
	r.Loads = []SectionLoad{{Section: SectionScale, Before: 1, After: 3.5, Other: 1.2}, {Section: SectionStartup, Before: 0.5, After: 3, Other: 0.1}}
	got := map[string]string{}
	for _, tg := range r.Targets() {
		got[tg.Name] = tg.Measured
	}
	for name, want := range map[string]string{
		"scale ratio, N = 500, plan (refresh)":                                           "1.50, wall under load",
		"start-up overhead (terraform validate, CPU, paired with a do-nothing provider)": "180.0 ms (wall 90.0 ms)",
		"plan of 100 flows / (do-nothing provider's plan + API time)":                    "1.25 (CPU ratio 1.50)",
	} {
		if got[name] != want {
			t.Errorf("%s: measured %q, want %q", name, got[name], want)
		}
	}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## Scale (latency 20.0 ms, parallelism 10)\n\nLoad average (1 min) 1.00 before, 3.50 after, on 2 cores; other processes kept 1.20 cores busy: **wall times under load**",
		"## Start-up\n\nLoad average (1 min) 0.50 before, 3.00 after, on 2 cores; other processes kept 0.10 cores busy.\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
	if (SectionLoad{Before: 3, After: 3}).UnderLoad(0) {
		t.Error("under load with an unknown core count")
	}
	for _, tc := range []struct {
		l    SectionLoad
		want bool
	}{
		{SectionLoad{Before: 3, After: 3, Other: -1}, true},  // other work unknown: the load at the start
		{SectionLoad{Before: 1, After: 9, Other: -1}, false}, // unknown, idle at the start: its own work
		{SectionLoad{Before: 30, After: 30, Other: 0.4}, false},
		{SectionLoad{Before: 0, After: 0, Other: 0.6}, true},
	} {
		if got := tc.l.UnderLoad(2); got != tc.want {
			t.Errorf("%+v.UnderLoad(2) = %v, want %v", tc.l, got, tc.want)
		}
	}
}

func TestParseBusyTicks(t *testing.T) {
	// user nice system idle iowait irq softirq steal guest guest_nice
	got, err := parseBusyTicks("cpu  100 2 30 5000 40 5 6 7 8 9\ncpu0 1 2 3 4 5 6 7 8 9 10\n")
	if err != nil || got != 100+2+30+5+6+7 {
		t.Errorf("parseBusyTicks = %d, %v; want 150", got, err)
	}
	for _, bad := range []string{"", "intr 1 2 3", "cpu 1 2 3"} {
		if _, err := parseBusyTicks(bad); err == nil {
			t.Errorf("parseBusyTicks(%q): no error", bad)
		}
	}
}

// TestOtherCores: this process's own busy loop is not counted as other work, and a sample that
// could not be read makes the figure unknown.
func TestOtherCores(t *testing.T) {
	a := SampleCPU()
	if !a.ok {
		t.Skip("no /proc/stat here")
	}
	deadline := time.Now().Add(300 * time.Millisecond)
	for n := 0; time.Now().Before(deadline); n++ {
		_ = n * n
	}
	b := SampleCPU()
	if got := OtherCores(a, b); got < 0 || got > 2*float64(runtime.NumCPU()) {
		t.Errorf("OtherCores = %.2f", got)
	}
	if got := OtherCores(CPUSample{}, b); got != -1 {
		t.Errorf("OtherCores of an unknown sample = %.2f, want -1", got)
	}
	synthetic := OtherCores(CPUSample{Busy: 10, Own: 4, Wall: a.Wall, ok: true}, CPUSample{Busy: 14, Own: 5, Wall: a.Wall.Add(2 * time.Second), ok: true})
	if synthetic != 1.5 {
		t.Errorf("OtherCores = %.2f, want (4-1)/2 = 1.5", synthetic)
	}
}

func TestParseLoadAverage(t *testing.T) {
	if v, err := parseLoadAverage("20.45 34.10 12.00 3/812 99123\n"); err != nil || v != 20.45 {
		t.Errorf("parseLoadAverage = %v, %v", v, err)
	}
	for _, bad := range []string{"", "x 1 2"} {
		if _, err := parseLoadAverage(bad); err == nil {
			t.Errorf("parseLoadAverage(%q): no error", bad)
		}
	}
}

func TestWriteMarkdownLeavesOutWhatDidNotRun(t *testing.T) {
	r := &Report{Date: time.Now(), Command: "x", Latency: time.Millisecond, Parallelism: 10}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"## Scale", "## Plan at the cost", "Instructions of", "## API economy", "## Large graphs", "## Start-up", "## Throttled", "## Emulator writes", "## Analysis"} {
		if strings.Contains(b.String(), absent) {
			t.Errorf("section %q rendered without data", absent)
		}
	}
}

func TestCPUModel(t *testing.T) {
	in := "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nprocessor\t: 1\nmodel name\t: other\n"
	if got := cpuModel(strings.NewReader(in)); got != "Intel(R) Xeon(R) CPU @ 2.20GHz" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel(strings.NewReader("flags: x\n")); got != "" {
		t.Errorf("cpuModel without a model = %q", got)
	}
}

func TestReadUsage(t *testing.T) {
	us, err := ReadUsage(strings.NewReader(`{"cpu_ns":20000000,"max_rss_kb":23000,"wall_ns":1}` + "\n\n" + `{"cpu_ns":5000000,"max_rss_kb":90000,"wall_ns":1}` + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	cpu, rss := UsageTotal(us)
	if len(us) != 2 || cpu != 25*time.Millisecond || rss != 90000 {
		t.Errorf("got %d processes, cpu %v, rss %d", len(us), cpu, rss)
	}
	if _, err := ReadUsage(strings.NewReader("not json\n")); err == nil {
		t.Error("a corrupt line was accepted")
	}
}

func TestCallgrindTotal(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want int64
		ok   bool
	}{
		"totals":            {"version: 1\nevents: Ir\nsummary: 100\nfn=main\n1 5\ntotals: 123456789\n", 123456789, true},
		"summary only":      {"events: Ir\nsummary: 4242\n", 4242, true},
		"neither":           {"events: Ir\n", 0, false},
		"not a number":      {"totals: many\n", 0, false},
		"totals before sum": {"totals: 7\nsummary: 9\n", 7, true},
	} {
		got, err := CallgrindTotal(strings.NewReader(tc.in))
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%s: got %d, %v; want %d, ok=%v", name, got, err, tc.want, tc.ok)
		}
	}
}

func TestPlanRatioRow(t *testing.T) {
	row := PlanRatioRow{N: 100, Flows: samples(1500), Minimal: samples(1000)}
	if got := row.APITime(20*time.Millisecond, 10); got != 200*time.Millisecond {
		t.Errorf("API time %v, want 200ms (100 DescribeFlow × 20 ms / 10)", got)
	}
	if got := row.Ratio(20*time.Millisecond, 10); got != 1.25 {
		t.Errorf("ratio %v, want 1.25", got)
	}
	if got := row.CPURatio(); got != 1.5 {
		t.Errorf("CPU ratio %v, want 1.5", got)
	}
	if got := (InstrRow{N: 10, Flows: Sample{Instructions: 300}, Minimal: Sample{Instructions: 100}}).PerResource(); got != 20 {
		t.Errorf("per resource %v, want 20", got)
	}
}
