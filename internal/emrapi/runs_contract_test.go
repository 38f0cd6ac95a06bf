package emrapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Contract tests of the run actions the provider calls: each decodes its page's sample answer and
// sample error as the page shows them (testdata/pages/<Action>.answer.json and .error.json, copied
// from /work/shared/reference/api/<Action>.md). SubmitFlow and RerunFlow have no page: their
// answers are the SDK's types (TestSubmitFlowAnswerShapes, TestRerunFlowAnswers). The provider
// does not call ListFlowNodeInstance, DescribeFlowNodeInstance or KillFlowJob.

// pageSample reads a sample of testdata/pages.
func pageSample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A sample error is answered with HTTP 400, or 200 with "successResponse":false: the pages give
// no status.
var sampleErrorStatuses = []int{400, 200}

// DescribeFlowInstance.md: the run wrapped in "data", the Graph an object, MaxRetry and
// RetryInterval as strings.
func TestContractDescribeFlowInstance(t *testing.T) {
	body := pageSample(t, "DescribeFlowInstance.answer.json")
	api := newFakeAPI(t, func(int, recorded) reply { return ok(body) })
	c := newTestClient(t, api.URL, nil)
	in, err := c.DescribeFlowInstance(t.Context(), "FP-7A1018ADE917****", "FI-1")
	if err != nil {
		t.Fatal(err)
	}
	if in.ID != "FI-7CAF9709CD328EBE" || in.Status != "SUCCEEDED" || in.FlowID != "F-35683D0E4573****" || in.FlowName != "flow-hive" ||
		in.Duration != 12000 || in.GmtCreate != 1540796235000 || !strings.Contains(in.Graph, `"edges"`) {
		t.Errorf("run: %+v", in)
	}
	if len(in.Nodes) != 3 {
		t.Fatalf("nodes: %+v", in.Nodes)
	}
	job := in.Nodes[1]
	if job.NodeName != "2f089966" || job.Type != "JOB" || job.Status != "OK" || job.JobName != "hive-test" ||
		job.JobType != "HIVE_SQL" || job.Duration != 11000 || job.StartTime != 1540796237000 || job.ExternalStatus != "SUCCESS" {
		t.Errorf("job node: %+v", job)
	}
	if in.Nodes[0].NodeName != ":start:" || in.Nodes[0].Type != "START" {
		t.Errorf("start node: %+v", in.Nodes[0])
	}
}

// ListFlowInstance.md: two runs and Total 50 for a PageSize of 2. Its sample is not JSON as
// printed: `"Owner":****` masks a value, which a real answer gives as a string; the test quotes it
// and changes nothing else.
func TestContractListFlowInstance(t *testing.T) {
	body := pageSample(t, "ListFlowInstance.answer.json")
	if !strings.Contains(body, `"Owner":****`) {
		t.Fatal("the sample changed: look at the masked Owner again")
	}
	body = strings.ReplaceAll(body, `"Owner":****`, `"Owner":"****"`)
	empty := `{"FlowInstances":{"FlowInstance":[]},"PageNumber":2,"PageSize":2,"RequestId":"R","Total":50}`
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		if p, _ := r.param("PageNumber"); p == "1" {
			return ok(body)
		}
		return ok(empty)
	})
	c := newTestClient(t, api.URL, nil)
	got, err := c.ListFlowInstances(t.Context(), ListFlowInstancesInput{ProjectID: "FP-17AB3389E1AD9A34"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "FI-03F019530CB8D327" || got[0].Status != "FAILED" || got[0].Duration != 32000 ||
		got[1].ID != "FI-60B9DBFA5AD2432B" || got[1].StartTime != 1542963000000 || got[1].FlowName != "success" {
		t.Errorf("runs: %+v", got)
	}
	errBody := pageSample(t, "ListFlowInstance.error.json")
	for _, status := range sampleErrorStatuses {
		api := newFakeAPI(t, func(int, recorded) reply { return reply{status: status, body: errBody} })
		c := newTestClient(t, api.URL, nil)
		_, err := c.ListFlowInstances(t.Context(), ListFlowInstancesInput{ProjectID: "FP-117AB3389E1AD9A34"})
		if !IsNotFound(err) || !IsProjectNotFound(err) {
			t.Errorf("HTTP %d: the sample error should be the project's not-found: %v", status, err)
		}
	}
}

// DescribeFlowNodeInstanceLauncherLog.md: the log wrapped in "data" with "code":"200", LogEnd
// false; the next read (Start 3) answers nothing more. Its sample error is a missing instance.
func TestContractDescribeFlowNodeInstanceLauncherLog(t *testing.T) {
	body := pageSample(t, "DescribeFlowNodeInstanceLauncherLog.answer.json")
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		if s, _ := r.param("Start"); s == "0" {
			return ok(body)
		}
		return ok(`{"code":"200","data":{"LogEnd":true,"LogEntrys":{"LogEntry":[]}},"requestId":"R","successResponse":true}`)
	})
	c := newTestClient(t, api.URL, nil)
	lines, err := c.NodeInstanceLog(t.Context(), "FP-BECB9D35CB121F32", "FNI-0D2534B3AB675B63", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || lines[1] != "== System Properties ============" {
		t.Errorf("lines: %q", lines)
	}
	if n := len(api.requests()); n != 2 {
		t.Errorf("%d reads, want 2 (the sample says LogEnd false)", n)
	}
	errBody := pageSample(t, "DescribeFlowNodeInstanceLauncherLog.error.json")
	for _, status := range sampleErrorStatuses {
		api := newFakeAPI(t, func(int, recorded) reply { return reply{status: status, body: errBody} })
		c := newTestClient(t, api.URL, nil)
		if _, err := c.NodeInstanceLog(t.Context(), "FP-1", "FNI-2DC5BBC3D47FE45", 10); !IsNotFound(err) {
			t.Errorf("HTTP %d: the sample error should be a not-found: %v", status, err)
		}
	}
}
