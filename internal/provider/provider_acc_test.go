package provider_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccProvider_badConfiguration runs the real CLI on provider blocks that must be refused
// before any API call, each with a diagnostic on the attribute's own line: one case of an
// attribute validator and one of a rule checked when the provider is configured (the region's).
// The other rules are rows of TestProviderValidation, run in process.
func TestAccProvider_badConfiguration(t *testing.T) {
	const project = `
resource "emrflow_project" "test" {
  name        = "never-created"
  description = "the provider block is wrong"
}
`
	t.Run("attribute validator on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, "provider \"emrflow\" {\n  max_retries = -1\n}\n"+project,
			"max_retries = -1", regexp.MustCompile(`(?s)max_retries.*must be between 0 and 100`))
	})
	// A typo must never plan the replacement of every flow: the region is checked against the
	// SDK's EMR regions at plan time, even with the emulator as the endpoint.
	t.Run("configure-time rule on its line", func(t *testing.T) {
		acctest.ExpectPlanErrorOnLine(t, "provider \"emrflow\" {\n  region = \"cn-hangzou\"\n}\n"+project,
			`region = "cn-hangzou"`, regexp.MustCompile(`(?s)region\s+"cn-hangzou"\s+is\s+not\s+a\s+region\s+of\s+EMR;\s+did\s+you\s+mean\s+"cn-hangzhou"\?`))
	})
}

// TestAccProvider_nothingAnswers runs the real CLI against endpoints where nothing (or no API)
// answers: the error says so, names the endpoint and the attribute it came from, and the likely
// cause, instead of "the EMR API answered … temporary … run the command again".
func TestAccProvider_nothingAnswers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	page := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(page.Close)

	cases := map[string]struct {
		endpoint string
		want     []string // words of the message, in order; the CLI wraps lines anywhere between them
	}{
		"emulator not running": {"http://" + closed, []string{"nothing answered at http://" + closed,
			`(from the provider's "endpoint" attribute): the connection was refused`, "Is the emulator running?",
			"./bin/emrflow-emulator -listen " + closed}},
		"no such host": {"http://emrflow-nowhere.invalid:18080", []string{"nothing answered at http://emrflow-nowhere.invalid:18080",
			`(from the provider's "endpoint" attribute)`}},
		"a web server that is not the API": {page.URL, []string{"no EMR API answered at " + page.URL, "HTTP 404",
			"Something answered, but not the EMR API"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "emrflow" {
  endpoint    = %q
  max_retries = 3
}

resource "emrflow_project" "test" {
  name        = "never-created"
  description = "nothing answers"
}
`, tc.endpoint),
					ExpectError: wrappedWords(tc.want...),
				}},
			})
		})
	}
}

// wrappedWords matches the phrases in order, with any line wrapping between their words.
func wrappedWords(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}
