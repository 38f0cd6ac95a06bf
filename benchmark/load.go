package benchmark

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// LoadAverage is the machine's 1-minute load average (/proc/loadavg); 0 where it cannot be read
// (not Linux): the report then marks nothing.
func LoadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	v, err := parseLoadAverage(string(b))
	if err != nil {
		return 0
	}
	return v
}

// parseLoadAverage reads the first field of /proc/loadavg ("0.52 0.58 0.59 1/123 4567").
func parseLoadAverage(s string) (float64, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return 0, fmt.Errorf("empty load average")
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		return 0, fmt.Errorf("load average %q: %w", fields[0], err)
	}
	return v, nil
}

// CPUSample is a point in time from which the CPU that other processes used can be told: the
// machine's busy CPU time (/proc/stat), this process tree's own (getrusage of the process and of
// its waited-for children, which include Terraform and the providers it ran) and the wall clock.
// The load average alone cannot tell: the benchmark's own Terraform runs raise it past the core
// count on an otherwise idle machine.
type CPUSample struct {
	Busy, Own float64 // seconds
	Wall      time.Time
	ok        bool
}

// userHZ is the unit of /proc/stat's times (USER_HZ, 100 on every Linux architecture Go runs on).
const userHZ = 100

// SampleCPU reads a CPUSample; where /proc/stat cannot be read it is marked unknown.
func SampleCPU() CPUSample {
	s := CPUSample{Wall: time.Now()}
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return s
	}
	busy, err := parseBusyTicks(string(b))
	if err != nil {
		return s
	}
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return s
	}
	s.Busy, s.Own, s.ok = float64(busy)/userHZ, (rusageCPU(&self) + rusageCPU(&children)).Seconds(), true
	return s
}

// rusageCPU is the CPU time (user + system) a getrusage or wait4 record holds.
func rusageCPU(ru *syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// OtherCores returns how many cores, on average between a and b, processes outside this process
// tree kept busy; -1 when either sample is unknown.
func OtherCores(a, b CPUSample) float64 {
	wall := b.Wall.Sub(a.Wall).Seconds()
	if !a.ok || !b.ok || wall <= 0 {
		return -1
	}
	return max(0, ((b.Busy-a.Busy)-(b.Own-a.Own))/wall)
}

// parseBusyTicks sums the busy fields of /proc/stat's "cpu" line: user, nice, system, irq,
// softirq and steal (idle and iowait are not busy; guest time is already counted in user).
func parseBusyTicks(s string) (uint64, error) {
	line, _, _ := strings.Cut(s, "\n")
	fields := strings.Fields(line)
	if len(fields) < 9 || fields[0] != "cpu" {
		return 0, fmt.Errorf("no cpu line in /proc/stat: %q", line)
	}
	var sum uint64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		v, err := strconv.ParseUint(fields[i], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/stat field %d %q: %w", i, fields[i], err)
		}
		sum += v
	}
	return sum, nil
}
