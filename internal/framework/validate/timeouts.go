package validate

import (
	"fmt"
	"strings"
	"time"
)

// TimeoutDescription is the description of one attribute of a resource's timeouts block: what it
// bounds and its default, which the framework's generic text leaves out.
func TimeoutDescription(operation string, def time.Duration) string {
	return fmt.Sprintf("How long the %s may take, retries of the API calls included, as a duration such as \"30s\", "+
		"\"10m\" or \"1h30m\" (units s, m, h). Defaults to %s.", operation, shortDuration(def))
}

// shortDuration renders 10m0s as 10m and 2h0m0s as 2h.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
