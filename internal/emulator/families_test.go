package emulator_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// The four families, driven end to end with the official SDK client.

func TestProjectLifecycle(t *testing.T) {
	f := newFixture(t, emulator.Config{})

	create := emr.CreateCreateFlowProjectRequest()
	create.Name = "analytics"
	create.Description = "the analytics project"
	create.ResourceGroupId = "rg-123"
	created, err := f.client.CreateFlowProject(create)
	mustOK(t, "CreateFlowProject", err)
	if !strings.HasPrefix(created.Id, "FP-") || len(created.Id) != 19 || created.RequestId == "" {
		t.Fatalf("bad create response: %+v", created)
	}

	describe := emr.CreateDescribeFlowProjectRequest()
	describe.ProjectId = created.Id
	got, err := f.client.DescribeFlowProject(describe)
	mustOK(t, "DescribeFlowProject", err)
	if got.Id != created.Id || got.Name != "analytics" || got.Description != "the analytics project" ||
		got.GmtCreate == 0 || got.UserId == "" {
		t.Fatalf("bad describe: %+v", got)
	}
	if strings.Contains(got.GetHttpContentString(), "ResourceGroupId") {
		t.Errorf("DescribeFlowProject must not return ResourceGroupId: %s", got.GetHttpContentString())
	}

	// Duplicate name.
	_, err = f.client.CreateFlowProject(create)
	flowErr(t, err, "Project name already exists: [analytics]")

	// Modify the name; then clear the description (present but empty) through a common request,
	// since the typed request drops empty values.
	modify := emr.CreateModifyFlowProjectRequest()
	modify.ProjectId = created.Id
	modify.Name = "analytics2"
	mres, err := f.client.ModifyFlowProject(modify)
	mustOK(t, "ModifyFlowProject", err)
	if !mres.Data {
		t.Errorf("ModifyFlowProject Data = false")
	}
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowProject", map[string]string{"ProjectId": created.Id, "Description": ""})
	mustOK(t, "ModifyFlowProject clearing", err)
	got, err = f.client.DescribeFlowProject(describe)
	mustOK(t, "DescribeFlowProject", err)
	if got.Name != "analytics2" || got.Description != "" {
		t.Fatalf("after modify: name %q description %q", got.Name, got.Description)
	}

	// List: 24 more projects, pages of 10; items carry ResourceGroupId.
	for i := range 24 {
		f.createProject(fmt.Sprintf("p%02d", i))
	}
	var ids []string
	for page := 1; ; page++ {
		list := emr.CreateListFlowProjectRequest()
		list.PageNumber = requests.NewInteger(page)
		list.PageSize = requests.NewInteger(10)
		resp, err := f.client.ListFlowProject(list)
		mustOK(t, "ListFlowProject", err)
		if resp.Total != 25 || resp.PageNumber != page || resp.PageSize != 10 {
			t.Fatalf("page %d: total %d number %d size %d", page, resp.Total, resp.PageNumber, resp.PageSize)
		}
		if len(resp.Projects.Project) == 0 {
			break
		}
		for _, p := range resp.Projects.Project {
			ids = append(ids, p.Id)
		}
		// Neither ListFlowProject.md nor the SDK's Project type has ResourceGroupId.
		if page == 1 && strings.Contains(resp.GetHttpContentString(), `ResourceGroupId`) {
			t.Errorf("ListFlowProject items carry ResourceGroupId: %s", resp.GetHttpContentString())
		}
	}
	if len(ids) != 25 || ids[0] != created.Id {
		t.Fatalf("listed %d projects, first %v; want 25 in creation order", len(ids), ids[:1])
	}
	byName := emr.CreateListFlowProjectRequest()
	byName.Name = "p07"
	resp, err := f.client.ListFlowProject(byName)
	mustOK(t, "ListFlowProject by name", err)
	if resp.Total != 1 || resp.Projects.Project[0].Name != "p07" || resp.PageSize != 20 || resp.PageNumber != 1 {
		t.Fatalf("filter by name: %+v", resp)
	}

	// Delete, then it is gone.
	del := emr.CreateDeleteFlowProjectRequest()
	del.ProjectId = created.Id
	dres, err := f.client.DeleteFlowProject(del)
	mustOK(t, "DeleteFlowProject", err)
	if !dres.Data {
		t.Errorf("DeleteFlowProject Data = false")
	}
	_, err = f.client.DescribeFlowProject(describe)
	flowErr(t, err, "Project does not exist ["+created.Id+"]")
	// DeleteFlowProject.md and ModifyFlowProject.md: "project not exist".
	_, err = f.client.DeleteFlowProject(del)
	flowErr(t, err, "project not exist")
	mod := emr.CreateModifyFlowProjectRequest()
	mod.ProjectId, mod.Name = created.Id, "x"
	_, err = f.client.ModifyFlowProject(mod)
	flowErr(t, err, "project not exist")
}

func TestProjectNotEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		fill func(f *fixture, projectID string)
	}{
		{"flow", func(f *fixture, p string) { f.createFlow(p, "x") }},
		{"job", func(f *fixture, p string) { f.createJob(p, "x") }},
		{"category", func(f *fixture, p string) {
			req := emr.CreateCreateFlowCategoryRequest()
			req.ProjectId, req.Name, req.Type = p, "x", "FLOW"
			_, err := f.client.CreateFlowCategory(req)
			mustOK(f.t, "CreateFlowCategory", err)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, emulator.Config{})
			p := f.createProject("p")
			tc.fill(f, p)
			del := emr.CreateDeleteFlowProjectRequest()
			del.ProjectId = p
			_, err := f.client.DeleteFlowProject(del)
			flowErr(t, err, "Project is not empty ["+p+"]")
		})
	}
}

const seedGraph = `{"nodes":[{"id":"48d474ea","attribute":{"type":"START"},"shape":"startControlNode","type":"node","y":250,"size":"80*34","x":500},` +
	`{"id":"7ba480b3","index":7,"spmAnchorId":"5176.x","attribute":{"jobType":"SHELL","jobId":"%s","type":"JOB"},"config":{"hostName":""},"label":"job","shape":"shellJobNode","type":"node","y":398.5,"size":"170*34","x":470.5},` +
	`{"id":"33202d60","attribute":{"type":"END"},"shape":"endControlNode","type":"node","y":562.5,"size":"80*34","x":430.5}],` +
	`"edges":[{"id":"28167ea0","source":"48d474ea","sourceAnchor":0,"target":"7ba480b3","targetAnchor":0},` +
	`{"id":"e8d5ff52","source":"7ba480b3","sourceAnchor":1,"target":"33202d60","targetAnchor":0}]}`

func TestFlowLifecycle(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	jobID := f.createJob(p, "job")
	parent := f.createFlow(p, "parent")
	cat, err := f.client.CreateFlowCategory(func() *emr.CreateFlowCategoryRequest {
		r := emr.CreateCreateFlowCategoryRequest()
		r.ProjectId, r.Name, r.Type = p, "folder", "FLOW"
		return r
	}())
	mustOK(t, "CreateFlowCategory", err)

	create := newFlowRequest(p, "daily")
	create.CronExpr = "0 0 0-23/1 * * ?"
	create.StartSchedule = requests.NewInteger64(1538017814000)
	create.EndSchedule = requests.NewInteger64(1538018814000)
	create.HostName = "emr-header-1"
	create.Graph = fmt.Sprintf(seedGraph, jobID)
	create.AlertConf = `{"items":[{"enable":true,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-1"]}]}`
	create.ParentFlowList = parent
	create.ParentCategory = cat.Id
	create.Namespace = "ns"
	create.LogArchiveLocation = "oss://logs/"
	created, err := f.client.CreateFlowForWeb(create)
	mustOK(t, "CreateFlowForWeb", err)
	if !strings.HasPrefix(created.Id, "F-") || len(created.Id) != 18 {
		t.Fatalf("bad flow id %q", created.Id)
	}

	got := f.describeFlow(p, created.Id)
	if got.Name != "daily" || got.Description != "flow daily" || got.ClusterId != "C-0000000000000001" ||
		got.CreateCluster || got.CronExpr != create.CronExpr || got.StartSchedule != 1538017814000 ||
		got.EndSchedule != 1538018814000 || got.HostName != "emr-header-1" || got.AlertConf != create.AlertConf ||
		got.CategoryId != cat.Id || got.Status != "STOP_SCHEDULE" || !got.Periodic || got.Namespace != "ns" ||
		got.LogArchiveLocation != "oss://logs/" || got.GmtCreate == 0 {
		t.Fatalf("bad describe: %+v", got)
	}
	if strings.Contains(got.GetHttpContentString(), `"ProjectId":"`+p+`","Name"`) {
		t.Errorf("DescribeFlow must not return the flow's ProjectId")
	}
	wantParents := []emr.ParentFlow{{ParentFlowId: parent, ProjectId: p, ParentFlowName: "parent"}}
	if !reflect.DeepEqual(got.ParentFlowList.ParentFlow, wantParents) {
		t.Errorf("parents = %+v, want %+v", got.ParentFlowList.ParentFlow, wantParents)
	}
	// The graph comes back re-serialised with indexes added where missing, other fields kept.
	var g struct {
		Nodes []map[string]any `json:"nodes"`
		Edges []map[string]any `json:"edges"`
	}
	if err := json.Unmarshal([]byte(got.Graph), &g); err != nil {
		t.Fatalf("stored graph is not JSON: %v", err)
	}
	wantIdx := []float64{0, 7, 2, 3, 4}
	for i, item := range append(g.Nodes, g.Edges...) {
		if item["index"] != wantIdx[i] {
			t.Errorf("item %d index = %v, want %v", i, item["index"], wantIdx[i])
		}
	}
	if g.Nodes[1]["spmAnchorId"] != "5176.x" || g.Nodes[1]["x"] != 470.5 || g.Edges[1]["sourceAnchor"] != float64(1) {
		t.Errorf("graph lost fields: %s", got.Graph)
	}

	// Schedule it, then modify a field and clear others (present but empty) with a common request.
	modify := emr.CreateModifyFlowForWebRequest()
	modify.Id, modify.ProjectId = created.Id, p
	modify.Graph = got.Graph
	modify.ClusterId = "CT-0000000000000001"
	modify.CreateCluster = requests.NewBoolean(true)
	modify.Status = "UNDER_SCHEDULE"
	modify.Description = "changed"
	_, err = f.client.ModifyFlowForWeb(modify)
	mustOK(t, "ModifyFlowForWeb", err)
	got = f.describeFlow(p, created.Id)
	if got.Status != "UNDER_SCHEDULE" || got.Description != "changed" || got.ClusterId != "CT-0000000000000001" ||
		!got.CreateCluster || got.HostName != "emr-header-1" || got.GmtModified < got.GmtCreate {
		t.Fatalf("after modify: %+v", got)
	}
	// Clearing the cron expression of a scheduled flow is refused...
	clearAll := map[string]string{
		"Id": created.Id, "ProjectId": p, "Graph": "", "ClusterId": "C-0000000000000002", "CreateCluster": "false",
		"CronExpr": "", "StartSchedule": "", "EndSchedule": "", "HostName": "", "ParentFlowList": "",
		"ParentCategory": "", "AlertConf": "",
	}
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowForWeb", clearAll)
	flowErr(t, err, "Flow is not periodic ["+created.Id+"]")
	// ...unless it is stopped in the same call.
	clearAll["Status"] = "STOP_SCHEDULE"
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowForWeb", clearAll)
	mustOK(t, "ModifyFlowForWeb clearing", err)
	got = f.describeFlow(p, created.Id)
	if got.CronExpr != "" || got.Periodic || got.StartSchedule != 0 || got.EndSchedule != 0 || got.HostName != "" ||
		got.Graph != "" || got.CategoryId != "" || got.AlertConf != "" || len(got.ParentFlowList.ParentFlow) != 0 ||
		got.Description != "changed" || got.Namespace != "ns" || got.ClusterId != "C-0000000000000002" {
		t.Fatalf("after clearing: %+v", got)
	}

	// Not found: missing flow, flow of another project, missing project (reported first).
	other := f.createProject("other")
	for _, tc := range []struct{ project, id, want string }{
		{p, "F-0000000000000000", "Flow does not exist [F-0000000000000000]"},
		{other, created.Id, "Flow does not exist [" + created.Id + "]"},
		{"FP-0000000000000000", "F-0000000000000000", "Project does not exist [FP-0000000000000000]"},
	} {
		req := emr.CreateDescribeFlowRequest()
		req.ProjectId, req.Id = tc.project, tc.id
		_, err := f.client.DescribeFlow(req)
		flowErr(t, err, tc.want)
	}

	// Delete: gone, and a second delete is a not-found.
	del := emr.CreateDeleteFlowRequest()
	del.ProjectId, del.Id = p, created.Id
	_, err = f.client.DeleteFlow(del)
	mustOK(t, "DeleteFlow", err)
	_, err = f.client.DeleteFlow(del)
	flowErr(t, err, "Flow does not exist ["+created.Id+"]")
}

func TestListFlow(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p1, p2 := f.createProject("p1"), f.createProject("p2")
	jobID := f.createJob(p1, "job")
	var p1Flows []string
	for i := range 23 {
		p1Flows = append(p1Flows, f.createFlow(p1, fmt.Sprintf("flow-%02d", i)))
	}
	f.createFlow(p2, "flow-00") // same name, other project: allowed
	withJob := newFlowRequest(p1, "with-job")
	withJob.Graph = fmt.Sprintf(seedGraph, jobID)
	withJob.ClusterId = "C-0000000000000003"
	withJob.CronExpr = "0 0 * * * ?"
	withJob.StartSchedule = requests.NewInteger64(1)
	wj, err := f.client.CreateFlowForWeb(withJob)
	mustOK(t, "CreateFlowForWeb", err)

	// Paging past the first page of 20 (the default size).
	var seen []string
	for page := 1; page <= 3; page++ {
		req := emr.CreateListFlowRequest()
		req.ProjectId = p1
		req.PageNumber = requests.NewInteger(page)
		resp, err := f.client.ListFlow(req)
		mustOK(t, "ListFlow", err)
		if resp.Total != 24 || resp.PageSize != 20 {
			t.Fatalf("page %d: total %d size %d", page, resp.Total, resp.PageSize)
		}
		for _, it := range resp.Flow.FlowItem {
			if it.ProjectId != p1 {
				t.Errorf("item %s has ProjectId %q", it.Id, it.ProjectId)
			}
			seen = append(seen, it.Id)
		}
	}
	if want := append(append([]string{}, p1Flows...), wj.Id); !reflect.DeepEqual(seen, want) {
		t.Fatalf("listed %v, want %v", seen, want)
	}

	for _, tc := range []struct {
		name   string
		set    func(r *emr.ListFlowRequest)
		expect int
	}{
		{"all projects", func(r *emr.ListFlowRequest) {}, 25},
		{"name exact", func(r *emr.ListFlowRequest) { r.Name = "flow-00" }, 2},
		{"name exact in project", func(r *emr.ListFlowRequest) { r.ProjectId, r.Name = p1, "flow-00" }, 1},
		{"name is not a prefix", func(r *emr.ListFlowRequest) { r.Name = "flow" }, 0},
		{"id", func(r *emr.ListFlowRequest) { r.Id = wj.Id }, 1},
		{"cluster", func(r *emr.ListFlowRequest) { r.ClusterId = "C-0000000000000003" }, 1},
		{"job", func(r *emr.ListFlowRequest) { r.JobId = jobID }, 1},
		{"status", func(r *emr.ListFlowRequest) { r.Status = "STOP_SCHEDULE" }, 25},
		{"status under", func(r *emr.ListFlowRequest) { r.Status = "UNDER_SCHEDULE" }, 0},
		{"periodic", func(r *emr.ListFlowRequest) { r.Periodic = requests.NewBoolean(true) }, 1},
		{"not periodic", func(r *emr.ListFlowRequest) { r.Periodic = requests.NewBoolean(false) }, 24},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := emr.CreateListFlowRequest()
			req.PageSize = requests.NewInteger(100)
			tc.set(req)
			resp, err := f.client.ListFlow(req)
			mustOK(t, "ListFlow", err)
			if resp.Total != tc.expect || len(resp.Flow.FlowItem) != tc.expect {
				t.Fatalf("total %d items %d, want %d", resp.Total, len(resp.Flow.FlowItem), tc.expect)
			}
		})
	}

	// Paging parameters are checked.
	for _, tc := range []struct{ number, size string }{{"0", "10"}, {"1", "0"}, {"x", "10"}, {"1", "ten"}} {
		req := emr.CreateListFlowRequest()
		req.PageNumber, req.PageSize = requests.Integer(tc.number), requests.Integer(tc.size)
		_, err := f.client.ListFlow(req)
		gatewayErr(t, err, 400, "InvalidParameter")
	}
	big := emr.CreateListFlowRequest()
	big.PageSize = requests.NewInteger(250)
	_, err = f.client.ListFlow(big)
	flowErr(t, err, "Invalid Param[pageSize should less than 250]") // ListFlowProject.md
	// A missing project is an error, not an empty list.
	req := emr.CreateListFlowRequest()
	req.ProjectId = "FP-0000000000000000"
	_, err = f.client.ListFlow(req)
	flowErr(t, err, "Project does not exist [FP-0000000000000000]")
}

func TestFlowRules(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	f.createFlow(p, "taken")
	other := f.createProject("other")
	otherCat, err := f.client.CreateFlowCategory(func() *emr.CreateFlowCategoryRequest {
		r := emr.CreateCreateFlowCategoryRequest()
		r.ProjectId, r.Name, r.Type = other, "folder", "FLOW"
		return r
	}())
	mustOK(t, "CreateFlowCategory", err)

	for _, tc := range []struct {
		name    string
		set     func(r *emr.CreateFlowForWebRequest)
		flow    string // flow error message prefix
		gateway string // or gateway code
	}{
		{"duplicate name", func(r *emr.CreateFlowForWebRequest) { r.Name = "taken" }, "Flow name already exists: [taken]", ""},
		{"unknown cluster", func(r *emr.CreateFlowForWebRequest) { r.ClusterId = "C-FFFF" }, "Cluster does not exist [C-FFFF]", ""},
		{"template without CreateCluster", func(r *emr.CreateFlowForWebRequest) { r.ClusterId = "CT-0000000000000001" },
			"Cluster does not exist [CT-0000000000000001]", ""},
		{"cluster with CreateCluster", func(r *emr.CreateFlowForWebRequest) { r.CreateCluster = requests.NewBoolean(true) },
			"Cluster does not exist [C-0000000000000001]", ""},
		{"parent missing", func(r *emr.CreateFlowForWebRequest) { r.ParentFlowList = "F-0000000000000009" },
			"Parent flow does not exist [F-0000000000000009]", ""},
		{"category of another project", func(r *emr.CreateFlowForWebRequest) { r.ParentCategory = otherCat.Id },
			"Category does not exist [" + otherCat.Id + "]", ""},
		{"cron without start", func(r *emr.CreateFlowForWebRequest) { r.CronExpr = "0 0 * * * ?" },
			"StartSchedule is required when CronExpr is set", ""},
		{"start after end", func(r *emr.CreateFlowForWebRequest) {
			r.StartSchedule, r.EndSchedule = requests.NewInteger(20), requests.NewInteger(10)
		}, "StartSchedule must be less than EndSchedule", ""},
		{"start equals end", func(r *emr.CreateFlowForWebRequest) {
			r.StartSchedule, r.EndSchedule = requests.NewInteger(10), requests.NewInteger(10)
		}, "StartSchedule must be less than EndSchedule", ""},
		{"missing project", func(r *emr.CreateFlowForWebRequest) { r.ProjectId = "FP-0000000000000000" },
			"Project does not exist [FP-0000000000000000]", ""},
		{"graph not JSON", func(r *emr.CreateFlowForWebRequest) { r.Graph = "{nodes" }, "", "InvalidParameter"},
		{"graph not an object", func(r *emr.CreateFlowForWebRequest) { r.Graph = "[1,2]" }, "", "InvalidParameter"},
		{"graph nodes not an array", func(r *emr.CreateFlowForWebRequest) { r.Graph = `{"nodes":{}}` }, "", "InvalidParameter"},
		{"alert conf not JSON", func(r *emr.CreateFlowForWebRequest) { r.AlertConf = "items" }, "", "InvalidParameter"},
		{"cron of 3 fields", func(r *emr.CreateFlowForWebRequest) { r.CronExpr = "* * *" }, "", "InvalidParameter"},
		{"bad bool", func(r *emr.CreateFlowForWebRequest) { r.CreateCluster = "yes" }, "", "InvalidParameter"},
		{"bad number", func(r *emr.CreateFlowForWebRequest) { r.StartSchedule = "soon" }, "", "InvalidParameter"},
		{"missing name", func(r *emr.CreateFlowForWebRequest) { r.Name = "" }, "", "MissingParameter"},
		{"missing description", func(r *emr.CreateFlowForWebRequest) { r.Description = "" }, "", "MissingParameter"},
		{"missing cluster", func(r *emr.CreateFlowForWebRequest) { r.ClusterId = "" }, "", "MissingParameter"},
		{"missing CreateCluster", func(r *emr.CreateFlowForWebRequest) { r.CreateCluster = "" }, "", "MissingParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newFlowRequest(p, "new")
			tc.set(req)
			_, err := f.client.CreateFlowForWeb(req)
			if tc.gateway != "" {
				gatewayErr(t, err, 400, tc.gateway)
			} else {
				flowErr(t, err, tc.flow)
			}
		})
	}

	// The template is accepted with CreateCluster, and nothing above created a flow.
	ok := newFlowRequest(p, "on-template")
	ok.ClusterId, ok.CreateCluster = "CT-0000000000000001", requests.NewBoolean(true)
	_, err = f.client.CreateFlowForWeb(ok)
	mustOK(t, "CreateFlowForWeb on a template", err)
	list := emr.CreateListFlowRequest()
	list.ProjectId = p
	resp, err := f.client.ListFlow(list)
	mustOK(t, "ListFlow", err)
	if resp.Total != 2 {
		t.Fatalf("%d flows, want 2 (failed creates must leave nothing)", resp.Total)
	}

	// Modify: required parameters, and a rename onto a taken name.
	id := f.createFlow(p, "renamed-later")
	modify := emr.CreateModifyFlowForWebRequest()
	modify.Id, modify.ProjectId = id, p
	_, err = f.client.ModifyFlowForWeb(modify)
	if msg := gatewayErr(t, err, 400, "MissingParameter"); !strings.Contains(msg, `"Graph"`) {
		t.Errorf("MissingParameter must name Graph: %s", msg)
	}
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowForWeb", map[string]string{
		"Id": id, "ProjectId": p, "Graph": "", "ClusterId": "C-0000000000000001", "CreateCluster": "false", "Name": "taken",
	})
	flowErr(t, err, "Flow name already exists: [taken]")
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowForWeb", map[string]string{
		"Id": id, "ProjectId": p, "Graph": "", "ClusterId": "C-0000000000000001", "CreateCluster": "false", "Status": "RUNNING",
	})
	gatewayErr(t, err, 400, "InvalidParameter")
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowForWeb", map[string]string{
		"Id": id, "ProjectId": p, "Graph": "", "ClusterId": "C-0000000000000001", "CreateCluster": "false", "Status": "UNDER_SCHEDULE",
	})
	flowErr(t, err, "Flow is not periodic ["+id+"]")
}

func TestJobLifecycle(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	cat, err := f.client.CreateFlowCategory(func() *emr.CreateFlowCategoryRequest {
		r := emr.CreateCreateFlowCategoryRequest()
		r.ProjectId, r.Name, r.Type = p, "jobs", "JOB"
		return r
	}())
	mustOK(t, "CreateFlowCategory", err)

	create := emr.CreateCreateFlowJobRequest()
	create.ProjectId, create.Name, create.Type, create.Description = p, "extract", "SPARK", "extract data"
	create.Params = "--class Main app.jar"
	create.ParamConf = `{"date":"${yyyy-MM-dd}"}`
	create.EnvConf = `{"key":"value"}`
	create.RunConf = `{"priority":1,"userName":"hadoop","memory":2048,"cores":1}`
	create.MonitorConf = `{"inputs":[]}`
	create.CustomVariables = `{"scope":"PROJECT"}`
	create.Mode = "YARN"
	create.FailAct = "STOP"
	create.MaxRetry = requests.NewInteger(3)
	create.RetryInterval = requests.NewInteger(200)
	create.MaxRunningTimeSec = requests.NewInteger(600)
	create.RetryPolicy = "x"
	create.ClusterId = "C-0000000000000002"
	create.Adhoc = requests.NewBoolean(true)
	create.ParentCategory = cat.Id
	create.AlertConf = `{"items":[]}`
	create.ResourceList = &[]emr.CreateFlowJobResourceList{
		{Path: "oss://bucket/app.jar", Alias: "app.jar"},
		{Path: "hdfs:///lib/dep.jar"},
	}
	created, err := f.client.CreateFlowJob(create)
	mustOK(t, "CreateFlowJob", err)
	if !strings.HasPrefix(created.Id, "FJ-") || len(created.Id) != 19 {
		t.Fatalf("bad job id %q", created.Id)
	}

	describe := emr.CreateDescribeFlowJobRequest()
	describe.ProjectId, describe.Id = p, created.Id
	got, err := f.client.DescribeFlowJob(describe)
	mustOK(t, "DescribeFlowJob", err)
	if got.Name != "extract" || got.Type != "SPARK" || got.Description != "extract data" || got.Params != create.Params ||
		got.ParamConf != create.ParamConf || got.EnvConf != create.EnvConf || got.RunConf != create.RunConf ||
		got.MonitorConf != create.MonitorConf || got.CustomVariables != create.CustomVariables ||
		got.Mode != "YARN" || got.FailAct != "STOP" || got.MaxRetry != 3 || got.RetryInterval != 200 ||
		got.MaxRunningTimeSec != 600 || got.RetryPolicy != "x" || got.Adhoc != "true" || got.CategoryId != cat.Id ||
		got.AlertConf != create.AlertConf {
		t.Fatalf("bad describe: %+v", got)
	}
	body := got.GetHttpContentString()
	if !strings.Contains(body, `"mode":"YARN"`) || !strings.Contains(body, `"Adhoc":"true"`) {
		t.Errorf("raw body lacks the quirks (mode, Adhoc string): %s", body)
	}
	// DescribeFlowJob.md's answer and the SDK's type have no ClusterId.
	if strings.Contains(body, `ClusterId`) {
		t.Errorf("DescribeFlowJob answers ClusterId: %s", body)
	}
	wantRes := []emr.Resource{{Path: "oss://bucket/app.jar", Alias: "app.jar"}, {Path: "hdfs:///lib/dep.jar"}}
	if !reflect.DeepEqual(got.ResourceList.Resource, wantRes) {
		t.Errorf("resources = %+v, want %+v", got.ResourceList.Resource, wantRes)
	}

	// ModifyFlowJob (absent from the SDK) through a common request: change some, clear others.
	// Type, Adhoc and ParentCategory are not ModifyFlowJob.md's parameters: ignored, so the job
	// keeps its type, ad-hoc flag and folder (a bare ResourceList: TestBareList).
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowJob", map[string]string{
		"Id": created.Id, "ProjectId": p, "Name": "extract2", "Type": "SHELL", "Params": "", "Adhoc": "false",
		"Mode": "", "MaxRetry": "", "ParentCategory": "",
	})
	mustOK(t, "ModifyFlowJob", err)
	got, err = f.client.DescribeFlowJob(describe)
	mustOK(t, "DescribeFlowJob", err)
	if got.Name != "extract2" || got.Params != "" || got.Adhoc != "true" || !reflect.DeepEqual(got.ResourceList.Resource, wantRes) ||
		got.Mode != "" || got.MaxRetry != 0 || got.CategoryId != cat.Id || got.Type != "SPARK" || got.FailAct != "STOP" || got.RunConf != create.RunConf {
		t.Fatalf("after modify: %+v", got)
	}
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowJob", map[string]string{
		"Id": created.Id, "ProjectId": p, "ResourceList.1.Path": "oss://b/new.py", "ResourceList.1.Alias": "new.py",
	})
	mustOK(t, "ModifyFlowJob resources", err)
	got, err = f.client.DescribeFlowJob(describe)
	mustOK(t, "DescribeFlowJob", err)
	if !reflect.DeepEqual(got.ResourceList.Resource, []emr.Resource{{Path: "oss://b/new.py", Alias: "new.py"}}) || got.Name != "extract2" {
		t.Fatalf("after resource modify: %+v", got)
	}
	for _, tc := range []struct {
		name    string
		params  map[string]string
		code    string
		flowMsg string
	}{
		{"max retry", map[string]string{"MaxRetry": "6"}, "InvalidParameter", ""},
		{"retry interval", map[string]string{"RetryInterval": "301"}, "InvalidParameter", ""},
		{"fail act", map[string]string{"FailAct": "PANIC"}, "InvalidParameter", ""},
		{"env conf JSON", map[string]string{"EnvConf": "{"}, "InvalidParameter", ""},
		{"env conf size", map[string]string{"EnvConf": `{"k":"` + strings.Repeat("v", 1100) + `"}`}, "InvalidParameter", ""},
		{"resource path", map[string]string{"ResourceList.1.Path": "/tmp/x"}, "InvalidParameter", ""},
		{"resource alias only", map[string]string{"ResourceList.2.Alias": "x"}, "MissingParameter", ""},
		{"resource index", map[string]string{"ResourceList.0.Path": "oss://x"}, "InvalidParameter", ""},
		{"cluster", map[string]string{"ClusterId": "C-NOPE"}, "", "Cluster does not exist [C-NOPE]"},
		{"resource emptied", map[string]string{"ResourceList.1.Path": "", "ResourceList.1.Alias": ""}, "MissingParameter", ""},
		{"missing job", map[string]string{"Id": "FJ-0000000000000000"}, "", "Flow Job does not exist [FJ-0000000000000000]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			params := map[string]string{"Id": created.Id, "ProjectId": p}
			for k, v := range tc.params {
				params[k] = v
			}
			_, err := f.common(f.client, "2016-04-08", "ModifyFlowJob", params)
			if tc.code != "" {
				gatewayErr(t, err, 400, tc.code)
			} else {
				flowErr(t, err, tc.flowMsg)
			}
		})
	}

	// Invalid type and duplicate name on create.
	bad := emr.CreateCreateFlowJobRequest()
	bad.ProjectId, bad.Name, bad.Type, bad.Description = p, "bad", "INVALID_TYPE", "d"
	_, err = f.client.CreateFlowJob(bad)
	flowErr(t, err, "Invalid job type [INVALID_TYPE]")
	bad.Type, bad.Name = "SHELL", "extract2"
	_, err = f.client.CreateFlowJob(bad)
	flowErr(t, err, "Job name already exists: [extract2]")

	// List with paging and filters.
	for i := range 21 {
		f.createJob(p, fmt.Sprintf("shell-%02d", i))
	}
	list := emr.CreateListFlowJobRequest()
	list.ProjectId = p
	list.PageNumber = requests.NewInteger(2)
	resp, err := f.client.ListFlowJob(list)
	mustOK(t, "ListFlowJob", err)
	if resp.Total != 22 || len(resp.JobList.Job) != 2 || resp.JobList.Job[1].Name != "shell-20" {
		t.Fatalf("page 2: total %d, %d items", resp.Total, len(resp.JobList.Job))
	}
	list = emr.CreateListFlowJobRequest()
	list.ProjectId, list.Type = p, "SPARK"
	resp, err = f.client.ListFlowJob(list)
	mustOK(t, "ListFlowJob by type", err)
	if resp.Total != 1 || resp.JobList.Job[0].Id != created.Id || resp.JobList.Job[0].Adhoc != "true" ||
		len(resp.JobList.Job[0].ResourceList.Resource) != 1 {
		t.Fatalf("by type: %+v", resp.JobList.Job)
	}
	list = emr.CreateListFlowJobRequest()
	_, err = f.client.ListFlowJob(list)
	gatewayErr(t, err, 400, "MissingParameter")

	// Delete and not found.
	del := emr.CreateDeleteFlowJobRequest()
	del.ProjectId, del.Id = p, created.Id
	_, err = f.client.DeleteFlowJob(del)
	mustOK(t, "DeleteFlowJob", err)
	_, err = f.client.DescribeFlowJob(describe)
	flowErr(t, err, "Flow Job does not exist ["+created.Id+"]") // DescribeFlowJob.md
}

func TestCategoryLifecycle(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	mk := func(name, typ, parent string) (string, error) {
		r := emr.CreateCreateFlowCategoryRequest()
		r.ProjectId, r.Name, r.Type, r.ParentId = p, name, typ, parent
		resp, err := f.client.CreateFlowCategory(r)
		if err != nil {
			return "", err
		}
		return resp.Id, nil
	}
	root, err := mk("root", "FLOW", "")
	mustOK(t, "create root", err)
	if !strings.HasPrefix(root, "FC-") || len(root) != 19 {
		t.Fatalf("bad category id %q", root)
	}
	child, err := mk("child", "FLOW", root)
	mustOK(t, "create child", err)
	grandchild, err := mk("grandchild", "FLOW", child)
	mustOK(t, "create grandchild", err)
	_, err = mk("child", "FLOW", root)
	flowErr(t, err, "Category name already exists: [child]")
	_, err = mk("child", "FLOW", "") // the same name in another folder is fine
	mustOK(t, "same name at the root", err)
	_, err = mk("x", "FLOW", "FC-0000000000000000")
	flowErr(t, err, "Category does not exist [FC-0000000000000000]")
	_, err = mk("x", "FOLDER", "")
	gatewayErr(t, err, 400, "InvalidParameter")

	describe := emr.CreateDescribeFlowCategoryRequest()
	describe.ProjectId, describe.Id = p, child
	got, err := f.client.DescribeFlowCategory(describe)
	mustOK(t, "DescribeFlowCategory", err)
	if got.Id != child || got.Name != "child" || got.ParentId != root || got.Type != "FLOW" ||
		got.CategoryType != "FOLDER" || got.ProjectId != p || got.GmtCreate == 0 {
		t.Fatalf("bad describe: %+v", got)
	}

	// Rename and move; moving under a descendant is refused.
	modify := emr.CreateModifyFlowCategoryRequest()
	modify.ProjectId, modify.Id, modify.ParentId = p, root, grandchild
	_, err = f.client.ModifyFlowCategory(modify)
	flowErr(t, err, "Invalid parent category ["+grandchild+"]")
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowCategory", map[string]string{
		"ProjectId": p, "Id": grandchild, "Name": "moved", "ParentId": "",
	})
	mustOK(t, "ModifyFlowCategory to the root", err)
	describe.Id = grandchild
	got, err = f.client.DescribeFlowCategory(describe)
	mustOK(t, "DescribeFlowCategory", err)
	if got.Name != "moved" || got.ParentId != "" {
		t.Fatalf("after modify: %+v", got)
	}

	for _, tc := range []struct {
		name   string
		set    func(r *emr.ListFlowCategoryRequest)
		expect int
	}{
		{"all", func(r *emr.ListFlowCategoryRequest) {}, 4},
		{"root", func(r *emr.ListFlowCategoryRequest) { r.Root = requests.NewBoolean(true) }, 3},
		{"children", func(r *emr.ListFlowCategoryRequest) { r.ParentId = root }, 1},
		{"page", func(r *emr.ListFlowCategoryRequest) {
			r.PageSize, r.PageNumber = requests.NewInteger(3), requests.NewInteger(2)
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := emr.CreateListFlowCategoryRequest()
			r.ProjectId = p
			tc.set(r)
			resp, err := f.client.ListFlowCategory(r)
			mustOK(t, "ListFlowCategory", err)
			if len(resp.Categories.Category) != tc.expect {
				t.Fatalf("%d categories, want %d: %+v", len(resp.Categories.Category), tc.expect, resp.Categories.Category)
			}
		})
	}

	// A folder holding a folder, a flow or a job cannot be deleted.
	del := emr.CreateDeleteFlowCategoryRequest()
	del.ProjectId, del.Id = p, root
	_, err = f.client.DeleteFlowCategory(del)
	flowErr(t, err, "Category is not empty ["+root+"]")
	flowReq := newFlowRequest(p, "in-folder")
	flowReq.ParentCategory = grandchild
	_, err = f.client.CreateFlowForWeb(flowReq)
	mustOK(t, "CreateFlowForWeb in a folder", err)
	del.Id = grandchild
	_, err = f.client.DeleteFlowCategory(del)
	flowErr(t, err, "Category is not empty ["+grandchild+"]")

	del.Id = child
	_, err = f.client.DeleteFlowCategory(del)
	mustOK(t, "DeleteFlowCategory", err)
	describe.Id = child
	_, err = f.client.DescribeFlowCategory(describe)
	flowErr(t, err, "Category does not exist ["+child+"]")
}
