package emrapi

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestAnswerEchoingCredentialsIsMasked: an answer that echoes the request (a proxy's error page, a
// gateway's string to sign) puts the signature, the secret and the STS token into the error
// message, raw or percent-encoded. Neither the log nor the error may show any of them; the log
// shows the mask instead, which proves the line was written and masked rather than dropped.
func TestAnswerEchoingCredentialsIsMasked(t *testing.T) {
	const token = "CAIS+sts/token*value~5678="
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		sig := r.Query.Get("Signature")
		echo := "sig " + sig + " url /?Signature=" + url.QueryEscape(sig) + "&SecurityToken=" + url.QueryEscape(token) +
			" signed " + rpcEncode(rpcEncode("SecurityToken="+token)) + " " + rpcEncode(rpcEncode(sig)) + " secret " + testSecret
		return gatewayErr(400, "InvalidParameter", echo)
	})
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	c := newTestClient(t, api.URL, func(cfg *Config) { cfg.SecurityToken = token; cfg.MaxRetries = 0 })
	_, err := c.DescribeFlow(ctx, "FP-1", "F-1")
	if err == nil {
		t.Fatal("want an error")
	}
	reqs := api.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	sig := reqs[0].Query.Get("Signature")
	if sig == "" || reqs[0].Query.Get("SecurityToken") != token {
		t.Fatalf("the request carries no signature or token: %v", reqs[0].Query)
	}
	for what, v := range map[string]string{"signature": sig, "secret": testSecret, "token": token} {
		for _, form := range secretForms(v) {
			if strings.Contains(err.Error(), form) {
				t.Errorf("the error shows the %s as %q: %v", what, form, err)
			}
			if strings.Contains(logs.String(), form) {
				t.Errorf("the log shows the %s as %q: %s", what, form, logs.String())
			}
		}
	}
	if !strings.Contains(logs.String(), "InvalidParameter") || !strings.Contains(logs.String(), redacted) {
		t.Errorf("the log lacks the masked error line: %s", logs.String())
	}
}

// TestSecretForms: each form a credential takes in text, once.
func TestSecretForms(t *testing.T) {
	got := secretForms("a+b/c=*~", "")
	seen := map[string]bool{}
	for _, f := range got {
		if seen[f] {
			t.Errorf("%q twice", f)
		}
		seen[f] = true
	}
	for _, f := range []string{"a+b/c=*~", url.QueryEscape("a+b/c=*~"), rpcEncode("a+b/c=*~"), rpcEncode(rpcEncode("a+b/c=*~"))} {
		if !seen[f] {
			t.Errorf("missing %q in %q", f, got)
		}
	}
	if len(secretForms("")) != 0 {
		t.Error("an empty credential has forms")
	}
}
