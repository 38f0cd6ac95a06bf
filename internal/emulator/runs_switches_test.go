package emulator_test

import (
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
