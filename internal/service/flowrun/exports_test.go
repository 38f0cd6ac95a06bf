package flowrun

import "time"

// SetPollInterval makes the action poll faster in the tests (the provider under test runs in
// the test process); the returned function restores the interval.
func SetPollInterval(d time.Duration) (restore func()) {
	old := pollInterval
	pollInterval = d
	return func() { pollInterval = old }
}

// SetVisibilityGrace shortens how long the action waits for a run the service does not know yet.
func SetVisibilityGrace(d time.Duration) (restore func()) {
	old := visibilityGrace
	visibilityGrace = d
	return func() { visibilityGrace = old }
}
