package emulator_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// lockedBuffer is a log sink written from the server's handler goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestVerboseLogHoldsNoCredentials: the -verbose request log (debug level) names every request
// and its error, but never a Signature, a secret or a SecurityToken, in any encoding, even for a
// signature mismatch, whose answer echoes a string to sign holding the token.
func TestVerboseLogHoldsNoCredentials(t *testing.T) {
	var logs lockedBuffer
	f := newFixture(t, emulator.Config{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	out, err := f.assumeRole(t, f.client, map[string]string{"RoleArn": "acs:ram::1234567890123456:role/Deployer", "RoleSessionName": "tf"})
	mustOK(t, "AssumeRole", err)
	keyID, secret, token := *out.Credentials.AccessKeyID, *out.Credentials.AccessKeySecret, *out.Credentials.SecurityToken

	var sigs []string
	sign := func(secret string, wrong bool) func(url.Values) {
		return func(all url.Values) {
			sig := testSign(http.MethodPost, all, secret)
			if wrong {
				sig = testSign(http.MethodPost, all, secret+"x")
			}
			sigs = append(sigs, sig)
			all.Set("Signature", sig)
		}
	}
	for _, rr := range []rawRequest{
		{action: "ListFlowProject", keyID: keyID, secret: secret, token: token, mutate: sign(secret, false)},
		{action: "ListFlowProject", keyID: keyID, secret: secret, token: token, mutate: sign(secret, true)},
		{action: "NoSuchAction", keyID: keyID, secret: secret, token: token, mutate: sign(secret, false)},
		{action: "ListFlowProject", mutate: sign(emulator.DefaultAccessKeySecret, true)},
	} {
		f.raw(rr)
	}
	log := logs.String()
	for _, want := range []string{"action=ListFlowProject", "SignatureDoesNotMatch", "status=200"} {
		if !strings.Contains(log, want) {
			t.Errorf("the verbose log lacks %q: the requests were not logged:\n%s", want, log)
		}
	}
	leaks := map[string]string{"STS secret": secret, "security token": token, "access key secret": emulator.DefaultAccessKeySecret}
	for i, s := range sigs {
		leaks["signature "+string(rune('1'+i))] = s
	}
	for what, v := range leaks {
		once := url.QueryEscape(v)
		for _, form := range []string{v, once, url.QueryEscape(once)} {
			if strings.Contains(log, form) {
				t.Errorf("the verbose log shows the %s (%q):\n%s", what, form, log)
			}
		}
	}
}
