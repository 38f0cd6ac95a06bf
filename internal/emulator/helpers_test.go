package emulator_test

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // signature v1 is HMAC-SHA1
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

const testRegion = "cn-hangzhou"

// fakeClock is a clock the tests move. It starts at the real time, so that the SDK's own
// timestamps (always time.Now) stay within the 15-minute window.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now().UTC().Truncate(time.Second)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is an emulator behind an httptest server, with an official SDK client pointed at it.
type fixture struct {
	t      *testing.T
	srv    *emulator.Server
	ts     *httptest.Server
	clock  *fakeClock
	client *emr.Client
}

func newFixture(t *testing.T, cfg emulator.Config) *fixture {
	t.Helper()
	clock := newFakeClock()
	if cfg.Now == nil {
		cfg.Now = clock.Now
	}
	// Under EMRFLOW_EMULATOR_JOURNAL_CHECK=1 every fixture keeps a data file, and after each
	// request the disk (snapshot and journal) must hold the state in memory: a change whose
	// records were not journaled fails the test that made it.
	checkEach := os.Getenv("EMRFLOW_EMULATOR_JOURNAL_CHECK") == "1"
	if checkEach && cfg.DataFile == "" {
		cfg.DataFile = filepath.Join(t.TempDir(), "state.json")
	}
	srv, err := emulator.New(cfg)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	emulator.SetPanicHook(srv, func(v any) { t.Errorf("handler panicked: %v", v) })
	var handler http.Handler = srv
	if checkEach {
		var serving sync.RWMutex // the check waits for the requests in flight (TestConcurrentWriters)
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			serving.RLock()
			srv.ServeHTTP(rec, r)
			serving.RUnlock()
			if rec.status >= http.StatusInternalServerError {
				return // a failed save (TestSaveFailure) leaves memory ahead of the disk
			}
			serving.Lock()
			defer serving.Unlock()
			if err := emulator.CheckDisk(srv); err != nil {
				t.Errorf("after %s: %v", r.URL.Query().Get("Action"), err)
			}
		})
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	f := &fixture{t: t, srv: srv, ts: ts, clock: clock}
	keyID, secret := cfg.AccessKeyID, cfg.AccessKeySecret
	if keyID == "" {
		keyID, secret = emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret
	}
	f.client = f.newClient(keyID, secret)
	return f
}

// statusRecorder remembers the status of an answer.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// host is the emulator's host:port, as the SDK's Domain wants it.
func (f *fixture) host() string { return strings.TrimPrefix(f.ts.URL, "http://") }

// newClient returns an SDK client pointed at the emulator: Domain set to its address and the
// SDK's default scheme (HTTP).
func (f *fixture) newClient(keyID, secret string) *emr.Client {
	f.t.Helper()
	c, err := emr.NewClientWithAccessKey(testRegion, keyID, secret)
	if err != nil {
		f.t.Fatalf("NewClientWithAccessKey: %v", err)
	}
	c.Domain = f.host()
	return c
}

// common sends an RPC request through the SDK's common request, which, unlike the typed requests,
// keeps empty parameters (the way a Modify clears a field) and reaches actions the SDK lacks.
func (f *fixture) common(client *emr.Client, version, action string, params map[string]string) (*responses.CommonResponse, error) {
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Scheme = requests.HTTP
	req.Domain = f.host()
	req.Product = "Emr"
	req.Version = version
	req.ApiName = action
	for k, v := range params {
		req.QueryParams[k] = v
	}
	return client.ProcessCommonRequest(req)
}

// mustOK fails the test on an error.
func mustOK(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// gatewayErr checks that err is a gateway error (capitalised body) with code and status, and
// returns its message.
func gatewayErr(t *testing.T, err error, status int, code string) string {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want a server error %s, got %v", code, err)
	}
	if se.HttpStatus() != status || se.ErrorCode() != code {
		t.Fatalf("want %d %s, got %d %q: %s", status, code, se.HttpStatus(), se.ErrorCode(), se.Message())
	}
	if se.RequestId() == "" {
		t.Errorf("gateway error without RequestId: %v", err)
	}
	return se.Message()
}

// flowErr checks that err is a flow-service error (lower-case body) whose message starts with
// prefix. The SDK does not parse that body: its code is empty and its message is the raw body.
func flowErr(t *testing.T, err error, prefix string) {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want a flow error %q, got %v", prefix, err)
	}
	if se.HttpStatus() != http.StatusBadRequest || se.ErrorCode() != "" {
		t.Fatalf("want 400 with no SDK code, got %d %q: %s", se.HttpStatus(), se.ErrorCode(), se.Message())
	}
	var body struct {
		Code            string `json:"code"`
		Message         string `json:"message"`
		RequestID       string `json:"requestId"`
		SuccessResponse *bool  `json:"successResponse"`
	}
	if err := json.Unmarshal([]byte(se.Message()), &body); err != nil {
		t.Fatalf("flow error body is not JSON: %v: %s", err, se.Message())
	}
	if body.Code != "FLOW_API_FAILED" || body.RequestID == "" || body.SuccessResponse == nil || *body.SuccessResponse {
		t.Fatalf("bad flow error body: %s", se.Message())
	}
	if !strings.HasPrefix(body.Message, prefix) {
		t.Fatalf("want message starting %q, got %q", prefix, body.Message)
	}
}

// --- hand-built requests, signed by a signer written for the tests -------------------------------

var nonceSeq atomic.Int64

// testSign is an independent implementation of signature v1 (url.Values.Encode, then the three
// substitutions, then one more escape), to cross-check the emulator's own.
func testSign(method string, v url.Values, secret string) string {
	c := url.Values{}
	for k, vs := range v {
		if k != "Signature" {
			c[k] = vs[:1]
		}
	}
	canon := strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(c.Encode())
	toSign := method + "&%2F&" + url.QueryEscape(canon)
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(toSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// rawRequest describes a hand-built request; the zero fields take working defaults.
type rawRequest struct {
	method    string            // default POST
	action    string            // required
	version   string            // default 2016-04-08
	params    map[string]string // in the query
	form      map[string]string // in the form body
	keyID     string            // default DefaultAccessKeyID
	secret    string            // default DefaultAccessKeySecret
	timestamp time.Time         // default the fixture's clock
	nonce     string            // default a fresh one
	token     string            // SecurityToken, if any
	mutate    func(all url.Values)
}

type rawResponse struct {
	status int
	body   []byte
}

func (r rawResponse) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// code returns the error code of a gateway body, or "FLOW_API_FAILED" and the message of a flow body.
func (r rawResponse) code(t *testing.T) (code, message string) {
	t.Helper()
	m := r.json(t)
	if c, ok := m["Code"].(string); ok {
		msg, _ := m["Message"].(string)
		return c, msg
	}
	c, _ := m["code"].(string)
	msg, _ := m["message"].(string)
	return c, msg
}

func (f *fixture) raw(rr rawRequest) rawResponse {
	f.t.Helper()
	if rr.method == "" {
		rr.method = http.MethodPost
	}
	if rr.version == "" {
		rr.version = "2016-04-08"
	}
	if rr.keyID == "" {
		rr.keyID = emulator.DefaultAccessKeyID
	}
	if rr.secret == "" {
		rr.secret = emulator.DefaultAccessKeySecret
	}
	if rr.timestamp.IsZero() {
		rr.timestamp = f.clock.Now()
	}
	if rr.nonce == "" {
		rr.nonce = fmt.Sprintf("test-nonce-%d-%d", time.Now().UnixNano(), nonceSeq.Add(1))
	}
	query := url.Values{
		"Action":           {rr.action},
		"Version":          {rr.version},
		"Format":           {"JSON"},
		"AccessKeyId":      {rr.keyID},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {rr.nonce},
		"Timestamp":        {rr.timestamp.UTC().Format("2006-01-02T15:04:05Z")},
		"RegionId":         {testRegion},
	}
	if rr.token != "" {
		query.Set("SecurityToken", rr.token)
	}
	for k, v := range rr.params {
		query.Set(k, v)
	}
	form := url.Values{}
	for k, v := range rr.form {
		form.Set(k, v)
	}
	all := url.Values{}
	for k, v := range query {
		all[k] = v
	}
	for k, v := range form {
		all[k] = v
	}
	if rr.mutate != nil {
		// The mutation may set or remove any parameter, Signature included; everything then
		// travels in the query.
		rr.mutate(all)
		return f.send(rr.method, "/?"+all.Encode(), "", nil)
	}
	query.Set("Signature", testSign(rr.method, all, rr.secret))
	return f.send(rr.method, "/?"+query.Encode(), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

func (f *fixture) send(method, target, contentType string, body io.Reader) rawResponse {
	f.t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+target, body)
	if err != nil {
		f.t.Fatalf("building request: %v", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatalf("reading response: %v", err)
	}
	return rawResponse{status: resp.StatusCode, body: b}
}

// signedWith signs all with the default secret after the change (for tests that alter a
// parameter and still want a valid signature).
func signedWith(method string, change func(url.Values)) func(url.Values) {
	return func(all url.Values) {
		if change != nil {
			change(all)
		}
		all.Set("Signature", testSign(method, all, emulator.DefaultAccessKeySecret))
	}
}

// --- SDK shortcuts -----------------------------------------------------------------------------

func (f *fixture) createProject(name string) string {
	f.t.Helper()
	req := emr.CreateCreateFlowProjectRequest()
	req.Name = name
	req.Description = "project " + name
	resp, err := f.client.CreateFlowProject(req)
	mustOK(f.t, "CreateFlowProject "+name, err)
	return resp.Id
}

// createJob creates a SHELL job.
func (f *fixture) createJob(projectID, name string) string {
	f.t.Helper()
	req := emr.CreateCreateFlowJobRequest()
	req.ProjectId = projectID
	req.Name = name
	req.Type = "SHELL"
	req.Description = "job " + name
	req.Params = "echo " + name
	resp, err := f.client.CreateFlowJob(req)
	mustOK(f.t, "CreateFlowJob "+name, err)
	return resp.Id
}

func newFlowRequest(projectID, name string) *emr.CreateFlowForWebRequest {
	req := emr.CreateCreateFlowForWebRequest()
	req.ProjectId = projectID
	req.Name = name
	req.Description = "flow " + name
	req.ClusterId = "C-0000000000000001"
	req.CreateCluster = requests.NewBoolean(false)
	return req
}

func (f *fixture) createFlow(projectID, name string) string {
	f.t.Helper()
	resp, err := f.client.CreateFlowForWeb(newFlowRequest(projectID, name))
	mustOK(f.t, "CreateFlowForWeb "+name, err)
	return resp.Id
}

func (f *fixture) describeFlow(projectID, id string) *emr.DescribeFlowResponse {
	f.t.Helper()
	req := emr.CreateDescribeFlowRequest()
	req.ProjectId, req.Id = projectID, id
	resp, err := f.client.DescribeFlow(req)
	mustOK(f.t, "DescribeFlow "+id, err)
	return resp
}
