package benchmark

import (
	"math"
	"testing"
	"time"
)

func TestIdeal(t *testing.T) {
	tests := []struct {
		name        string
		floor       time.Duration
		calls       int
		latency     time.Duration
		parallelism int
		want        time.Duration
	}{
		{"issue example: 1000 calls at 20ms over 10", 3 * time.Second, 1000, 20 * time.Millisecond, 10, 5 * time.Second},
		{"no calls is the floor", 700 * time.Millisecond, 0, 20 * time.Millisecond, 10, 700 * time.Millisecond},
		{"serial", 0, 3, 20 * time.Millisecond, 1, 60 * time.Millisecond},
		{"parallelism below one counts as one", time.Second, 5, 10 * time.Millisecond, 0, 1050 * time.Millisecond},
		{"fractional per-call share", 0, 1, 20 * time.Millisecond, 3, 6666666 * time.Nanosecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ideal(tt.floor, tt.calls, tt.latency, tt.parallelism); got != tt.want {
				t.Errorf("Ideal = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	tests := []struct {
		measured, ideal time.Duration
		want            float64
	}{
		{1150 * time.Millisecond, time.Second, 1.15},
		{time.Second, 2 * time.Second, 0.5},
		{time.Second, 0, 0},
	}
	for _, tt := range tests {
		if got := Ratio(tt.measured, tt.ideal); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Ratio(%v, %v) = %v, want %v", tt.measured, tt.ideal, got, tt.want)
		}
	}
}

func TestFitExponent(t *testing.T) {
	sizes := []float64{100, 1000, 10000}
	power := func(c, k float64) []float64 {
		out := make([]float64, len(sizes))
		for i, n := range sizes {
			out[i] = c * math.Pow(n, k)
		}
		return out
	}
	tests := []struct {
		name    string
		n, y    []float64
		want    float64
		wantR2  float64
		wantErr bool
	}{
		{name: "linear", n: sizes, y: power(3, 1), want: 1, wantR2: 1},
		{name: "quadratic", n: sizes, y: power(0.5, 2), want: 2, wantR2: 1},
		{name: "n log n is a little above 1", n: sizes, y: []float64{100 * math.Log(100), 1000 * math.Log(1000), 10000 * math.Log(10000)}, want: 1.1505, wantR2: 0.999},
		{name: "constant", n: sizes, y: []float64{5, 5, 5}, want: 0, wantR2: 1},
		{name: "two points", n: []float64{10, 20}, y: []float64{1, 8}, want: 3, wantR2: 1},
		{name: "noisy linear: least squares, not end points", n: []float64{1, 10, 100}, y: []float64{1, 20, 100}, want: 1, wantR2: 0.97},
		{name: "one point", n: []float64{10}, y: []float64{1}, wantErr: true},
		{name: "mismatched lengths", n: sizes, y: []float64{1, 2}, wantErr: true},
		{name: "zero value", n: sizes, y: []float64{0, 1, 2}, wantErr: true},
		{name: "same sizes", n: []float64{5, 5}, y: []float64{1, 2}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FitExponent(tt.n, tt.y)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if math.Abs(got.Exponent-tt.want) > 0.005 {
				t.Errorf("exponent = %.4f, want %.4f", got.Exponent, tt.want)
			}
			if got.R2 < tt.wantR2-1e-9 || got.R2 > 1+1e-9 {
				t.Errorf("R2 = %.4f, want >= %.4f", got.R2, tt.wantR2)
			}
		})
	}
}

func TestMedianAndSpread(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		in           []time.Duration
		want, lo, hi time.Duration
	}{
		{ms(3, 1, 2), 2 * time.Millisecond, time.Millisecond, 3 * time.Millisecond},
		{ms(4, 1, 3, 2), 2500 * time.Microsecond, time.Millisecond, 4 * time.Millisecond},
		{ms(7), 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond},
		{nil, 0, 0, 0},
	}
	for _, tt := range tests {
		in := append([]time.Duration(nil), tt.in...)
		if got := Median(tt.in); got != tt.want {
			t.Errorf("Median(%v) = %v, want %v", tt.in, got, tt.want)
		}
		for i := range in {
			if in[i] != tt.in[i] {
				t.Fatalf("Median reordered its input")
			}
		}
		if lo, hi := Spread(tt.in); lo != tt.lo || hi != tt.hi {
			t.Errorf("Spread(%v) = %v, %v, want %v, %v", tt.in, lo, hi, tt.lo, tt.hi)
		}
	}
	if got := MedianFloat([]float64{5, 1, 3, 2}); got != 2.5 {
		t.Errorf("MedianFloat = %v, want 2.5", got)
	}
}
