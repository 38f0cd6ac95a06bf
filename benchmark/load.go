package benchmark

import (
	"fmt"
	"os"
	"strconv"
	"strings"
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
