package validate

import (
	"strings"
	"testing"
	"time"
)

func TestTimeoutDescription(t *testing.T) {
	for d, want := range map[time.Duration]string{10 * time.Minute: "Defaults to 10m.", 90 * time.Minute: "Defaults to 1h30m.",
		2 * time.Hour: "Defaults to 2h.", 45 * time.Second: "Defaults to 45s."} {
		if got := TimeoutDescription("create", d); !strings.HasSuffix(got, want) || !strings.Contains(got, "How long the create") {
			t.Errorf("%s: %q", d, got)
		}
	}
}
