// Package benchmark measures the provider the way a user meets it: the real Terraform CLI against
// the emulator (through test/cliharness), next to the CLI's own floor, and writes BENCHMARKS.md. The
// pure parts (the ideal-time formula, the growth-exponent fit, the parsing of `go test -bench`
// output and the Markdown rendering) live here with unit tests; the runs live in run.go and the
// command in cmd/emrflow-bench.
package benchmark

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// Ideal is the physical limit of one Terraform phase: the CLI's own floor (the same phase over
// terraform_data resources, which make no API call) plus the API calls the phase needs, each
// costing the API's latency, spread over Terraform's parallelism.
func Ideal(floor time.Duration, calls int, latency time.Duration, parallelism int) time.Duration {
	if parallelism < 1 {
		parallelism = 1
	}
	return floor + time.Duration(int64(calls)*int64(latency)/int64(parallelism))
}

// Ratio is measured / ideal; 0 when the ideal is not positive.
func Ratio(measured, ideal time.Duration) float64 {
	if ideal <= 0 {
		return 0
	}
	return float64(measured) / float64(ideal)
}

// Fit is a least-squares line through (log n, log y): y ≈ C·n^Exponent.
type Fit struct {
	Exponent float64
	// R2 is the coefficient of determination of the line on the log-log points (1 = a perfect
	// power law).
	R2 float64
}

// FitExponent fits y = C·n^k by least squares on log-log axes and returns k. It needs at least two
// distinct positive n and positive y.
func FitExponent(n, y []float64) (Fit, error) {
	if len(n) != len(y) {
		return Fit{}, fmt.Errorf("fit: %d sizes but %d values", len(n), len(y))
	}
	if len(n) < 2 {
		return Fit{}, errors.New("fit: at least two points are needed")
	}
	xs := make([]float64, len(n))
	ys := make([]float64, len(n))
	for i := range n {
		if !(n[i] > 0) || !(y[i] > 0) {
			return Fit{}, fmt.Errorf("fit: point %d (%v, %v) is not positive", i, n[i], y[i])
		}
		xs[i], ys[i] = math.Log(n[i]), math.Log(y[i])
	}
	mx, my := mean(xs), mean(ys)
	var sxx, sxy, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	if sxx == 0 {
		return Fit{}, errors.New("fit: the sizes are all the same")
	}
	k := sxy / sxx
	r2 := 1.0
	if syy > 0 {
		r2 = sxy * sxy / (sxx * syy)
	}
	return Fit{Exponent: k, R2: r2}, nil
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// Median returns the median of v (the mean of the two middle values for an even count), 0 for none.
func Median[T time.Duration | float64](v []T) T {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// MedianFloat is Median for float64 values.
func MedianFloat(v []float64) float64 { return Median(v) }

// Spread returns the smallest and the largest of d.
func Spread(d []time.Duration) (lo, hi time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	return slices.Min(d), slices.Max(d)
}
