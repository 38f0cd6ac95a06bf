package emulator_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// Under async-runs, SubmitFlow answers the run's id in Id only, and the reads do not know the run
// for its first two seconds; then they do.
func TestSwitchAsyncRuns(t *testing.T) {
	f := newFixture(t, emulator.Config{Switches: emulator.SwitchAsyncRuns})
	p := f.createProject("p")
	flowID := f.createFlowWithGraph(p, "f", runGraph(false, f.createJobWith(p, "a", "echo", nil)))
	req := emr.CreateSubmitFlowRequest()
	req.ProjectId, req.FlowId = p, flowID
	resp, err := f.client.SubmitFlow(req)
	mustOK(t, "SubmitFlow", err)
	if resp.Data != "" || !strings.HasPrefix(resp.Id, "FI-") {
		t.Fatalf("want the id in Id only: %s", resp.GetHttpContentString())
	}
	describe := emr.CreateDescribeFlowInstanceRequest()
	describe.ProjectId, describe.Id = p, resp.Id
	_, err = f.client.DescribeFlowInstance(describe)
	flowErr(t, err, "flow instance does not exist")
	if got := f.listInstances(p, nil); len(got) != 0 {
		t.Errorf("ListFlowInstance lists the new run: %v", got)
	}
	f.clock.Advance(2 * time.Second)
	if got := f.instance(p, resp.Id); got.Id != resp.Id {
		t.Errorf("DescribeFlowInstance after 2s: %+v", got)
	}
	if got := f.listInstances(p, nil); len(got) != 1 {
		t.Errorf("ListFlowInstance after 2s: %v", got)
	}
}

// Under server-order, ListFlowInstance answers oldest first whatever OrderBy/OrderType ask.
func TestSwitchServerOrder(t *testing.T) {
	f := newFixture(t, emulator.Config{Switches: emulator.SwitchServerOrder})
	p := f.createProject("p")
	flowID := f.createFlowWithGraph(p, "f", runGraph(false, f.createJobWith(p, "a", "echo", nil)))
	var ids []string
	for range 3 {
		ids = append(ids, f.submit(p, flowID))
		f.clock.Advance(time.Second)
	}
	got := f.listInstances(p, func(r *emr.ListFlowInstanceRequest) { r.OrderBy, r.OrderType = "gmt_create", "desc" })
	if strings.Join(got, " ") != strings.Join(ids, " ") {
		t.Errorf("want oldest first %v, got %v", ids, got)
	}
}

// listInstances lists a project's run ids with ListFlowInstance.
func (f *fixture) listInstances(projectID string, mod func(*emr.ListFlowInstanceRequest)) []string {
	f.t.Helper()
	req := emr.CreateListFlowInstanceRequest()
	req.ProjectId = projectID
	if mod != nil {
		mod(req)
	}
	resp, err := f.client.ListFlowInstance(req)
	mustOK(f.t, "ListFlowInstance", err)
	var out []string
	for _, in := range resp.FlowInstances.FlowInstance {
		out = append(out, in.Id)
	}
	return out
}

// A flow with a run in progress cannot be deleted (console guide, "Edit a workflow"); once the
// run has ended, it can.
func TestDeleteFlowRefusedWhileRunning(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: 5 * time.Second})
	p := f.createProject("p")
	flowID := f.createFlowWithGraph(p, "f", runGraph(false, f.createJobWith(p, "a", "echo", nil)))
	f.submit(p, flowID)
	req := emr.CreateDeleteFlowRequest()
	req.ProjectId, req.Id = p, flowID
	_, err := f.client.DeleteFlow(req)
	flowErr(t, err, "Flow is running and cannot be deleted")
	f.clock.Advance(5 * time.Second)
	_, err = f.client.DeleteFlow(req)
	mustOK(t, "DeleteFlow after the run", err)
}

// RerunFlow with ReRunFail reruns in place the nodes that did not succeed, reading their jobs as
// they are now (the job was fixed); the node that had succeeded keeps its times and does not run
// again. Under async-runs the run shows its previous end for two seconds first.
func TestRerunFailedNodesAfterFix(t *testing.T) {
	for _, sw := range []string{"", emulator.SwitchAsyncRuns} {
		t.Run("switches="+sw, func(t *testing.T) {
			f := newFixture(t, emulator.Config{NodeDuration: time.Second, Switches: sw})
			p := f.createProject("p")
			a := f.createJobWith(p, "a", "echo a", nil)
			b := f.createJobWith(p, "b", "EMRFLOW_EMULATOR_FAIL: broken", nil)
			flowID := f.createFlowWithGraph(p, "chain", runGraph(true, a, b))
			req := emr.CreateSubmitFlowRequest()
			req.ProjectId, req.FlowId = p, flowID
			resp, err := f.client.SubmitFlow(req)
			mustOK(t, "SubmitFlow", err)
			id := resp.Data + resp.Id
			f.clock.Advance(5 * time.Second)
			first := f.instance(p, id)
			if first.Status != "FAILED" || nodeStatuses(first) != ":start:=OK n0=OK n1=FAILED end=PREP" {
				t.Fatalf("first run: %s %s", first.Status, nodeStatuses(first))
			}
			_, err = f.common(f.client, "2016-04-08", "ModifyFlowJob", map[string]string{
				"RegionId": testRegion, "ProjectId": p, "Id": b, "Name": "b", "Params": "echo fixed"})
			mustOK(t, "ModifyFlowJob", err)
			mustOK(t, "RerunFlow", f.control("RerunFlow", p, id, map[string]string{"ReRunFail": "true"}))
			if sw != "" {
				if got := f.instance(p, id); got.Status != "FAILED" {
					t.Errorf("async: want the previous end for a while, got %s", got.Status)
				}
				f.clock.Advance(2 * time.Second)
			}
			if got := f.instance(p, id); got.Status != "RUNNING" || nodeStatuses(got) != ":start:=OK n0=OK n1=RUNNING end=PREP" {
				t.Fatalf("rerun: %s %s", got.Status, nodeStatuses(got))
			}
			f.clock.Advance(2 * time.Second)
			got := f.instance(p, id)
			if got.Status != "SUCCEEDED" || nodeStatuses(got) != ":start:=OK n0=OK n1=OK end=OK" {
				t.Fatalf("after the rerun: %s %s", got.Status, nodeStatuses(got))
			}
			n0, n0before := got.NodeInstance.NodeInstanceItem[1], first.NodeInstance.NodeInstanceItem[1]
			if n0.Id != n0before.Id || n0.StartTime != n0before.StartTime || n0.EndTime != n0before.EndTime {
				t.Errorf("the succeeded node ran again: before %+v, after %+v", n0before, n0)
			}
			if n1 := got.NodeInstance.NodeInstanceItem[2]; n1.Id != first.NodeInstance.NodeInstanceItem[2].Id || n1.StartTime <= n0.EndTime {
				t.Errorf("the failed node was not rerun in place: %+v", n1)
			}
		})
	}
}

// The answer profiles vary the run actions too: under "all" a run's node instances come in
// reverse order with their numbers and booleans as strings; under "sparse" the times of a node
// that never ran are left out; under "documented" the run is wrapped in "data", its Graph an
// object (DescribeFlowInstance.md's sample).
func TestRunAnswersVaried(t *testing.T) {
	describe := func(profile string) string {
		f := newFixture(t, emulator.Config{Answers: profile, NodeDuration: time.Second})
		p := f.createProject("p")
		flowID := f.createFlowWithGraph(p, "f", runGraph(true, f.createJobWith(p, "a", "EMRFLOW_EMULATOR_FAIL", nil)))
		resp, err := f.common(f.client, "2016-04-08", "SubmitFlow", map[string]string{"RegionId": testRegion, "ProjectId": p, "FlowId": flowID})
		mustOK(t, "SubmitFlow", err)
		var sub struct{ Data, Id string }
		if err := json.Unmarshal(resp.GetHttpContentBytes(), &sub); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(2 * time.Second)
		resp, err = f.common(f.client, "2016-04-08", "DescribeFlowInstance", map[string]string{"RegionId": testRegion, "ProjectId": p, "Id": sub.Data + sub.Id})
		mustOK(t, "DescribeFlowInstance", err)
		return resp.GetHttpContentString()
	}
	for profile, want := range map[string][]string{
		emulator.AnswersAll:        {`"Pending":"false"`, `"Retries":"0"`, `"OwnerId"`},
		emulator.AnswersSparse:     {`"Status":"PREP"`},
		emulator.AnswersDocumented: {`"data":{`, `"Graph":{`},
	} {
		got := describe(profile)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %s in %s", profile, w, got)
			}
		}
		if profile == emulator.AnswersAll && strings.Index(got, `"Type":"END"`) > strings.Index(got, `"Type":"START"`) {
			t.Errorf("all: node instances not reversed: %s", got)
		}
		if profile == emulator.AnswersSparse && strings.Count(got, `"StartTime"`) != 3 { // the run, START and the job
			t.Errorf("sparse: the END node's unset times are answered: %s", got)
		}
	}
}
