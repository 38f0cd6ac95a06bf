package emulator_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// runGraph builds a console graph: START -> each of jobs (in parallel when chain is false, one
// after the other when true) -> END. Node ids are "n0".."nK"; START is "start", END is "end".
func runGraph(chain bool, jobIDs ...string) string {
	type node struct {
		ID        string            `json:"id"`
		Label     string            `json:"label,omitempty"`
		Attribute map[string]string `json:"attribute"`
		X         float64           `json:"x"`
		Y         float64           `json:"y"`
	}
	type edge struct {
		Source string `json:"source"`
		Target string `json:"target"`
	}
	g := struct {
		Nodes []node `json:"nodes"`
		Edges []edge `json:"edges"`
	}{}
	g.Nodes = append(g.Nodes, node{ID: "start", Attribute: map[string]string{"type": "START"}, X: 300, Y: 40})
	prev := "start"
	for i, id := range jobIDs {
		name := fmt.Sprintf("n%d", i)
		g.Nodes = append(g.Nodes, node{ID: name, Label: "job " + name, Attribute: map[string]string{"type": "JOB", "jobId": id, "jobType": "SHELL"},
			X: float64(100 + 200*i), Y: float64(140 + 100*i)})
		if chain {
			g.Edges = append(g.Edges, edge{prev, name})
			prev = name
		} else {
			g.Edges = append(g.Edges, edge{"start", name}, edge{name, "end"})
		}
	}
	g.Nodes = append(g.Nodes, node{ID: "end", Attribute: map[string]string{"type": "END"}, X: 300, Y: 600})
	if chain {
		g.Edges = append(g.Edges, edge{prev, "end"})
	}
	b, _ := json.Marshal(g)
	return string(b)
}

func (f *fixture) createJobWith(projectID, name, params string, mod func(*emr.CreateFlowJobRequest)) string {
	f.t.Helper()
	req := emr.CreateCreateFlowJobRequest()
	req.ProjectId, req.Name, req.Type, req.Description, req.Params = projectID, name, "SHELL", "job "+name, params
	if mod != nil {
		mod(req)
	}
	resp, err := f.client.CreateFlowJob(req)
	mustOK(f.t, "CreateFlowJob "+name, err)
	return resp.Id
}

// associate associates the seeded cluster C-…1 with the project, so that its flows may run;
// associating it again is a no-op.
func (f *fixture) associate(projectID string) {
	f.t.Helper()
	req := emr.CreateCreateFlowProjectClusterSettingRequest()
	req.ProjectId, req.ClusterId = projectID, "C-0000000000000001"
	if _, err := f.client.CreateFlowProjectClusterSetting(req); err != nil && !strings.Contains(err.Error(), "already exists") {
		f.t.Fatalf("CreateFlowProjectClusterSetting: %v", err)
	}
}

// createFlowWithGraph creates a flow on C-…1 with graph, the cluster associated with the project.
func (f *fixture) createFlowWithGraph(projectID, name, graph string) string {
	f.t.Helper()
	f.associate(projectID)
	req := newFlowRequest(projectID, name)
	req.Graph = graph
	resp, err := f.client.CreateFlowForWeb(req)
	mustOK(f.t, "CreateFlowForWeb "+name, err)
	return resp.Id
}

func (f *fixture) submit(projectID, flowID string) string {
	f.t.Helper()
	req := emr.CreateSubmitFlowRequest()
	req.ProjectId, req.FlowId = projectID, flowID
	resp, err := f.client.SubmitFlow(req)
	mustOK(f.t, "SubmitFlow", err)
	id := resp.Data
	if !strings.HasPrefix(id, "FI-") {
		f.t.Fatalf("SubmitFlow answered no instance id: %s", resp.GetHttpContentString())
	}
	return id
}

func (f *fixture) instance(projectID, id string) *emr.DescribeFlowInstanceResponse {
	f.t.Helper()
	req := emr.CreateDescribeFlowInstanceRequest()
	req.ProjectId, req.Id = projectID, id
	resp, err := f.client.DescribeFlowInstance(req)
	mustOK(f.t, "DescribeFlowInstance", err)
	return resp
}

// nodeStatuses renders the node statuses of an instance as "start=OK n0=RUNNING ...".
func nodeStatuses(r *emr.DescribeFlowInstanceResponse) string {
	var parts []string
	for _, n := range r.NodeInstance.NodeInstanceItem {
		parts = append(parts, n.NodeName+"="+n.Status)
	}
	return strings.Join(parts, " ")
}

func TestRunSucceedsNodeByNode(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: 10 * time.Second})
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	b := f.createJobWith(p, "b", "echo b", nil)
	flowID := f.createFlowWithGraph(p, "chain", runGraph(true, a, b))
	start := f.clock.Now().UnixMilli()
	id := f.submit(p, flowID)

	steps := []struct {
		after  time.Duration
		status string
		nodes  string
	}{
		{0, "RUNNING", ":start:=OK n0=RUNNING n1=PREP end=PREP"},
		{9 * time.Second, "RUNNING", ":start:=OK n0=RUNNING n1=PREP end=PREP"},
		{time.Second, "RUNNING", ":start:=OK n0=OK n1=RUNNING end=PREP"},
		{10 * time.Second, "SUCCEEDED", ":start:=OK n0=OK n1=OK end=OK"},
	}
	for i, st := range steps {
		f.clock.Advance(st.after)
		got := f.instance(p, id)
		if got.Status != st.status || nodeStatuses(got) != st.nodes {
			t.Fatalf("step %d: status %s, nodes %q; want %s, %q", i, got.Status, nodeStatuses(got), st.status, st.nodes)
		}
	}
	got := f.instance(p, id)
	if got.StartTime != start || got.EndTime != start+20000 || got.Duration != 20000 || got.FlowId != flowID ||
		got.FlowName != "chain" || got.ClusterId != "C-0000000000000001" || got.ProjectId != p || got.Graph == "" {
		t.Errorf("bad instance: %+v", got)
	}
	n1 := got.NodeInstance.NodeInstanceItem[2]
	if n1.JobId != b || n1.JobName != "b" || n1.JobType != "SHELL" || n1.StartTime != start+10000 ||
		n1.Duration != 10000 || n1.ExternalStatus != "SUCCESS" || n1.Pending || !strings.HasPrefix(n1.Id, "FNI-") {
		t.Errorf("bad node instance: %+v", n1)
	}
}

func TestRunFailureStopsDownstream(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: 5 * time.Second})
	p := f.createProject("p")
	bad := f.createJobWith(p, "bad", "exit 1 # EMRFLOW_EMULATOR_FAIL: table ods.orders not found", nil)
	after := f.createJobWith(p, "after", "echo after", nil)
	flowID := f.createFlowWithGraph(p, "failing", runGraph(true, bad, after))
	id := f.submit(p, flowID)
	f.clock.Advance(time.Minute)
	got := f.instance(p, id)
	if got.Status != "FAILED" || nodeStatuses(got) != ":start:=OK n0=FAILED n1=PREP end=PREP" {
		t.Fatalf("status %s, nodes %q", got.Status, nodeStatuses(got))
	}
	failed := got.NodeInstance.NodeInstanceItem[1]
	if failed.ExternalInfo != "table ods.orders not found" || failed.ExternalStatus != "FAIL" || !got.HasNodeFailed {
		t.Errorf("failed node: %+v", failed)
	}
	if got.EndTime-got.StartTime != 5000 {
		t.Errorf("the run should end when the failed node does: duration %d", got.EndTime-got.StartTime)
	}

	// The launcher log tells the failure at its end, beyond the 1000 lines one read returns: the
	// first read (the most the page allows) does not reach the end, the next one does.
	req := emr.CreateDescribeFlowNodeInstanceLauncherLogRequest()
	req.ProjectId, req.NodeInstanceId, req.Lines = p, failed.Id, requests.NewInteger(1000)
	log, err := f.client.DescribeFlowNodeInstanceLauncherLog(req)
	mustOK(t, "DescribeFlowNodeInstanceLauncherLog", err)
	if log.LogEnd || len(log.LogEntrys.LogEntry) != 1000 {
		t.Errorf("first read: end %v, %d lines; want a full read short of the end", log.LogEnd, len(log.LogEntrys.LogEntry))
	}
	req.Start = requests.NewInteger(1000)
	log, err = f.client.DescribeFlowNodeInstanceLauncherLog(req)
	mustOK(t, "DescribeFlowNodeInstanceLauncherLog", err)
	var lines []string
	for _, e := range log.LogEntrys.LogEntry {
		lines = append(lines, e.Content)
	}
	if !log.LogEnd || !strings.Contains(strings.Join(lines, "\n"), "ERROR job failed: table ods.orders not found") {
		t.Errorf("log (end %v):\n%s", log.LogEnd, strings.Join(lines, "\n"))
	}

	// The failed node, listed by status across the project.
	list := emr.CreateListFlowNodeInstanceRequest()
	list.ProjectId = p
	list.StatusList = &[]string{"FAILED"}
	nodes, err := f.client.ListFlowNodeInstance(list)
	mustOK(t, "ListFlowNodeInstance", err)
	if nodes.Total != 1 || nodes.FlowNodeInstances.FlowNodeInstance[0].Id != failed.Id ||
		nodes.FlowNodeInstances.FlowNodeInstance[0].FlowInstanceId != id {
		t.Errorf("ListFlowNodeInstance: %s", nodes.GetHttpContentString())
	}
}

func TestRunRetriesAndContinue(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: 2 * time.Second})
	p := f.createProject("p")
	// Fails after 1 retry 3s later: 2s + 3s + 2s; CONTINUE lets the run go on.
	flaky := f.createJobWith(p, "flaky", "EMRFLOW_EMULATOR_FAIL", func(r *emr.CreateFlowJobRequest) {
		r.MaxRetry, r.RetryInterval, r.FailAct = requests.NewInteger(1), requests.NewInteger64(3), "CONTINUE"
	})
	slow := f.createJobWith(p, "slow", "sleep; EMRFLOW_EMULATOR_DURATION=30s", nil)
	flowID := f.createFlowWithGraph(p, "mixed", runGraph(true, flaky, slow))
	id := f.submit(p, flowID)
	f.clock.Advance(7 * time.Second)
	got := f.instance(p, id)
	if nodeStatuses(got) != ":start:=OK n0=FAILED n1=RUNNING end=PREP" || got.NodeInstance.NodeInstanceItem[1].Retries != 1 {
		t.Fatalf("after 7s: %s (retries %d)", nodeStatuses(got), got.NodeInstance.NodeInstanceItem[1].Retries)
	}
	f.clock.Advance(30 * time.Second)
	got = f.instance(p, id)
	if got.Status != "SUCCEEDED" || !got.HasNodeFailed {
		t.Fatalf("CONTINUE: status %s, HasNodeFailed %v", got.Status, got.HasNodeFailed)
	}
}

func (f *fixture) control(action, projectID, instanceID string, extra map[string]string) error {
	params := map[string]string{"ProjectId": projectID, "FlowInstanceId": instanceID, "RegionId": testRegion}
	for k, v := range extra {
		params[k] = v
	}
	_, err := f.common(f.client, "2016-04-08", action, params)
	return err
}

func TestRunSuspendResumeKillRerun(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: 10 * time.Second})
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	b := f.createJobWith(p, "b", "echo b", nil)
	flowID := f.createFlowWithGraph(p, "ctl", runGraph(true, a, b))
	id := f.submit(p, flowID)

	// Suspended: the running node finishes, the next one does not start.
	mustOK(t, "SuspendFlow", f.control("SuspendFlow", p, id, nil))
	flowErr(t, f.control("SuspendFlow", p, id, nil), "Flow instance status is SUSPENDED")
	f.clock.Advance(time.Minute)
	if got := f.instance(p, id); got.Status != "SUSPENDED" || nodeStatuses(got) != ":start:=OK n0=OK n1=PREP end=PREP" {
		t.Fatalf("suspended: %s %s", got.Status, nodeStatuses(got))
	}
	mustOK(t, "ResumeFlow", f.control("ResumeFlow", p, id, nil))
	got := f.instance(p, id)
	if got.Status != "RUNNING" || nodeStatuses(got) != ":start:=OK n0=OK n1=RUNNING end=PREP" {
		t.Fatalf("resumed: %s %s", got.Status, nodeStatuses(got))
	}

	// Killing the running node ends the run KILLED.
	running := got.NodeInstance.NodeInstanceItem[2].Id
	_, err := f.common(f.client, "2016-04-08", "KillFlowJob", map[string]string{"ProjectId": p, "JobInstanceId": running, "RegionId": testRegion})
	mustOK(t, "KillFlowJob", err)
	got = f.instance(p, id)
	if got.Status != "KILLED" || nodeStatuses(got) != ":start:=OK n0=OK n1=KILLED end=PREP" {
		t.Fatalf("killed: %s %s", got.Status, nodeStatuses(got))
	}

	// Rerun of the failed nodes keeps the OK ones.
	mustOK(t, "RerunFlow", f.control("RerunFlow", p, id, map[string]string{"ReRunFail": "true"}))
	if got = f.instance(p, id); got.Status != "RUNNING" || nodeStatuses(got) != ":start:=OK n0=OK n1=RUNNING end=PREP" {
		t.Fatalf("rerun: %s %s", got.Status, nodeStatuses(got))
	}
	flowErr(t, f.control("RerunFlow", p, id, nil), "Flow instance status is RUNNING")
	f.clock.Advance(10 * time.Second)
	if got = f.instance(p, id); got.Status != "SUCCEEDED" {
		t.Fatalf("after rerun: %s %s", got.Status, nodeStatuses(got))
	}
	// A full rerun starts from START.
	mustOK(t, "RerunFlow", f.control("RerunFlow", p, id, map[string]string{"ReRunFail": "false"}))
	if got = f.instance(p, id); nodeStatuses(got) != ":start:=OK n0=RUNNING n1=PREP end=PREP" {
		t.Fatalf("full rerun: %s", nodeStatuses(got))
	}
}

func TestRunStartDelayAndStartFlow(t *testing.T) {
	f := newFixture(t, emulator.Config{StartDelay: time.Hour})
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	flowID := f.createFlowWithGraph(p, "queued", runGraph(false, a))
	id := f.submit(p, flowID)
	if got := f.instance(p, id); got.Status != "PREP" || got.StartTime != 0 {
		t.Fatalf("want PREP, got %s", got.Status)
	}
	mustOK(t, "StartFlow", f.control("StartFlow", p, id, nil))
	if got := f.instance(p, id); got.Status != "RUNNING" {
		t.Fatalf("want RUNNING after StartFlow, got %s", got.Status)
	}
	flowErr(t, f.control("StartFlow", p, id, nil), "Flow instance status is RUNNING")
}

func TestRunErrors(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	f.associate(p)
	empty := f.createFlow(p, "empty")
	req := emr.CreateSubmitFlowRequest()
	req.ProjectId, req.FlowId = p, empty
	_, err := f.client.SubmitFlow(req)
	flowErr(t, err, "Flow has no nodes to run")
	req.FlowId = "F-0000000000000000"
	_, err = f.client.SubmitFlow(req)
	flowErr(t, err, "Flow does not exist [F-0000000000000000]")
	req.ProjectId = "FP-0000000000000000"
	_, err = f.client.SubmitFlow(req)
	flowErr(t, err, "Project does not exist")

	d := emr.CreateDescribeFlowInstanceRequest()
	d.ProjectId, d.Id = p, "FI-0000000000000000"
	_, err = f.client.DescribeFlowInstance(d)
	flowErr(t, err, "flow instance does not exist [FI-0000000000000000]")

	// A job deleted before the run makes its node fail, not the submit.
	j := f.createJobWith(p, "gone", "echo", nil)
	flowID := f.createFlowWithGraph(p, "orphan", runGraph(false, j))
	del := emr.CreateDeleteFlowJobRequest()
	del.ProjectId, del.Id = p, j
	_, err = f.client.DeleteFlowJob(del)
	mustOK(t, "DeleteFlowJob", err)
	id := f.submit(p, flowID)
	got := f.instance(p, id)
	if got.Status != "FAILED" || got.NodeInstance.NodeInstanceItem[1].ExternalInfo != "Job does not exist ["+j+"]" {
		t.Fatalf("orphan job: %s %+v", got.Status, got.NodeInstance.NodeInstanceItem[1])
	}
}

func TestRunCheckRefusesSubmit(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	flowID := f.createFlowWithGraph(p, "gated", runGraph(false, a))
	restore := emulator.AddRunCheck(func(flowID, projectID, clusterID string) error {
		return fmt.Errorf("Cluster is not associated with the project [%s]", clusterID)
	})
	defer restore()
	req := emr.CreateSubmitFlowRequest()
	req.ProjectId, req.FlowId = p, flowID
	_, err := f.client.SubmitFlow(req)
	flowErr(t, err, "Cluster is not associated with the project [C-0000000000000001]")
}

func TestListFlowInstance(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: time.Second})
	p := f.createProject("p")
	ok := f.createJobWith(p, "ok", "echo", nil)
	bad := f.createJobWith(p, "bad", "EMRFLOW_EMULATOR_FAIL EMRFLOW_EMULATOR_DURATION=0s", nil)
	good := f.createFlowWithGraph(p, "good", runGraph(false, ok))
	failing := f.createFlowWithGraph(p, "failing", runGraph(false, bad))
	var ids []string
	for i := 0; i < 3; i++ {
		ids = append(ids, f.submit(p, good))
		f.clock.Advance(time.Second)
	}
	failed := f.submit(p, failing)
	running := f.submit(p, good)

	list := func(mod func(*emr.ListFlowInstanceRequest)) []string {
		t.Helper()
		req := emr.CreateListFlowInstanceRequest()
		req.ProjectId = p
		if mod != nil {
			mod(req)
		}
		resp, err := f.client.ListFlowInstance(req)
		mustOK(t, "ListFlowInstance", err)
		var out []string
		for _, in := range resp.FlowInstances.FlowInstance {
			out = append(out, in.Id+"="+in.Status)
		}
		return out
	}
	got := strings.Join(list(nil), " ")
	want := strings.Join([]string{running + "=RUNNING", failed + "=FAILED", ids[2] + "=SUCCEEDED", ids[1] + "=SUCCEEDED", ids[0] + "=SUCCEEDED"}, " ")
	if got != want {
		t.Fatalf("newest first:\n got %s\nwant %s", got, want)
	}
	if got := list(func(r *emr.ListFlowInstanceRequest) { r.FlowId = failing }); len(got) != 1 || got[0] != failed+"=FAILED" {
		t.Errorf("by flow: %v", got)
	}
	if got := list(func(r *emr.ListFlowInstanceRequest) { r.StatusList = &[]string{"RUNNING", "FAILED"} }); len(got) != 2 {
		t.Errorf("by status: %v", got)
	}
	if got := list(func(r *emr.ListFlowInstanceRequest) { r.OrderType = "asc"; r.PageSize = requests.NewInteger(2) }); len(got) != 2 || got[0] != ids[0]+"=SUCCEEDED" {
		t.Errorf("ascending, page of 2: %v", got)
	}
	req := emr.CreateListFlowInstanceRequest()
	req.ProjectId = p
	req.StatusList = &[]string{"DONE"}
	_, err := f.client.ListFlowInstance(req)
	gatewayErr(t, err, 400, "InvalidParameter")
}

func TestRunsPersistAndSchedule(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "state.json")
	clock := newFakeClock()
	f := newFixture(t, emulator.Config{DataFile: data, Now: clock.Now, NodeDuration: time.Minute})
	f.clock = clock
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	flowID := f.createFlowWithGraph(p, "persisted", runGraph(false, a))
	id := f.submit(p, flowID)

	// A second emulator on the same file carries the run on.
	g := newFixture(t, emulator.Config{DataFile: data, Now: clock.Now, NodeDuration: time.Minute})
	clock.Advance(2 * time.Minute)
	if got := g.instance(p, id); got.Status != "SUCCEEDED" {
		t.Fatalf("after restart: %s %s", got.Status, nodeStatuses(got))
	}

	// A flow under schedule every minute gets one run per minute from when it is scheduled.
	sched := newFlowRequest(p, "minutely")
	sched.Graph = runGraph(false, a)
	sched.CronExpr = "0 * * * * ?"
	sched.StartSchedule = requests.NewInteger64(clock.Now().Add(-time.Hour).UnixMilli())
	created, err := g.client.CreateFlowForWeb(sched)
	mustOK(t, "CreateFlowForWeb", err)
	mod := map[string]string{"Id": created.Id, "ProjectId": p, "RegionId": testRegion, "Name": "minutely", "Description": "d",
		"ClusterId": "C-0000000000000001", "CreateCluster": "false", "Graph": sched.Graph, "CronExpr": sched.CronExpr,
		"StartSchedule": string(sched.StartSchedule), "Status": "UNDER_SCHEDULE"}
	_, err = g.common(g.client, "2016-04-08", "ModifyFlowForWeb", mod)
	mustOK(t, "ModifyFlowForWeb", err)
	count := func() int {
		req := emr.CreateListFlowInstanceRequest()
		req.ProjectId, req.FlowId = p, created.Id
		resp, err := g.client.ListFlowInstance(req)
		mustOK(t, "ListFlowInstance", err)
		for _, in := range resp.FlowInstances.FlowInstance {
			if in.ScheduleTime == 0 || in.ScheduleTime%60000 != 0 {
				t.Errorf("scheduled instance %s has schedule time %d", in.Id, in.ScheduleTime)
			}
		}
		return resp.Total
	}
	if n := count(); n != 0 {
		t.Fatalf("no back-fill expected, got %d runs", n)
	}
	clock.Advance(3 * time.Minute)
	if n := count(); n != 3 {
		t.Fatalf("after 3 minutes: %d scheduled runs, want 3", n)
	}
}

func TestClockRateAcceleratesRuns(t *testing.T) {
	f := newFixture(t, emulator.Config{NodeDuration: time.Hour, ClockRate: 3600})
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	id := f.submit(p, f.createFlowWithGraph(p, "fast", runGraph(false, a)))
	f.clock.Advance(1100 * time.Millisecond)
	if got := f.instance(p, id); got.Status != "SUCCEEDED" {
		t.Fatalf("an hour-long node at 3600x should be done after 1.1s: %s", got.Status)
	}
	if _, err := emulator.New(emulator.Config{ClockRate: -1}); err == nil {
		t.Error("a negative clock rate must be refused")
	}
}

// A flow runs only on a cluster associated with its project (console guide, "Manage a workflow
// project"); one that creates its cluster from a template needs no association.
func TestRunNeedsAssociatedCluster(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	a := f.createJobWith(p, "a", "echo a", nil)
	req := newFlowRequest(p, "unassociated")
	req.Graph = runGraph(false, a)
	created, err := f.client.CreateFlowForWeb(req)
	mustOK(t, "CreateFlowForWeb", err) // creating is allowed: only running is refused
	unassociated := created.Id
	sub := emr.CreateSubmitFlowRequest()
	sub.ProjectId, sub.FlowId = p, unassociated
	_, err = f.client.SubmitFlow(sub)
	flowErr(t, err, "Cluster is not associated with the project [C-0000000000000001]")

	f.associate(p)
	f.submit(p, created.Id)

	tpl := newFlowRequest(p, "from template")
	tpl.Graph, tpl.ClusterId, tpl.CreateCluster = runGraph(false, a), "CT-0000000000000001", requests.NewBoolean(true)
	created, err = f.client.CreateFlowForWeb(tpl)
	mustOK(t, "CreateFlowForWeb", err)
	f.submit(p, created.Id)

	// Dissociating the cluster afterwards stops new runs of its flows.
	del := emr.CreateDeleteFlowProjectClusterSettingRequest()
	del.ProjectId, del.ClusterId = p, "C-0000000000000001"
	_, err = f.client.DeleteFlowProjectClusterSetting(del)
	mustOK(t, "DeleteFlowProjectClusterSetting", err)
	sub.FlowId = unassociated
	_, err = f.client.SubmitFlow(sub)
	flowErr(t, err, "Cluster is not associated with the project")
}
