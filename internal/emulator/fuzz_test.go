package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Fixed ids seeded into the fuzz server, so that inputs can reach the paths behind the existence
// checks (random ids could never be guessed).
const (
	fuzzProject  = "FP-0000000000000001"
	fuzzFlow     = "F-0000000000000001"
	fuzzJob      = "FJ-0000000000000001"
	fuzzCategory = "FC-0000000000000001"
)

// newFuzzServer returns a server holding one object of each kind and a flag raised by any
// recovered panic (ServeHTTP recovers them, which would otherwise hide them from the fuzzer).
func newFuzzServer(tb testing.TB) (*Server, *atomic.Value) {
	tb.Helper()
	s, err := New(Config{})
	if err != nil {
		tb.Fatal(err)
	}
	var panicked atomic.Value
	s.panicHook = func(v any) { panicked.Store(fmt.Sprint(v)) }
	st := s.st
	st.Projects[fuzzProject] = &project{ID: fuzzProject, Name: "p", Seq: st.nextSeq()}
	st.Categories[fuzzCategory] = &category{ID: fuzzCategory, ProjectID: fuzzProject, Name: "c", Type: "FLOW", Seq: st.nextSeq()}
	st.Jobs[fuzzJob] = &job{ID: fuzzJob, ProjectID: fuzzProject, Name: "j", Type: "SHELL", Seq: st.nextSeq()}
	st.Flows[fuzzFlow] = &flow{ID: fuzzFlow, ProjectID: fuzzProject, Name: "f", ClusterID: "C-0000000000000001",
		Status: statusStopSchedule, Graph: `{"nodes":[{"id":"a","index":0,"attribute":{"jobId":"FJ-0000000000000001"}}]}`, Seq: st.nextSeq()}
	return s, &panicked
}

// checkResponse fails on a recovered panic, and on an answer that is not one of the documented
// shapes.
func checkResponse(t *testing.T, panicked *atomic.Value, w *httptest.ResponseRecorder) {
	t.Helper()
	if v := panicked.Load(); v != nil {
		t.Fatalf("handler panicked: %v", v)
	}
	switch w.Code {
	case http.StatusOK, http.StatusBadRequest, http.StatusNotFound:
	default:
		t.Fatalf("unexpected status %d: %s", w.Code, w.Body)
	}
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("answer is not a JSON object: %v: %q", err, w.Body)
	}
	if w.Code == http.StatusOK {
		if _, ok := m["RequestId"].(string); !ok {
			t.Fatalf("success without RequestId: %s", w.Body)
		}
		return
	}
	_, gateway := m["Code"].(string)
	_, flow := m["code"].(string)
	if gateway == flow {
		t.Fatalf("error body in neither shape: %s", w.Body)
	}
}

// FuzzServeHTTP throws raw requests at the handler: any method, query, content type and body.
func FuzzServeHTTP(f *testing.F) {
	f.Add("GET", "Action=ListFlow&Version=2016-04-08", "", "")
	f.Add("POST", "", "application/x-www-form-urlencoded", "Action=DescribeFlow&Version=2016-04-08&Id=F-1")
	f.Add("POST", "Action=%zz", "application/x-www-form-urlencoded", "a=%")
	f.Add("POST", "Action=AssumeRole&Version=2015-04-01", "application/x-www-form-urlencoded; charset=utf-8", "RoleArn=x")
	f.Add("PUT", ";;", "text/plain", "\x00\xff")
	s, panicked := newFuzzServer(f)
	f.Fuzz(func(t *testing.T, method, query, contentType, body string) {
		switch method {
		case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete:
		default:
			method = http.MethodPost
		}
		r := httptest.NewRequest(method, "/", strings.NewReader(body))
		r.URL.RawQuery = query
		r.Header.Set("Content-Type", contentType)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		checkResponse(t, panicked, w)
	})
}

// FuzzSignedRequest signs whatever parameters the input holds, so that it gets past the gateway
// checks and into the actions. The input is a form-encoded parameter set; post picks where it
// travels.
func FuzzSignedRequest(f *testing.F) {
	for _, seed := range []string{
		"Action=ListFlow&ProjectId=" + fuzzProject + "&PageSize=100&Periodic=true&JobId=" + fuzzJob,
		"Action=DescribeFlow&ProjectId=" + fuzzProject + "&Id=" + fuzzFlow,
		"Action=CreateFlowForWeb&ProjectId=" + fuzzProject + "&ClusterId=C-0000000000000001&CreateCluster=false&Name=n&Description=&RegionId=r&Graph=%7B%22nodes%22%3A%5B%7B%7D%5D%7D&ParentFlowList=" + fuzzFlow + "&ParentCategory=" + fuzzCategory,
		"Action=ModifyFlowForWeb&ProjectId=" + fuzzProject + "&Id=" + fuzzFlow + "&Graph=&ClusterId=C-0000000000000001&CreateCluster=false&CronExpr=0+0+*+*+*+%3F&StartSchedule=1&Status=UNDER_SCHEDULE",
		"Action=CreateFlowJob&ProjectId=" + fuzzProject + "&Name=j2&Type=SHELL&Description=d&RegionId=r&ResourceList.1.Path=oss%3A%2F%2Fa&MaxRetry=5",
		"Action=ModifyFlowJob&ProjectId=" + fuzzProject + "&Id=" + fuzzJob + "&ResourceList=&Adhoc=true&EnvConf=%7B%7D",
		"Action=ListFlowJob&ProjectId=" + fuzzProject + "&Adhoc=false",
		"Action=CreateFlowCategory&ProjectId=" + fuzzProject + "&Name=c2&Type=JOB&ParentId=" + fuzzCategory,
		"Action=ModifyFlowCategory&ProjectId=" + fuzzProject + "&Id=" + fuzzCategory + "&ParentId=" + fuzzCategory,
		"Action=ListFlowCategory&ProjectId=" + fuzzProject + "&Root=true",
		"Action=DeleteFlowProject&ProjectId=" + fuzzProject,
		"Action=ListFlowProject&PageNumber=2&PageSize=1",
		"Action=AssumeRole&Version=2015-04-01&RoleArn=acs%3Aram%3A%3A1%3Arole%2Fr&RoleSessionName=ss&DurationSeconds=900",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	s, panicked := newFuzzServer(f)
	var nonce atomic.Int64
	f.Fuzz(func(t *testing.T, input string, post bool) {
		v, err := url.ParseQuery(input)
		if err != nil {
			t.Skip()
		}
		if v.Get("Version") == "" {
			v.Set("Version", versionEMR)
		}
		v.Set("AccessKeyId", DefaultAccessKeyID)
		v.Set("SignatureMethod", "HMAC-SHA1")
		v.Set("SignatureVersion", "1.0")
		v.Set("SignatureNonce", fmt.Sprint("fuzz-", nonce.Add(1)))
		v.Set("Timestamp", time.Now().UTC().Format(timestampLayout))
		for k := range v {
			v[k] = v[k][:1] // the signature covers one value per name
		}
		method := http.MethodGet
		if post {
			method = http.MethodPost
		}
		v.Set("Signature", Sign(method, v, DefaultAccessKeySecret))
		var r *http.Request
		if post {
			r = httptest.NewRequest(method, "/", strings.NewReader(v.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			r = httptest.NewRequest(method, "/?"+v.Encode(), nil)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		checkResponse(t, panicked, w)
	})
}
