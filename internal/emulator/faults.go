package emulator

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// Faults are the injected failures, changeable at run time with Server.SetFaults.
type Faults struct {
	// Latency is added to every API request, concurrently: a sleep per request, not a queue.
	Latency time.Duration
	// ThrottleRPS is the rate of a token bucket over all API requests (0: off). Requests over the
	// rate get Throttling.User and are not executed.
	ThrottleRPS float64
	// ErrorRate is the fraction of API requests answered 503 ServiceUnavailable, not executed.
	ErrorRate float64
	// AmbiguousRate is the fraction of successful mutating requests that are committed and then
	// answered 500 InternalError, as a response lost on the way back would look.
	AmbiguousRate float64
}

func (f Faults) validate() error {
	switch {
	case f.Latency < 0:
		return fmt.Errorf("latency %s is negative", f.Latency)
	case f.ThrottleRPS < 0 || math.IsNaN(f.ThrottleRPS) || math.IsInf(f.ThrottleRPS, 0):
		return fmt.Errorf("throttle rate %v must be a finite number >= 0", f.ThrottleRPS)
	case !(f.ErrorRate >= 0 && f.ErrorRate <= 1):
		return fmt.Errorf("error rate %v must be within [0, 1]", f.ErrorRate)
	case !(f.AmbiguousRate >= 0 && f.AmbiguousRate <= 1):
		return fmt.Errorf("ambiguous rate %v must be within [0, 1]", f.AmbiguousRate)
	}
	return nil
}

// clamp brings out-of-range values back into range (SetFaults has no error to return).
func (f Faults) clamp() Faults {
	clamp01 := func(v float64) float64 {
		if !(v > 0) { // also NaN
			return 0
		}
		return math.Min(v, 1)
	}
	if f.Latency < 0 {
		f.Latency = 0
	}
	if !(f.ThrottleRPS > 0) || math.IsInf(f.ThrottleRPS, 0) {
		f.ThrottleRPS = 0
	}
	f.ErrorRate = clamp01(f.ErrorRate)
	f.AmbiguousRate = clamp01(f.AmbiguousRate)
	return f
}

// faultInjector holds the fault settings, the token bucket and the seeded generator. One mutex
// guards them all: math/rand generators are not safe for concurrent use.
type faultInjector struct {
	mu     sync.Mutex
	faults Faults
	rng    *rand.Rand
	tokens float64
	last   time.Time // last refill; zero: the bucket starts full
}

func newFaultInjector(f Faults, seed int64) *faultInjector {
	s := uint64(seed) //nolint:gosec // any bit pattern is a fine seed
	return &faultInjector{faults: f, rng: rand.New(rand.NewPCG(s, s^0x9E3779B97F4A7C15))}
}

func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if f.ThrottleRPS != fi.faults.ThrottleRPS {
		fi.last = time.Time{} // a new rate starts with a full bucket
	}
	fi.faults = f
}

func (fi *faultInjector) get() Faults {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults
}

// allow takes a token from the bucket. The bucket holds one second of tokens (at least one), so
// short bursts up to the rate pass.
func (fi *faultInjector) allow(now time.Time) bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	rps := fi.faults.ThrottleRPS
	if rps <= 0 {
		return true
	}
	burst := math.Max(1, rps)
	if fi.last.IsZero() {
		fi.tokens, fi.last = burst, now
	}
	if elapsed := now.Sub(fi.last).Seconds(); elapsed > 0 {
		fi.tokens = math.Min(burst, fi.tokens+elapsed*rps)
		fi.last = now
	}
	if fi.tokens >= 1 {
		fi.tokens--
		return true
	}
	return false
}

// failUnavailable draws against the error rate. With a rate of 0 nothing is drawn, so that turning
// one fault on does not shift the sequence of another.
func (fi *faultInjector) failUnavailable() bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults.ErrorRate > 0 && fi.rng.Float64() < fi.faults.ErrorRate
}

// failAmbiguous draws against the ambiguous rate.
func (fi *faultInjector) failAmbiguous() bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults.AmbiguousRate > 0 && fi.rng.Float64() < fi.faults.AmbiguousRate
}
