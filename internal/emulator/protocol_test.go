package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// TestSignKnownAnswer checks the signer against the example of the API documentation.
func TestSignKnownAnswer(t *testing.T) {
	v := url.Values{
		"AccessKeyId":      {"testid"},
		"Action":           {"DescribeRegions"},
		"Format":           {"XML"},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureNonce":   {"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		"SignatureVersion": {"1.0"},
		"Timestamp":        {"2016-02-23T12:46:24Z"},
		"Version":          {"2014-05-26"},
	}
	const want = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
	if got := emulator.Sign(http.MethodGet, v, "testsecret"); got != want {
		t.Errorf("emulator.Sign = %s, want %s", got, want)
	}
	if got := testSign(http.MethodGet, v, "testsecret"); got != want {
		t.Errorf("testSign = %s, want %s", got, want)
	}
	// Characters the encoding treats specially must agree between both signers.
	v.Set("Name", "a b*c~d+e/é&=")
	if a, b := emulator.Sign(http.MethodPost, v, "s"), testSign(http.MethodPost, v, "s"); a != b {
		t.Errorf("signers disagree on special characters: %s vs %s", a, b)
	}
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")

	// The SDK with a wrong secret.
	bad := f.newClient(emulator.DefaultAccessKeyID, "wrong")
	req := emr.CreateDescribeFlowProjectRequest()
	req.ProjectId = p
	_, err := bad.DescribeFlowProject(req)
	gatewayErr(t, err, http.StatusBadRequest, "SignatureDoesNotMatch")

	// The SDK with an unknown key.
	unknown := f.newClient("LTAInobody", "x")
	_, err = unknown.DescribeFlowProject(req)
	gatewayErr(t, err, http.StatusNotFound, "InvalidAccessKeyId.NotFound")

	describe := map[string]string{"ProjectId": p}
	for _, tc := range []struct {
		name   string
		rr     rawRequest
		status int
		code   string
	}{
		{"valid POST", rawRequest{action: "DescribeFlowProject", params: describe}, 200, ""},
		{"valid GET", rawRequest{method: http.MethodGet, action: "DescribeFlowProject", params: describe}, 200, ""},
		{"parameters in the form body", rawRequest{action: "DescribeFlowProject", form: describe}, 200, ""},
		{"signed as GET, sent as POST", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodGet, nil)}, 400, "SignatureDoesNotMatch"},
		{"missing signature", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: func(v url.Values) { v.Del("Signature") }}, 400, "SignatureDoesNotMatch"},
		{"parameter changed after signing", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: func(v url.Values) {
				v.Set("Signature", testSign(http.MethodPost, v, emulator.DefaultAccessKeySecret))
				v.Set("ProjectId", "FP-0000000000000000")
			}}, 400, "SignatureDoesNotMatch"},
		{"unknown key", rawRequest{action: "DescribeFlowProject", params: describe, keyID: "LTAIother", secret: "x"}, 404, "InvalidAccessKeyId.NotFound"},
		{"missing key", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) { v.Del("AccessKeyId") })},
			400, "MissingParameter"},
		{"timestamp 16 minutes old", rawRequest{action: "DescribeFlowProject", params: describe,
			timestamp: f.clock.Now().Add(-16 * time.Minute)}, 400, "InvalidTimeStamp.Expired"},
		{"timestamp 16 minutes ahead", rawRequest{action: "DescribeFlowProject", params: describe,
			timestamp: f.clock.Now().Add(16 * time.Minute)}, 400, "InvalidTimeStamp.Expired"},
		{"timestamp 14 minutes old", rawRequest{action: "DescribeFlowProject", params: describe,
			timestamp: f.clock.Now().Add(-14 * time.Minute)}, 200, ""},
		{"timestamp malformed", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) {
				v.Set("Timestamp", f.clock.Now().Format(time.RFC1123))
			})}, 400, "InvalidTimeStamp.Expired"},
		{"timestamp missing", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) { v.Del("Timestamp") })},
			400, "InvalidTimeStamp.Expired"},
		{"nonce missing", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) { v.Del("SignatureNonce") })},
			400, "MissingParameter"},
		{"signature method", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) { v.Set("SignatureMethod", "HMAC-SHA256") })},
			400, "InvalidParameter"},
		{"unknown action", rawRequest{action: "DescribeEverything"}, 404, "InvalidAction.NotFound"},
		{"EMR action with the STS version", rawRequest{action: "DescribeFlowProject", version: "2015-04-01", params: describe},
			404, "InvalidAction.NotFound"},
		{"missing version", rawRequest{action: "DescribeFlowProject", params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) { v.Del("Version") })},
			400, "MissingParameter"},
		{"missing action", rawRequest{params: describe,
			mutate: signedWith(http.MethodPost, func(v url.Values) { v.Del("Action") })},
			400, "MissingParameter"},
		{"XML format", rawRequest{action: "DescribeFlowProject", params: map[string]string{"ProjectId": p, "Format": "XML"}},
			400, "InvalidParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := f.raw(tc.rr)
			if resp.status != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.status, tc.status, resp.body)
			}
			if tc.code == "" {
				return
			}
			assertGatewayBody(t, resp, tc.code)
		})
	}
}

// assertGatewayBody checks the capitalised error shape, exactly its five keys.
func assertGatewayBody(t *testing.T, resp rawResponse, code string) {
	t.Helper()
	m := resp.json(t)
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if _, ok := m[k].(string); !ok {
			t.Errorf("gateway body lacks %s: %s", k, resp.body)
		}
	}
	if len(m) != 5 {
		t.Errorf("gateway body has %d keys, want 5: %s", len(m), resp.body)
	}
	if m["Code"] != code {
		t.Errorf("Code = %v, want %s", m["Code"], code)
	}
}

func TestErrorShapes(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	// Gateway: capitalised.
	resp := f.raw(rawRequest{action: "DescribeFlowProject"})
	if resp.status != 400 {
		t.Fatalf("status %d", resp.status)
	}
	assertGatewayBody(t, resp, "MissingParameter")
	if _, msg := resp.code(t); !strings.Contains(msg, `"ProjectId"`) {
		t.Errorf("message must name the parameter: %s", msg)
	}
	// Flow service: lower-case, exactly its four keys.
	resp = f.raw(rawRequest{action: "DescribeFlowProject", params: map[string]string{"ProjectId": "FP-0000000000000001"}})
	if resp.status != 400 {
		t.Fatalf("status %d", resp.status)
	}
	var body map[string]any
	if err := json.Unmarshal(resp.body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"code": "FLOW_API_FAILED", "message": "Project does not exist [FP-0000000000000001]",
		"requestId": body["requestId"], "successResponse": false}
	if len(body) != 4 || body["requestId"] == "" {
		t.Fatalf("bad flow body: %s", resp.body)
	}
	for k, v := range want {
		if body[k] != v {
			t.Errorf("%s = %v, want %v", k, body[k], v)
		}
	}
}

func TestNonceReplay(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	rr := rawRequest{action: "DescribeFlowProject", params: map[string]string{"ProjectId": p}, nonce: "fixed-nonce"}
	if resp := f.raw(rr); resp.status != 200 {
		t.Fatalf("first use: %d %s", resp.status, resp.body)
	}
	resp := f.raw(rr)
	if resp.status != 400 {
		t.Fatalf("replay: %d %s", resp.status, resp.body)
	}
	assertGatewayBody(t, resp, "SignatureNonceUsed")

	// A request with a bad signature does not burn a nonce.
	badSig := rr
	badSig.nonce, badSig.secret = "other-nonce", "wrong"
	if resp := f.raw(badSig); resp.status != 400 {
		t.Fatalf("bad signature: %d", resp.status)
	}
	good := rr
	good.nonce = "other-nonce"
	if resp := f.raw(good); resp.status != 200 {
		t.Fatalf("nonce burnt by a bad request: %d %s", resp.status, resp.body)
	}

	// After 15 minutes the nonce is forgotten (and the memory released).
	before := emulator.NonceCount(f.srv)
	f.clock.Advance(16 * time.Minute)
	if resp := f.raw(rr); resp.status != 200 {
		t.Fatalf("after expiry: %d %s", resp.status, resp.body)
	}
	if after := emulator.NonceCount(f.srv); after != 1 || before < 3 {
		t.Errorf("nonces before %d after %d; want old ones expired", before, after)
	}
}

func TestMalformedRequests(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	for _, tc := range []struct {
		name        string
		method      string
		target      string
		contentType string
		body        string
		status      int
		code        string
	}{
		{"bad escape in query", "POST", "/?Action=%zz", "", "", 400, "InvalidParameter"},
		{"bad escape in body", "POST", "/", "application/x-www-form-urlencoded", "Action=%", 400, "InvalidParameter"},
		{"semicolon in query", "GET", "/?Action=A;B", "", "", 400, "InvalidParameter"},
		{"body over 8 MiB", "POST", "/", "application/x-www-form-urlencoded", "Graph=" + strings.Repeat("x", 8<<20), 400, "InvalidParameter"},
		{"JSON body ignored", "POST", "/", "application/json", `{"Action":"ListFlow"}`, 400, "MissingParameter"},
		{"bad content type", "POST", "/", "application/x-www-form-urlencoded; =", "Action=ListFlow", 400, "MissingParameter"},
		{"empty request", "GET", "/", "", "", 400, "MissingParameter"},
		{"other path", "GET", "/api", "", "", 404, "InvalidAction.NotFound"},
		{"other method", "PUT", "/", "", "", 404, "InvalidAction.NotFound"},
		{"binary garbage", "POST", "/", "application/x-www-form-urlencoded", "\x00\xff\xfe=\x01", 400, "MissingParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := f.send(tc.method, tc.target, tc.contentType, strings.NewReader(tc.body))
			if resp.status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", resp.status, tc.status, resp.body)
			}
			assertGatewayBody(t, resp, tc.code)
		})
	}
}

func TestDebugEndpoints(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	f.createProject("a")
	f.createProject("b")
	f.raw(rawRequest{action: "NoSuchAction"})

	resp := f.send(http.MethodGet, "/__emulator/stats", "", nil)
	if resp.status != 200 {
		t.Fatalf("stats: %d", resp.status)
	}
	var st emulator.Stats
	if err := json.Unmarshal(resp.body, &st); err != nil {
		t.Fatalf("stats body: %v", err)
	}
	if st.Total != 3 || st.Calls["CreateFlowProject"] != 2 || st.Calls["(unknown)"] != 1 {
		t.Fatalf("stats = %+v", st)
	}
	if got := f.srv.Stats(); got.Total != st.Total || got.Calls["CreateFlowProject"] != 2 {
		t.Errorf("Stats() = %+v, endpoint %+v", got, st)
	}
	if !strings.Contains(string(resp.body), `"faults":{"throttled":0,"errors":0,"ambiguous":0}`) {
		t.Errorf("stats JSON shape: %s", resp.body)
	}
	if r := f.send(http.MethodPost, "/__emulator/stats", "", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST stats: %d", r.status)
	}
	if r := f.send(http.MethodGet, "/__emulator/reset-stats", "", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET reset-stats: %d", r.status)
	}
	if r := f.send(http.MethodPost, "/__emulator/reset-stats", "", nil); r.status != http.StatusNoContent {
		t.Fatalf("reset: %d", r.status)
	}
	if got := f.srv.Stats(); got.Total != 0 || len(got.Calls) != 0 {
		t.Errorf("after reset: %+v", got)
	}
	f.createProject("c")
	f.srv.ResetStats()
	if got := f.srv.Stats(); got.Total != 0 {
		t.Errorf("after ResetStats: %+v", got)
	}
}

// TestHealth: the readiness path answers an unsigned GET or HEAD with 200, under faults that
// refuse every API request too, and counts as no API request.
func TestHealth(t *testing.T) {
	f := newFixture(t, emulator.Config{ErrorRate: 1, ThrottleRPS: 0.001})
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		resp := f.send(m, emulator.HealthPath, "", nil)
		if resp.status != http.StatusOK {
			t.Fatalf("%s %s: %d %s", m, emulator.HealthPath, resp.status, resp.body)
		}
		if m == http.MethodGet && strings.TrimSpace(string(resp.body)) != `{"status":"ok"}` {
			t.Errorf("GET body %q", resp.body)
		}
	}
	if r := f.send(http.MethodPost, emulator.HealthPath, "", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST health: %d", r.status)
	}
	if st := f.srv.Stats(); st.Total != 0 {
		t.Errorf("health checks counted as API requests: %+v", st)
	}
}
