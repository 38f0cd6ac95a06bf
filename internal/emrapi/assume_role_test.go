package emrapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// The SDK's AssumeRole provider always calls STS over https, through a transport of its own cloned
// from http.DefaultTransport: no option makes it trust a test certificate. So the client under test
// runs in a child process (this test binary again) whose system roots are the emulator's
// certificate, through SSL_CERT_FILE; the parent runs the emulator under TLS and checks what
// reached it. Nothing global changes in either process.
const (
	helperEnv    = "EMRAPI_TEST_HELPER"
	helperURLEnv = "EMRAPI_TEST_URL"
	roleARN      = "acs:ram::123456789012:role/terraform"
	parallel     = 8
)

// seenRequest is what the parent saw of one request.
type seenRequest struct {
	action, keyID, token string
	status               int
	body                 []byte
}

type recordingWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *recordingWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *recordingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

func TestAssumeRole(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		t.Skip("SSL_CERT_FILE is not honoured on " + runtime.GOOS)
	}
	srv, err := emulator.New(emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []seenRequest
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &recordingWriter{ResponseWriter: w}
		srv.ServeHTTP(rw, r)
		q := r.URL.Query()
		mu.Lock()
		seen = append(seen, seenRequest{q.Get("Action"), q.Get("AccessKeyId"), q.Get("SecurityToken"), rw.status, rw.body.Bytes()})
		mu.Unlock()
	}))
	// The child hangs up when it exits: that is not worth a log line.
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.StartTLS()
	defer ts.Close()

	certFile := filepath.Join(t.TempDir(), "emulator.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw})
	if err := os.WriteFile(certFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestAssumeRoleHelperProcess$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(),
		helperEnv+"=assume-role",
		helperURLEnv+"="+ts.URL,
		"SSL_CERT_FILE="+certFile,
		"SSL_CERT_DIR=",
		// Turn on the SDK's debug printing: it must not print any secret either.
		"DEBUG=sdk,credential,signer,tea",
	)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestAssumeRoleHelperProcess") {
		t.Fatalf("helper process: %v\n%s", err, out)
	}
	t.Logf("helper process output:\n%s", out)

	mu.Lock()
	defer mu.Unlock()
	var assumes, emr []seenRequest
	for _, s := range seen {
		if s.action == "AssumeRole" {
			assumes = append(assumes, s)
		} else {
			emr = append(emr, s)
		}
	}
	// One AssumeRole for the good client (its parallel calls share one session), one for the client
	// whose role ARN is malformed.
	if len(assumes) != 2 {
		t.Fatalf("%d AssumeRole requests, want 2", len(assumes))
	}
	first := assumes[0]
	if first.keyID != emulator.DefaultAccessKeyID || first.token != "" || first.status != 200 {
		t.Errorf("AssumeRole was signed with %q (token %q), status %d", first.keyID, first.token, first.status)
	}
	var answer struct {
		Credentials struct{ AccessKeyId, AccessKeySecret, SecurityToken string }
	}
	if err := json.Unmarshal(first.body, &answer); err != nil || !strings.HasPrefix(answer.Credentials.AccessKeyId, "STS.") {
		t.Fatalf("AssumeRole answer %s: %v", first.body, err)
	}
	if assumes[1].status != 400 {
		t.Errorf("the malformed role ARN got status %d", assumes[1].status)
	}

	// Every EMR call carried the STS key and its token, and the emulator (which checks the signature
	// with the session's secret, and the token) accepted it.
	if len(emr) != parallel {
		t.Errorf("%d EMR requests, want %d (none from the client whose role could not be assumed)", len(emr), parallel)
	}
	for _, s := range emr {
		if s.action != "CreateFlowProject" || s.keyID != answer.Credentials.AccessKeyId || s.token != answer.Credentials.SecurityToken || s.status != 200 {
			t.Errorf("EMR request %s signed with %q (token ok: %v), status %d", s.action, s.keyID, s.token == answer.Credentials.SecurityToken, s.status)
		}
	}

	for name, secret := range map[string]string{
		"base secret": emulator.DefaultAccessKeySecret,
		"STS secret":  answer.Credentials.AccessKeySecret,
		"STS token":   answer.Credentials.SecurityToken,
	} {
		if strings.Contains(string(out), secret) {
			t.Errorf("the helper's output (with the SDK's debug on) shows the %s:\n%s", name, out)
		}
	}
}

// TestAssumeRoleHelperProcess is the client side of TestAssumeRole; it runs only as its child.
func TestAssumeRoleHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "assume-role" {
		t.Skip("the child process of TestAssumeRole")
	}
	url := os.Getenv(helperURLEnv)
	ctx := t.Context()
	newClient := func(arn string) *emrapi.Client {
		c, err := emrapi.New(ctx, emrapi.Config{
			RegionID:        "cn-hangzhou",
			Endpoint:        url,
			STSEndpoint:     url,
			AccessKeyID:     emulator.DefaultAccessKeyID,
			AccessKeySecret: emulator.DefaultAccessKeySecret,
			AssumeRole: &emrapi.AssumeRoleConfig{
				RoleARN:           arn,
				SessionName:       "terraform-acc",
				SessionExpiration: 900,
				Policy:            `{"Version":"1","Statement":[]}`,
				ExternalID:        "ext-1",
			},
			MaxRetries:     2,
			RetryBaseDelay: time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	// Parallel calls: one STS session, no race (the test binary may be built with -race).
	c := newClient(roleARN)
	var wg sync.WaitGroup
	errs := make(chan error, parallel)
	for i := range parallel {
		wg.Go(func() {
			if _, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: fmt.Sprintf("assumed-%d", i), Description: "d"}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// A role that cannot be assumed: the call fails before the EMR request is sent.
	_, err := newClient("not-an-arn").CreateProject(ctx, emrapi.ProjectInput{Name: "never", Description: "d"})
	var e *emrapi.Error
	if !errors.As(err, &e) || e.Action != "AssumeRole" || !e.NotSent || e.Code != "InvalidParameter" ||
		!strings.HasPrefix(err.Error(), "CreateFlowProject: obtaining credentials: AssumeRole: InvalidParameter: ") {
		t.Errorf("want an AssumeRole InvalidParameter error, got %#v", err)
	}
	if emrapi.IsUnknownOutcome(err) {
		t.Error("a credential failure is not an unknown outcome")
	}
	t.Logf("credential error as shown: %v", err)
}
