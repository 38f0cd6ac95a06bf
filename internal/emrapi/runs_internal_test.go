package emrapi

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// SubmitFlow's answer: the SDK's type has InstanceId, Id and Data; the id is read from whichever
// is filled, a boolean Data is not an id, and an answer without one is an unknown outcome.
func TestSubmitFlowAnswerShapes(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"InstanceId", `{"RequestId":"R","InstanceId":"FI-1"}`, "FI-1"},
		{"Data", `{"RequestId":"R","Data":"FI-2"}`, "FI-2"},
		{"Id", `{"RequestId":"R","Id":"FI-3","Data":true}`, "FI-3"},
		{"none", `{"RequestId":"R","Data":true}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(int, recorded) reply { return ok(tc.body) })
			c := newTestClient(t, api.URL, nil)
			id, err := c.SubmitFlow(t.Context(), "FP-1", "F-1", "")
			if id != tc.want {
				t.Errorf("id = %q, want %q", id, tc.want)
			}
			if tc.want == "" && !IsUnknownOutcome(err) {
				t.Errorf("an answer without an id must be an unknown outcome, got %v", err)
			}
			if tc.want != "" && err != nil {
				t.Errorf("unexpected error %v", err)
			}
			r := api.requests()[0]
			if p, _ := r.param("ProjectId"); p != "FP-1" {
				t.Errorf("ProjectId = %q", p)
			}
			if f, _ := r.param("FlowId"); f != "F-1" {
				t.Errorf("FlowId = %q", f)
			}
		})
	}
}

// SubmitFlow is not idempotent: after a 5xx (the run may have started) it is not retried; after
// throttling (nothing ran) it is.
func TestSubmitFlowRetries(t *testing.T) {
	api := newFakeAPI(t, func(int, recorded) reply { return gatewayErr(503, "ServiceUnavailable", "down") })
	c := newTestClient(t, api.URL, nil)
	if _, err := c.SubmitFlow(t.Context(), "FP-1", "F-1", ""); !IsUnknownOutcome(err) {
		t.Fatalf("want an unknown outcome, got %v", err)
	}
	if n := api.count(); n != 1 {
		t.Fatalf("SubmitFlow sent %d times after a 503, want 1", n)
	}
	api = newFakeAPI(t, func(n int, _ recorded) reply {
		if n == 0 {
			return gatewayErr(400, "Throttling.User", "slow down")
		}
		return ok(`{"Data":"FI-9"}`)
	})
	c = newTestClient(t, api.URL, nil)
	if id, err := c.SubmitFlow(t.Context(), "FP-1", "F-1", ""); err != nil || id != "FI-9" {
		t.Fatalf("after throttling: %q, %v", id, err)
	}
}

// DescribeFlowInstance reads the SDK's top-level shape and the page's sample shape ("data"
// wrapper, Graph as an object, numbers as strings); a missing instance is a NotFoundError.
func TestDescribeFlowInstanceShapes(t *testing.T) {
	want := &FlowInstance{ID: "FI-1", ProjectID: "FP-1", FlowID: "F-1", Status: "FAILED", StartTime: 10, EndTime: 20,
		Graph: `{"nodes":[]}`, Nodes: []NodeInstance{{ID: "FNI-1", NodeName: "n", Type: "JOB", Status: "FAILED", ExternalInfo: "boom", Retries: 1}}}
	for _, body := range []string{
		`{"RequestId":"R","Id":"FI-1","ProjectId":"FP-1","FlowId":"F-1","Status":"FAILED","StartTime":10,"EndTime":20,"Graph":"{\"nodes\":[]}",` +
			`"NodeInstance":{"NodeInstance":[{"Id":"FNI-1","NodeName":"n","Type":"JOB","Status":"FAILED","ExternalInfo":"boom","Retries":1}]}}`,
		`{"requestId":"R","data":{"Id":"FI-1","FlowId":"F-1","Status":"FAILED","StartTime":"10","EndTime":20,"Graph":{"nodes":[]},` +
			`"NodeInstance":{"NodeInstance":[{"Id":"FNI-1","NodeName":"n","Type":"JOB","Status":"FAILED","ExternalInfo":"boom","Retries":"1"}]}}}`,
	} {
		api := newFakeAPI(t, func(int, recorded) reply { return ok(body) })
		c := newTestClient(t, api.URL, nil)
		got, err := c.DescribeFlowInstance(t.Context(), "FP-1", "FI-1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("body %s:\n got %+v\nwant %+v", body, got, want)
		}
	}
	api := newFakeAPI(t, func(int, recorded) reply { return flowErr("flow instance does not exist [FI-2]") })
	c := newTestClient(t, api.URL, nil)
	if _, err := c.DescribeFlowInstance(t.Context(), "FP-1", "FI-2"); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
	if n := api.count(); n != 1 {
		t.Errorf("a not-found answer was retried: %d requests", n)
	}
}

// ListFlowInstance's page documents no OrderBy/OrderType: whatever order the server answers in,
// the newest runs come first and Limit keeps the newest. Five runs created at 1..5, pages of 2.
func TestListFlowInstancesNewestWhateverTheOrder(t *testing.T) {
	item := func(n int) string {
		return fmt.Sprintf(`{"Id":"FI-%d","GmtCreate":%d,"Status":"SUCCEEDED"}`, n, 1000*n)
	}
	for _, tc := range []struct {
		name      string
		order     []int
		wantPages int // pages read for Limit 2
	}{
		{"newest first, as asked", []int{5, 4, 3, 2, 1}, 1},
		{"oldest first", []int{1, 2, 3, 4, 5}, 3},
		{"no order", []int{3, 5, 1, 4, 2}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(_ int, r recorded) reply {
				page, _ := r.param("PageNumber")
				var items []string
				for i, n := range tc.order {
					if p := i/2 + 1; fmt.Sprint(p) == page {
						items = append(items, item(n))
					}
				}
				return ok(fmt.Sprintf(`{"RequestId":"R","PageNumber":%s,"PageSize":2,"Total":5,"FlowInstances":{"FlowInstance":[%s]}}`,
					page, strings.Join(items, ",")))
			})
			c := newTestClient(t, api.URL, nil)
			got, err := c.ListFlowInstances(t.Context(), ListFlowInstancesInput{ProjectID: "FP-1", Limit: 2, PageSize: 2})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].ID != "FI-5" || got[1].ID != "FI-4" {
				t.Errorf("want FI-5, FI-4; got %+v", got)
			}
			if n := len(api.requests()); n != tc.wantPages {
				t.Errorf("read %d pages, want %d", n, tc.wantPages)
			}
			one, err := c.ListFlowInstances(t.Context(), ListFlowInstancesInput{ProjectID: "FP-1", Limit: 1, PageSize: 2})
			if err != nil || len(one) != 1 || one[0].ID != "FI-5" {
				t.Errorf("Limit 1: want FI-5; got %+v, %v", one, err)
			}
			all, err := c.ListFlowInstances(t.Context(), ListFlowInstancesInput{ProjectID: "FP-1", PageSize: 2})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, in := range all {
				ids = append(ids, in.ID)
			}
			if strings.Join(ids, " ") != "FI-5 FI-4 FI-3 FI-2 FI-1" {
				t.Errorf("all: %v", ids)
			}
		})
	}
}

// RerunFlow (no page; the SDK's answer has Data, a boolean): Data true or absent is done, Data
// false (a boolean or a string) is an error naming the action and the run; ReRunFail is sent.
func TestRerunFlowAnswers(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		wantErr    bool
	}{
		{"true", `{"RequestId":"R","Data":true}`, false},
		{"string true", `{"RequestId":"R","Data":"true"}`, false},
		{"absent", `{"RequestId":"R"}`, false},
		{"false", `{"RequestId":"R","Data":false}`, true},
		{"string false", `{"RequestId":"R","Data":"false"}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(int, recorded) reply { return ok(tc.body) })
			c := newTestClient(t, api.URL, nil)
			err := c.RerunFlow(t.Context(), "FP-1", "FI-1", true)
			if tc.wantErr != (err != nil) {
				t.Fatalf("error %v, want one: %v", err, tc.wantErr)
			}
			if err != nil && (!strings.Contains(err.Error(), "RerunFlow") || !strings.Contains(err.Error(), "FI-1")) {
				t.Errorf("the error should name the action and the run: %v", err)
			}
			r := api.requests()[0]
			if v, _ := r.param("ReRunFail"); v != "true" {
				t.Errorf("ReRunFail = %q", v)
			}
			if v, _ := r.param("FlowInstanceId"); v != "FI-1" {
				t.Errorf("FlowInstanceId = %q", v)
			}
		})
	}
}
