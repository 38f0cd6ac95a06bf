package emrapi

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock whose Sleep advances it at once; it records the sleeps.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// takeSleeps returns the sleeps since the last call.
func (c *fakeClock) takeSleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sleeps
	c.sleeps = nil
	return s
}

// succeed records n successes spread evenly over the next second.
func succeed(l *adaptiveLimiter, clk *fakeClock, n int) {
	for range n {
		clk.advance(time.Second / time.Duration(n))
		l.onSuccess()
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestLimiterUnpacedUntilThrottled(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 50)
	for range 100 {
		if err := l.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if l.paced() {
		t.Error("paced without any throttling answer")
	}
	if s := clk.takeSleeps(); len(s) != 0 {
		t.Errorf("%d sleeps without any throttling answer", len(s))
	}
}

func TestLimiterThrottleSetsPace(t *testing.T) {
	tests := []struct {
		name       string
		successes  int // in the second before the throttling answer
		wantLimit  float64
		wantChange bool
	}{
		{"just under the rate that succeeded", 20, 18, true},
		{"at a low rate", 5, 4.5, true},
		{"never under the floor", 1, minLimit, true},
		{"nothing succeeded: no pace from nothing", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newFakeClock()
			l := newAdaptiveLimiter(clk)
			if tt.successes > 0 {
				succeed(l, clk, tt.successes)
			}
			limit, changed := l.onThrottle()
			if !near(limit, tt.wantLimit) || changed != tt.wantChange {
				t.Fatalf("onThrottle = %v, %v; want %v, %v", limit, changed, tt.wantLimit, tt.wantChange)
			}
			if l.paced() != tt.wantChange {
				t.Fatalf("paced = %v", l.paced())
			}
			if !tt.wantChange {
				return
			}
			// Burst 1: the first call goes at once, the next ones one interval apart.
			for i := range 4 {
				if err := l.wait(t.Context()); err != nil {
					t.Fatal(err)
				}
				s := clk.takeSleeps()
				want := time.Duration(float64(time.Second) / tt.wantLimit)
				switch {
				case i == 0 && len(s) != 0:
					t.Errorf("first call slept %v", s)
				case i > 0 && (len(s) != 1 || (s[0]-want).Abs() > time.Millisecond):
					t.Errorf("call %d slept %v, want [%v]", i, s, want)
				}
			}
		})
	}
}

func TestLimiterOldSuccessesDoNotCount(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 100)
	clk.advance(successWindow)
	succeed(l, clk, 10)
	if limit, _ := l.onThrottle(); !near(limit, 9) {
		t.Errorf("limit %v, want 9 (the 100 successes are out of the window)", limit)
	}
}

func TestLimiterRefusalsOfOneOvershootDoNotCascade(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 20)
	first, _ := l.onThrottle()
	for range 5 {
		limit, changed := l.onThrottle()
		if !near(limit, first) || changed {
			t.Fatalf("another refusal at once moved the limit from %v to %v (changed %v)", first, limit, changed)
		}
	}
}

func TestLimiterHalvesWithoutSuccesses(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 20)
	l.onThrottle() // 18
	clk.advance(2 * successWindow)
	limit, changed := l.onThrottle()
	if !near(limit, 9) || !changed {
		t.Errorf("onThrottle = %v, %v; want 9, true", limit, changed)
	}
	for range 10 {
		limit, _ = l.onThrottle()
	}
	if !near(limit, minLimit) {
		t.Errorf("limit %v after many refusals, want the floor %v", limit, minLimit)
	}
}

func TestLimiterAdditiveIncrease(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 20)
	l.onThrottle() // 18
	// One second of paced successes adds about raisePerSecond.
	succeed(l, clk, 18)
	l.mu.Lock()
	got := l.limit
	l.mu.Unlock()
	if got < 18+0.9*raisePerSecond || got > 18+raisePerSecond {
		t.Errorf("limit %v after a second of successes at 18/s, want about %v", got, 18+raisePerSecond)
	}
	// A refusal never raises the pace, even when the window still holds a burst.
	succeed(l, clk, 100)
	before := l.currentLimit()
	if limit, _ := l.onThrottle(); limit > before {
		t.Errorf("a refusal raised the limit from %v to %v", before, limit)
	}
}

func (l *adaptiveLimiter) currentLimit() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.limit
}

func TestLimiterLiftedAfterQuietPeriod(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 2)
	l.onThrottle() // the floor: 1/s
	clk.advance(quietPeriod - time.Millisecond)
	_ = l.wait(t.Context())
	_ = l.wait(t.Context())
	if s := clk.takeSleeps(); len(s) != 1 {
		t.Fatalf("sleeps %v before the quiet period is over, want one", s)
	}
	clk.advance(quietPeriod)
	for range 10 {
		if err := l.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if s := clk.takeSleeps(); len(s) != 0 || l.paced() {
		t.Errorf("after a quiet period: sleeps %v, paced %v; want none, false", s, l.paced())
	}
}

func TestLimiterWaitHonoursContext(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	succeed(l, clk, 2)
	l.onThrottle() // 1/s
	if err := l.wait(t.Context()); err != nil {
		t.Fatal(err) // takes the one token
	}

	t.Run("deadline before the token", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(t.Context(), clk.Now().Add(100*time.Millisecond))
		defer cancel()
		err := l.wait(ctx)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err %v, want DeadlineExceeded", err)
		}
		if s := clk.takeSleeps(); len(s) != 0 {
			t.Errorf("slept %v although the deadline comes first", s)
		}
	})
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := l.wait(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want Canceled", err)
		}
	})
	t.Run("a canceled wait gives its token back", func(t *testing.T) {
		// The two failed waits above cancelled their reservations: the next waits one interval.
		if err := l.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
		if s := clk.takeSleeps(); len(s) != 1 || s[0] > time.Second {
			t.Errorf("slept %v, want one sleep of at most 1s", s)
		}
	})
}

// TestLimiterConcurrent exercises the limiter from many goroutines (for the race detector) and
// checks that paced waits hand out tokens one interval apart.
func TestLimiterConcurrent(t *testing.T) {
	clk := newFakeClock()
	l := newAdaptiveLimiter(clk)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			for j := range 50 {
				if err := l.wait(t.Context()); err != nil {
					t.Error(err)
					return
				}
				if (i+j)%7 == 0 {
					l.onThrottle()
				} else {
					l.onSuccess()
				}
			}
		})
	}
	wg.Wait()
	if !l.paced() {
		t.Error("not paced after throttling answers")
	}
}

// TestThrottlePacesClient checks the wiring in do(): a throttling answer after successes sets the
// client's pace, and the call is retried.
func TestThrottlePacesClient(t *testing.T) {
	throttledAt := 5
	api := newFakeAPI(t, func(n int, _ recorded) reply {
		if n == throttledAt {
			return gatewayErr(400, "Throttling.User", "x")
		}
		return ok(describeFlowOK)
	})
	c := newTestClient(t, api.URL, nil)
	for i := range throttledAt {
		if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
			t.Fatal(err)
		}
		if c.limiter.paced() {
			t.Fatalf("paced after %d successes and no refusal", i+1)
		}
	}
	if _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	if !c.limiter.paced() {
		t.Error("not paced after a throttling answer")
	}
	if got := api.count(); got != throttledAt+2 {
		t.Errorf("%d requests, want %d", got, throttledAt+2)
	}
}
