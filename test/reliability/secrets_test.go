package reliability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce/createoncetest"
	"github.com/emrflow/terraform-provider-emrflow/test/cliharness"
	"github.com/emrflow/terraform-provider-emrflow/test/reliability"
)

// stsCredentials asks the emulator's STS for temporary credentials (key, secret, security token)
// with a request signed by hand, as the aliyun CLI would.
func stsCredentials(ctx context.Context, t *testing.T, endpoint string) (keyID, secret, token string) {
	t.Helper()
	v := url.Values{
		"Action":           {"AssumeRole"},
		"Version":          {"2015-04-01"},
		"Format":           {"JSON"},
		"AccessKeyId":      {emulator.DefaultAccessKeyID},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {fmt.Sprintf("secrets-%d", time.Now().UnixNano())},
		"Timestamp":        {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
		"RoleArn":          {"acs:ram::123456789012:role/terraform"},
		"RoleSessionName":  {"reliability"},
	}
	v.Set("Signature", emulator.Sign(http.MethodPost, v, emulator.DefaultAccessKeySecret))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/", strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out struct {
		Credentials struct{ AccessKeyId, AccessKeySecret, SecurityToken string }
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &out) != nil || out.Credentials.SecurityToken == "" {
		t.Fatalf("AssumeRole: HTTP %d %s", resp.StatusCode, body)
	}
	c := out.Credentials
	return c.AccessKeyId, c.AccessKeySecret, c.SecurityToken
}

// TestSecretsNeverLeak runs a full apply, with STS credentials and TF_LOG=trace, and checks that
// neither the secret key, nor the security token, nor the Signature of any request the emulator
// received appears (raw or percent-encoded) in the CLI's output, in the trace log, or in the state (`terraform show -json`). The credentials come from the environment or from
// the provider block.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	for _, via := range []string{"environment", "provider block"} {
		t.Run(via, func(t *testing.T) {
			t.Parallel()
			begin := time.Now()
			dir := t.TempDir()
			logPath := filepath.Join(dir, "terraform-trace.log")
			// The workspace's emulator issues the credentials, so they are only known once it
			// runs: a first workspace gives the endpoint, the environment is set on a second
			// one that shares its emulator through the endpoint variable.
			var keysMu sync.Mutex
			keysSeen := map[string]bool{} // AccessKeyId of the API calls the probe received
			var signatures []string       // the Signature of every request the probe received
			probe := workspace(t, cliharness.Options{Middleware: func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if p, err := createoncetest.RequestParams(r); err == nil {
						keysMu.Lock()
						if sig := p.Get("Signature"); sig != "" {
							signatures = append(signatures, sig)
						}
						if p.Get("Action") == "CreateFlowForWeb" {
							keysSeen[p.Get("AccessKeyId")+" token:"+fmt.Sprint(p.Get("SecurityToken") != "")] = true
						}
						keysMu.Unlock()
					}
					next.ServeHTTP(w, r)
				})
			}})
			ctx := t.Context()
			keyID, secret, token := stsCredentials(ctx, t, probe.Endpoint)
			env := []string{"TF_LOG=trace", "TF_LOG_PATH=" + logPath, "EMRFLOW_ENDPOINT=" + probe.Endpoint}
			provider := ""
			if via == "environment" {
				env = append(env, "ALIBABA_CLOUD_ACCESS_KEY_ID="+keyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+secret,
					"ALIBABA_CLOUD_SECURITY_TOKEN="+token)
			} else {
				env = append(env, "ALIBABA_CLOUD_ACCESS_KEY_ID=", "ALIBABA_CLOUD_ACCESS_KEY_SECRET=")
				provider = fmt.Sprintf("provider \"emrflow\" {\n  access_key = %q\n  secret_key = %q\n  security_token = %q\n}\n", keyID, secret, token)
			}
			w := workspace(t, cliharness.Options{ExtraEnv: env})
			if err := w.WriteConfig(provider + `
resource "emrflow_project" "p" {
  name        = "secrets"
  description = "secrets never leak"
}
resource "emrflow_flow" "f" {
  count       = 3
  project_id  = emrflow_project.p.id
  cluster_id  = "` + cluster + `"
  name        = "flow-${count.index}"
  description = "d"
}
`); err != nil {
				t.Fatal(err)
			}
			apply, err := w.Apply(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := apply.Err(); err != nil {
				t.Fatal(err)
			}
			// The apply went to the probe's emulator, with the STS key and its token.
			if n := probe.Emulator.Stats().Calls["CreateFlowForWeb"]; n != 3 {
				t.Fatalf("the probe emulator saw %d CreateFlowForWeb calls, want 3", n)
			}
			keysMu.Lock()
			if want := keyID + " token:true"; len(keysSeen) != 1 || !keysSeen[want] {
				t.Errorf("creates signed with %v, want only %q", keysSeen, want)
			}
			keysMu.Unlock()
			show, err := w.Run(ctx, "show", "-json", "-no-color")
			if err != nil || show.ExitCode != 0 {
				t.Fatalf("terraform show -json: %v %s", err, show.Stderr)
			}
			logData, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			log := string(logData)
			// The log is a real trace of the provider's calls, or the test proves nothing.
			for _, want := range []string{"CreateFlowForWeb", "request_id"} {
				if !strings.Contains(log, want) {
					t.Errorf("the trace log (%d bytes) lacks %q: TF_LOG did not reach the provider", len(log), want)
				}
			}
			outputs := map[string]string{"stdout": apply.Stdout, "stderr": apply.Stderr, "trace log": log, "terraform show -json": show.Stdout}
			leaks := map[string]string{"secret key": secret, "security token": token}
			keysMu.Lock()
			for i, sig := range signatures {
				leaks[fmt.Sprintf("signature of request %d", i+1)] = sig
			}
			keysMu.Unlock()
			if len(signatures) < 4 {
				t.Errorf("the probe saw %d signed requests, want at least 4 (a project, 3 flows)", len(signatures))
			}
			for where, text := range outputs {
				for what, s := range leaks {
					// Raw, in a URL's query, and percent-encoded again as a string to sign.
					once := url.QueryEscape(s)
					for _, form := range []string{s, once, url.QueryEscape(once)} {
						if strings.Contains(text, form) {
							t.Errorf("the %s appears in %s", what, where)
						}
					}
				}
			}
			for _, attr := range []string{"secret_key", "security_token", "access_key"} {
				if strings.Contains(show.Stdout, `"`+attr+`"`) {
					t.Errorf("terraform show -json holds %s", attr)
				}
			}
			record(t, reliability.Row{
				Scenario: "secrets: STS key and token via " + via + ", TF_LOG=trace",
				Load:     "1 project, 3 flows", Faults: "-", Expected: 3, Found: 3, StateMatches: true, PlanAfter: "n/a", Applies: 1,
				Note:     fmt.Sprintf("secret, token and %d signatures absent from stdout, stderr, %d KB trace log, show -json", len(signatures), len(log)/1024),
				Duration: time.Since(begin), Passed: !t.Failed(),
				Command: "TF_ACC=1 go test -count=1 -run 'TestSecretsNeverLeak' ./test/reliability/",
			})
		})
	}
}
