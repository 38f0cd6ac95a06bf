package acctest

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// ErrorRegexp matches a diagnostic whatever the line wrapping of Terraform's output: each space of
// pattern matches any run of white space.
func ErrorRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// ImportIDFunc gives the import id of resource n made of its attributes joined by ":", the
// shape of the ids of objects the API reads by two keys ("FP-…:alice", "FP-…:C-…").
func ImportIDFunc(n string, attrs ...string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return "", fmt.Errorf("%s not in state", n)
		}
		parts := make([]string, len(attrs))
		for i, a := range attrs {
			parts[i] = rs.Primary.Attributes[a]
		}
		return strings.Join(parts, ":"), nil
	}
}

// OwnEmulator starts an emulator of the test's own with cfg (more clusters, a switch the test is
// about), stopped when the test ends, and returns a provider block that points at it; the keys
// and region come from the environment as for the shared one. It skips the test when running
// against the real API.
func OwnEmulator(t *testing.T, cfg emulator.Config) string {
	t.Helper()
	Emulator(t) // skips against the real API
	srv, err := emulator.New(cfg)
	if err != nil {
		t.Fatalf("starting an emulator: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return fmt.Sprintf("provider \"emrflow\" {\n  endpoint = %q\n}\n", ts.URL)
}
