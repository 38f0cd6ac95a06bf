package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestProviderValidation holds the rules that TestAccProvider_badConfiguration checked through the
// CLI, run in process through the calls plan makes (ValidateProviderConfig, then
// ConfigureProvider, where the region is checked): same rules, same messages, and the attribute
// path each diagnostic is on.
func TestProviderValidation(t *testing.T) {
	assumeRole := func(attrs map[string]any) acctest.Config {
		return acctest.Config{"assume_role": []any{attrs}}
	}
	acctest.RunValidationCases(t, acctest.KindProvider, "", map[string]acctest.ValidationCase{
		"malformed endpoint": {Config: acctest.Config{"endpoint": "ftp//nowhere"},
			Path: "endpoint", Want: regexp.MustCompile(`(?s)Invalid endpoint.*endpoint.*scheme://host\[:port\]`)},
		"bad region": {Config: acctest.Config{"region": "Hangzhou"},
			Path: "region", Want: regexp.MustCompile(`(?s)Invalid region.*region`)},
		// A typo must never plan the replacement of every flow: the region is checked against the
		// SDK's EMR regions at plan time, even with the emulator as the endpoint.
		"region typo": {Config: acctest.Config{"region": "cn-hangzou"},
			Path: "region", Want: regexp.MustCompile(`(?s)Invalid region.*region:\s+region\s+"cn-hangzou"\s+is\s+not\s+a\s+region\s+of\s+EMR;\s+did\s+you\s+mean\s+"cn-hangzhou"\?`)},
		"region unknown to the SDK": {Config: acctest.Config{"region": "mars-north-1"},
			Path: "region", Want: regexp.MustCompile(`(?s)Invalid region.*the\s+regions\s+the\s+Alibaba\s+Cloud\s+SDK\s+knows\s+for\s+EMR\s+are`)},
		"session expiration too short": {Config: assumeRole(map[string]any{"role_arn": "acs:ram::123456789012:role/terraform", "session_expiration": 60}),
			Path: "assume_role[0].session_expiration", Want: regexp.MustCompile(`(?s)session_expiration value must be between 900\s+and\s+43200`)},
		"malformed role arn": {Config: assumeRole(map[string]any{"role_arn": "arn:aws:iam::123:role/x"}),
			Path: "assume_role[0].role_arn", Want: regexp.MustCompile(`(?s)role_arn must look like\s+acs:ram::<account\s+id>:role/<role name>`)},
		"two assume_role blocks": {Config: acctest.Config{"assume_role": []any{
			map[string]any{"role_arn": "acs:ram::1:role/a"}, map[string]any{"role_arn": "acs:ram::1:role/b"},
		}}, Path: "assume_role", Want: regexp.MustCompile(`(?s)assume_role.*at most 1`)},
		"access key without secret": {Config: acctest.Config{"access_key": "LTAIonlythekey"},
			Path: "secret_key", Want: regexp.MustCompile(`(?s)Missing secret_key`)},
		"max_retries negative": {Config: acctest.Config{"max_retries": -1},
			Path: "max_retries", Want: regexp.MustCompile(`(?s)max_retries.*must be between 0 and 100`)},
	})
}

// TestProviderPlainHTTPWarning: configuring the provider with a plain-http endpoint to another
// host warns on the endpoint attribute, as plan and apply do; the emulator on loopback does not.
func TestProviderPlainHTTPWarning(t *testing.T) {
	warned := func(endpoint string) []acctest.Diagnostic {
		var out []acctest.Diagnostic
		for _, d := range acctest.ValidateConfig(t, acctest.KindProvider, "", acctest.Config{
			"endpoint": endpoint, "access_key": "LTAIk", "secret_key": "s", "security_token": "tok",
		}) {
			if d.Error {
				t.Fatalf("unexpected error: %s", d)
			}
			if d.Summary == "Credentials sent over plain HTTP" {
				out = append(out, d)
			}
		}
		return out
	}
	got := warned("http://192.0.2.10:18080")
	if len(got) != 1 || got[0].Path != "endpoint" || !strings.Contains(got[0].Detail, "the STS security token") {
		t.Fatalf("warnings %v, want one on endpoint naming the token", got)
	}
	if got := warned("http://127.0.0.1:18080"); len(got) != 0 {
		t.Fatalf("loopback warned: %v", got)
	}
}
