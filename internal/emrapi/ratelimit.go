package emrapi

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The client-wide adaptive rate limit (AIMD). Without it, every call retries throttling on its own:
// ten concurrent operations sleep through their backoffs while the API's bucket refills unused, then
// burst together and are refused again (about half of all requests under a 20 requests/s limit).
// With it, the first throttling answer sets a shared pace just under the rate that was succeeding,
// every call waits its turn, the pace creeps up while calls succeed, and it is lifted after a quiet
// period, so that an unthrottled client never waits.
const (
	// successWindow is how far back successes are counted to measure the rate the API accepts. One
	// second matches the API's bucket, which holds one second of requests: a longer window would
	// count the bucket's initial burst as if it were sustained.
	successWindow = time.Second
	// decreaseFactor is the fraction of the measured rate the pace is set to on a throttling
	// answer: slightly under what the API accepts, so that its bucket refills.
	decreaseFactor = 0.9
	// raisePerSecond is the additive increase: requests/s gained per second of paced successes
	// (each success adds raisePerSecond/limit).
	raisePerSecond = 1.0
	// minLimit is the slowest pace, in requests/s.
	minLimit = 1.0
	// quietPeriod without any throttling answer lifts the pace.
	quietPeriod = 15 * time.Second
	// pacedRetryDivisor shortens the backoff of a throttled call while the pace is set: the
	// limiter spaces the calls, the backoff only has to avoid an immediate retry.
	pacedRetryDivisor = 10
)

// clock is the time source of the limiter; tests inject a fake one.
type clock interface {
	Now() time.Time
	// Sleep waits for d, or returns ctx's error when it is done first.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// adaptiveLimiter paces the calls of one Client. The token bucket is x/time/rate's (burst 1: calls
// are spaced evenly, never bunched); the adaptation of its rate is below. It is safe for concurrent
// use.
type adaptiveLimiter struct {
	clock clock

	mu           sync.Mutex
	bucket       *rate.Limiter
	active       bool      // a pace is set; when false, calls do not wait
	limit        float64   // the pace, requests/s, while active
	lastThrottle time.Time // the last throttling answer
	successes    []time.Time
}

func newAdaptiveLimiter(c clock) *adaptiveLimiter {
	return &adaptiveLimiter{clock: c, bucket: rate.NewLimiter(rate.Inf, 1)}
}

// wait blocks until the call may be sent: at once when no pace is set, else when a token is
// available. It fails, without waiting, when ctx's deadline comes before the token, and returns
// ctx's error when ctx is done while waiting.
func (l *adaptiveLimiter) wait(ctx context.Context) error {
	now := l.clock.Now()
	l.mu.Lock()
	if l.active && now.Sub(l.lastThrottle) >= quietPeriod {
		l.active = false
		l.bucket.SetLimitAt(now, rate.Inf)
	}
	if !l.active {
		l.mu.Unlock()
		return nil
	}
	r := l.bucket.ReserveN(now, 1) // always ok: n = burst, and the limit is finite
	l.mu.Unlock()

	delay := r.DelayFrom(now)
	if delay <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && deadline.Sub(now) < delay {
		r.CancelAt(now)
		return fmt.Errorf("the client's rate limit would delay the call by %s, past the deadline: %w", delay.Round(time.Millisecond), context.DeadlineExceeded)
	}
	if err := l.clock.Sleep(ctx, delay); err != nil {
		r.CancelAt(l.clock.Now()) // give the token back to the next caller
		return err
	}
	return nil
}

// onSuccess records an answer the API accepted (not throttled) and, while a pace is set, raises it.
func (l *adaptiveLimiter) onSuccess() {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.prune(now)
	l.successes = append(l.successes, now)
	if l.active {
		l.limit += raisePerSecond / l.limit
		l.bucket.SetLimitAt(now, rate.Limit(l.limit))
	}
}

// onThrottle records a throttling answer and sets the pace to decreaseFactor times the rate that
// has been succeeding over the last successWindow. When nothing has succeeded in the window the
// rate the API accepts is unknown: an active pace is halved, and no pace is set from nothing (the
// per-call backoff then spaces the retries). Several refusals of one overshoot set the same pace
// (it is computed from the measured rate, not from the current pace), so they do not cascade. It
// returns the pace (0: none) and whether it changed.
func (l *adaptiveLimiter) onThrottle() (limit float64, changed bool) {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.prune(now)
	measured := float64(len(l.successes)) / successWindow.Seconds()
	var target float64
	switch {
	case measured > 0:
		target = decreaseFactor * measured
	case l.active:
		target = l.limit / 2
	default:
		return 0, false
	}
	target = max(target, minLimit)
	if l.active {
		// A refusal never speeds the pace up (the window may still hold a burst).
		target = min(target, l.limit)
	}
	l.lastThrottle = now
	changed = !l.active || target != l.limit
	l.active, l.limit = true, target
	l.bucket.SetLimitAt(now, rate.Limit(target))
	return target, changed
}

// paced reports whether a pace is set.
func (l *adaptiveLimiter) paced() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.active
}

// prune drops the successes older than the window. The caller holds mu.
func (l *adaptiveLimiter) prune(now time.Time) {
	i := 0
	for i < len(l.successes) && now.Sub(l.successes[i]) >= successWindow {
		i++
	}
	if i > 0 {
		l.successes = append(l.successes[:0], l.successes[i:]...)
	}
}
