package benchmark

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The provider's own CPU time and peak RSS are read by interposing a small wrapper between
// Terraform and the provider: Terraform starts the wrapper (the benchmark binary itself, linked
// under the provider's name in a dev_overrides directory), the wrapper starts the real provider
// with the same standard streams (so go-plugin's handshake and gRPC pass straight through), waits
// for it, and appends the provider's rusage (wait4: user+system CPU, ru_maxrss) to a file. This
// is exact per provider process, including the short-lived ones Terraform starts only to read the
// schema, where sampling /proc could miss them.
const (
	// WrapTargetEnv names the real provider binary; when set, the benchmark binary acts as the
	// wrapper.
	WrapTargetEnv = "EMRFLOW_BENCH_WRAP_TARGET"
	// WrapOutputEnv names the file the wrapper appends one JSON line per provider process to.
	WrapOutputEnv = "EMRFLOW_BENCH_WRAP_OUTPUT"
)

// ProcessUsage is the resource usage of one provider process.
type ProcessUsage struct {
	CPU      time.Duration `json:"cpu_ns"` // user + system
	MaxRSSKB int64         `json:"max_rss_kb"`
	Wall     time.Duration `json:"wall_ns"`
}

// RunWrapper runs the target with this process's arguments and standard streams, forwards
// SIGINT and SIGTERM to it, records its usage, and returns its exit code.
func RunWrapper(target, output string, args []string) int {
	cmd := exec.Command(target, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "emrflow-bench wrapper: %v\n", err)
		return 1
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	signal.Stop(sigs)
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		code = 1
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && output != "" {
		u := ProcessUsage{
			CPU:      rusageCPU(ru),
			MaxRSSKB: ru.Maxrss, // kilobytes on Linux
			Wall:     wall,
		}
		if line, err := json.Marshal(u); err == nil {
			if f, err := os.OpenFile(output, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err == nil {
				_, _ = f.Write(append(line, '\n'))
				_ = f.Close()
			}
		}
	}
	return code
}

// ReadUsage reads the lines the wrappers appended.
func ReadUsage(r io.Reader) ([]ProcessUsage, error) {
	var out []ProcessUsage
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var u ProcessUsage
		if err := json.Unmarshal(sc.Bytes(), &u); err != nil {
			return nil, fmt.Errorf("decoding a usage line: %w", err)
		}
		out = append(out, u)
	}
	return out, sc.Err()
}

// UsageTotal sums the CPU of the processes and takes the largest peak RSS.
func UsageTotal(us []ProcessUsage) (cpu time.Duration, maxRSSKB int64) {
	for _, u := range us {
		cpu += u.CPU
		maxRSSKB = max(maxRSSKB, u.MaxRSSKB)
	}
	return cpu, maxRSSKB
}

// CallgrindTotal reads the instruction count (Ir) of one callgrind or cachegrind output file: its
// "totals:" line, or "summary:" when the file has no totals.
func CallgrindTotal(r io.Reader) (int64, error) {
	var summary int64 = -1
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, key := range []string{"totals:", "summary:"} {
			rest, ok := strings.CutPrefix(line, key)
			if !ok {
				continue
			}
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				return 0, fmt.Errorf("callgrind output: empty %q line", key)
			}
			n, err := strconv.ParseInt(fields[0], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("callgrind output: %q: %w", line, err)
			}
			if key == "totals:" {
				return n, nil
			}
			summary = n
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("reading callgrind output: %w", err)
	}
	if summary < 0 {
		return 0, errors.New("callgrind output: no totals or summary line")
	}
	return summary, nil
}
