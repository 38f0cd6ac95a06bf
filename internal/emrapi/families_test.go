package emrapi

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestModifySendsEveryField: a Modify sends every field of the input, empty ones as empty
// parameters, so that the server clears them.
func TestModifySendsEveryField(t *testing.T) {
	tests := []struct {
		name string
		run  func(*Client) error
		want map[string]string // every parameter expected, with its value
		not  []string          // parameters that must be absent
	}{
		{
			name: "ModifyFlowForWeb, empty fields",
			run: func(c *Client) error {
				return c.ModifyFlow(t.Context(), "F-1", FlowInput{ProjectID: "FP-1", Name: "f", ClusterID: "C-1"})
			},
			want: map[string]string{
				"Id": "F-1", "ProjectId": "FP-1", "Name": "f", "ClusterId": "C-1", "CreateCluster": "false",
				"Description": "", "CronExpr": "", "StartSchedule": "", "EndSchedule": "", "HostName": "",
				"Graph": "", "AlertConf": "", "ParentFlowList": "", "ParentCategory": "", "Namespace": "",
				"LogArchiveLocation": "", "Periodic": "false",
			},
			not: []string{"Status"},
		},
		{
			name: "ModifyFlowForWeb, full",
			run: func(c *Client) error {
				return c.ModifyFlow(t.Context(), "F-1", FlowInput{
					ProjectID: "FP-1", Name: "f", Description: "d", ClusterID: "CT-1", CreateCluster: true,
					CronExpr: "0 0 * * * ?", StartSchedule: 1700000000000, EndSchedule: 1800000000000,
					HostName: "h", Graph: `{"nodes":[]}`, AlertConf: `{"items":[]}`, ParentFlowIDs: []string{"F-2", "F-3"},
					ParentCategory: "FC-1", Namespace: "ns", LogArchiveLocation: "oss://b/l", Status: "UNDER_SCHEDULE", Periodic: true,
				})
			},
			want: map[string]string{
				"Id": "F-1", "ProjectId": "FP-1", "Name": "f", "Description": "d", "ClusterId": "CT-1", "CreateCluster": "true",
				"CronExpr": "0 0 * * * ?", "StartSchedule": "1700000000000", "EndSchedule": "1800000000000",
				"HostName": "h", "Graph": `{"nodes":[]}`, "AlertConf": `{"items":[]}`, "ParentFlowList": "F-2,F-3",
				"ParentCategory": "FC-1", "Namespace": "ns", "LogArchiveLocation": "oss://b/l", "Status": "UNDER_SCHEDULE",
				"Periodic": "true",
			},
		},
		{
			name: "ModifyFlowJob, empty fields",
			run: func(c *Client) error {
				return c.ModifyJob(t.Context(), "FJ-1", JobInput{ProjectID: "FP-1", Name: "j", Type: "SHELL"})
			},
			want: map[string]string{
				"Id": "FJ-1", "ProjectId": "FP-1", "Name": "j", "Description": "", "Params": "", "ParamConf": "",
				"CustomVariables": "", "EnvConf": "", "RunConf": "", "MonitorConf": "", "Mode": "", "FailAct": "",
				"MaxRetry": "0", "RetryInterval": "0", "RetryPolicy": "", "MaxRunningTimeSec": "0", "ClusterId": "",
				"AlertConf": "",
			},
			// Not ModifyFlowJob.md's parameters; an empty list cannot be sent (Path is required).
			not: []string{"Type", "Adhoc", "ParentCategory", "ResourceList", "ResourceList.1.Path"},
		},
		{
			name: "ModifyFlowJob, resources",
			run: func(c *Client) error {
				return c.ModifyJob(t.Context(), "FJ-1", JobInput{
					ProjectID: "FP-1", Name: "j", Params: "echo hi", MaxRetry: 3, Adhoc: true, Mode: "YARN",
					Resources: []JobResource{{Path: "oss://b/a.jar", Alias: "a"}, {Path: "hdfs:///b.py"}},
				})
			},
			want: map[string]string{
				"Id": "FJ-1", "ProjectId": "FP-1", "Name": "j", "Description": "", "Params": "echo hi", "ParamConf": "",
				"CustomVariables": "", "EnvConf": "", "RunConf": "", "MonitorConf": "", "Mode": "YARN", "FailAct": "",
				"MaxRetry": "3", "RetryInterval": "0", "RetryPolicy": "", "MaxRunningTimeSec": "0", "ClusterId": "",
				"AlertConf":           "",
				"ResourceList.1.Path": "oss://b/a.jar", "ResourceList.1.Alias": "a",
				"ResourceList.2.Path": "hdfs:///b.py", "ResourceList.2.Alias": "",
			},
			not: []string{"ResourceList", "Type", "Adhoc", "ParentCategory"},
		},
		{
			name: "ModifyFlowProject",
			run: func(c *Client) error {
				return c.ModifyProject(t.Context(), "FP-1", ProjectInput{Name: "p", ResourceGroupID: "rg"})
			},
			want: map[string]string{"ProjectId": "FP-1", "Name": "p", "Description": ""},
			not:  []string{"ResourceGroupId"},
		},
		{
			name: "ModifyFlowCategory to the root",
			run: func(c *Client) error {
				return c.ModifyCategory(t.Context(), "FC-1", CategoryInput{ProjectID: "FP-1", Name: "c", Type: "FLOW"})
			},
			want: map[string]string{"Id": "FC-1", "ProjectId": "FP-1", "Name": "c", "ParentId": ""},
			not:  []string{"Type"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, script(ok(`{"RequestId":"R","Data":true}`)))
			c := newTestClient(t, api.URL, nil)
			if err := tt.run(c); err != nil {
				t.Fatal(err)
			}
			r := api.requests()[0]
			checkParams(t, r, tt.want, tt.not)
		})
	}
}

// TestCreateOmitsEmpty: a Create sends what is set and leaves unset optional fields out.
func TestCreateOmitsEmpty(t *testing.T) {
	tests := []struct {
		name string
		run  func(*Client) (string, error)
		want map[string]string
		not  []string
	}{
		{
			name: "CreateFlowForWeb",
			run: func(c *Client) (string, error) {
				return c.CreateFlow(t.Context(), FlowInput{ProjectID: "FP-1", Name: "f", Description: "d", ClusterID: "C-1", Graph: "{}", ParentFlowIDs: []string{"F-2"}})
			},
			want: map[string]string{"ProjectId": "FP-1", "Name": "f", "Description": "d", "ClusterId": "C-1", "CreateCluster": "false", "Graph": "{}", "ParentFlowList": "F-2"},
			not:  []string{"CronExpr", "StartSchedule", "EndSchedule", "HostName", "AlertConf", "ParentCategory", "Namespace", "LogArchiveLocation", "Status"},
		},
		{
			name: "CreateFlowJob",
			run: func(c *Client) (string, error) {
				return c.CreateJob(t.Context(), JobInput{ProjectID: "FP-1", Name: "j", Type: "SHELL", Description: "d", Params: "ls",
					Resources: []JobResource{{Path: "oss://b/x", Alias: "x"}}})
			},
			// The numbers are always sent: the real API's defaults for them are not documented,
			// and the job resource's defaults (0) must be what the server holds.
			want: map[string]string{"ProjectId": "FP-1", "Name": "j", "Type": "SHELL", "Description": "d", "Params": "ls", "Adhoc": "false",
				"ResourceList.1.Path": "oss://b/x", "ResourceList.1.Alias": "x", "MaxRetry": "0", "RetryInterval": "0", "MaxRunningTimeSec": "0"},
			not: []string{"ParamConf", "EnvConf", "RunConf", "MonitorConf", "Mode", "FailAct", "ClusterId", "ParentCategory", "ResourceList"},
		},
		{
			name: "CreateFlowProject",
			run: func(c *Client) (string, error) {
				return c.CreateProject(t.Context(), ProjectInput{Name: "p", Description: "d", ResourceGroupID: "rg-1"})
			},
			want: map[string]string{"Name": "p", "Description": "d", "ResourceGroupId": "rg-1"},
		},
		{
			name: "CreateFlowCategory",
			run: func(c *Client) (string, error) {
				return c.CreateCategory(t.Context(), CategoryInput{ProjectID: "FP-1", Name: "c", Type: "JOB"})
			},
			want: map[string]string{"ProjectId": "FP-1", "Name": "c", "Type": "JOB"},
			not:  []string{"ParentId"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, script(ok(`{"RequestId":"R","Id":"X-1"}`)))
			c := newTestClient(t, api.URL, nil)
			id, err := tt.run(c)
			if err != nil {
				t.Fatal(err)
			}
			if id != "X-1" {
				t.Errorf("id %q", id)
			}
			checkParams(t, api.requests()[0], tt.want, tt.not)
		})
	}
}

// TestLargeFieldsInBody: the large fields travel in the form body, not in the URL.
func TestLargeFieldsInBody(t *testing.T) {
	big := strings.Repeat("x", 20000)
	api := newFakeAPI(t, script(ok(`{"RequestId":"R","Data":true}`)))
	c := newTestClient(t, api.URL, nil)
	if err := c.ModifyFlow(t.Context(), "F-1", FlowInput{ProjectID: "FP-1", Graph: big, AlertConf: big, Description: big}); err != nil {
		t.Fatal(err)
	}
	if err := c.ModifyJob(t.Context(), "FJ-1", JobInput{ProjectID: "FP-1", Params: big, ParamConf: big, EnvConf: big, RunConf: big, MonitorConf: big, CustomVariables: big}); err != nil {
		t.Fatal(err)
	}
	for _, r := range api.requests() {
		for k, v := range r.Query {
			if len(v[0]) > 1000 {
				t.Errorf("%s: %s travels in the URL", r.Action, k)
			}
		}
	}
}

func TestCreateNoID(t *testing.T) {
	api := newFakeAPI(t, script(ok(`{"RequestId":"R"}`)))
	c := newTestClient(t, api.URL, nil)
	_, err := c.CreateProject(t.Context(), ProjectInput{Name: "p"})
	if err == nil || !strings.Contains(err.Error(), "no Id") {
		t.Errorf("got %v", err)
	}
	// The API accepted the create: the project may exist, so the caller must look it up.
	if !IsUnknownOutcome(err) {
		t.Errorf("a 2xx create without an Id must be an unknown outcome: %v", err)
	}
}

func TestDescribeFlowDecoding(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Flow
	}{
		{
			name: "typed values, parents",
			body: `{"RequestId":"R","Id":"F-1","Name":"n","Description":"d","ClusterId":"C-1","CreateCluster":false,
				"CronExpr":"0 0 * * * ?","StartSchedule":1700000000000,"EndSchedule":1800000000000,"HostName":"h",
				"Graph":"{\"nodes\":[]}","AlertConf":"{\"items\":[]}","CategoryId":"FC-1","Status":"UNDER_SCHEDULE",
				"Periodic":true,"Namespace":"ns","LogArchiveLocation":"oss://l","Lifecycle":"ONLINE","Type":"FLOW",
				"GmtCreate":1,"GmtModified":2,"EditLockDetail":"{}",
				"ParentFlowList":{"ParentFlow":[{"ParentFlowId":"F-2","ProjectId":"FP-1","ParentFlowName":"p2"},{"ParentFlowId":"F-3"}]}}`,
			want: Flow{ID: "F-1", ProjectID: "FP-1", Name: "n", Description: "d", ClusterID: "C-1", CronExpr: "0 0 * * * ?",
				StartSchedule: 1700000000000, EndSchedule: 1800000000000, HostName: "h", Graph: `{"nodes":[]}`,
				AlertConf: `{"items":[]}`, ParentFlowIDs: []string{"F-2", "F-3"}, CategoryID: "FC-1", Status: "UNDER_SCHEDULE",
				Periodic: true, Namespace: "ns", LogArchiveLocation: "oss://l", Lifecycle: "ONLINE", Type: "FLOW", GmtCreate: 1, GmtModified: 2},
		},
		{
			name: "loose values",
			body: `{"Id":"F-1","CreateCluster":"true","Periodic":"false","StartSchedule":"1700000000000","EndSchedule":"",
				"GmtCreate":"5","ParentFlowList":{"ParentFlow":[]}}`,
			want: Flow{ID: "F-1", ProjectID: "FP-1", CreateCluster: true, StartSchedule: 1700000000000, GmtCreate: 5},
		},
		{
			name: "no id in the answer",
			body: `{"Name":"n"}`,
			want: Flow{ID: "F-1", ProjectID: "FP-1", Name: "n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, script(ok(tt.body)))
			c := newTestClient(t, api.URL, nil)
			got, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestDescribeJobDecoding(t *testing.T) {
	body := `{"RequestId":"R","Id":"FJ-1","Name":"j","Type":"SPARK","Description":"d","FailAct":"STOP","MaxRetry":2,
		"RetryInterval":"30","RetryPolicy":"p","Params":"--class x","ParamConf":"{}","CustomVariables":"[]","EnvConf":"{}",
		"RunConf":"{\"priority\":1}","MonitorConf":"{}","CategoryId":"FC-1","mode":"YARN","LastInstanceId":"FJI-1",
		"Adhoc":"true","AlertConf":"a","MaxRunningTimeSec":600,"GmtCreate":1,"GmtModified":2,"EditLockDetail":"",
		"ResourceList":{"Resource":[{"Path":"oss://b/a.jar","Alias":"a"}]}}`
	api := newFakeAPI(t, script(ok(body)))
	c := newTestClient(t, api.URL, nil)
	got, err := c.DescribeJob(t.Context(), "FP-1", "FJ-1")
	if err != nil {
		t.Fatal(err)
	}
	want := Job{ID: "FJ-1", ProjectID: "FP-1", Name: "j", Type: "SPARK", Description: "d", Params: "--class x", ParamConf: "{}",
		CustomVariables: "[]", EnvConf: "{}", RunConf: `{"priority":1}`, MonitorConf: "{}", Mode: "YARN", FailAct: "STOP",
		MaxRetry: 2, RetryInterval: 30, RetryPolicy: "p", MaxRunningTimeSec: 600, Adhoc: true, CategoryID: "FC-1",
		AlertConf: "a", Resources: []JobResource{{Path: "oss://b/a.jar", Alias: "a"}}, LastInstanceID: "FJI-1", GmtCreate: 1, GmtModified: 2}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got  %+v\nwant %+v", *got, want)
	}
}

func TestDescribeProjectAndCategoryDecoding(t *testing.T) {
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		if r.Action == "DescribeFlowProject" {
			return ok(`{"RequestId":"R","Id":"FP-1","Name":"p","Description":"d","UserId":"123","GmtCreate":1,"GmtModified":2}`)
		}
		return ok(`{"RequestId":"R","Id":"FC-1","Name":"c","ParentId":"FC-0","Type":"FLOW","CategoryType":"FOLDER","ObjectType":"","ObjectId":"","GmtCreate":3,"GmtModified":4}`)
	})
	c := newTestClient(t, api.URL, nil)
	p, err := c.DescribeProject(t.Context(), "FP-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := (Project{ID: "FP-1", Name: "p", Description: "d", UserID: "123", GmtCreate: 1, GmtModified: 2}); *p != want {
		t.Errorf("got %+v", *p)
	}
	cat, err := c.DescribeCategory(t.Context(), "FP-1", "FC-1")
	if err != nil {
		t.Fatal(err)
	}
	// DescribeFlowCategory may omit ProjectId: it is filled from the request.
	if want := (Category{ID: "FC-1", ProjectID: "FP-1", Name: "c", ParentID: "FC-0", Type: "FLOW", CategoryType: "FOLDER", GmtCreate: 3, GmtModified: 4}); *cat != want {
		t.Errorf("got %+v", *cat)
	}
}

// TestDescribeNotFound: every Describe turns the API's "does not exist" into a *NotFoundError that
// still unwraps to the API error; other errors pass through.
func TestDescribeNotFound(t *testing.T) {
	tests := []struct {
		kind, id, msg string
		run           func(*Client) error
	}{
		{"flow", "F-1", "Flow does not exist [F-1]", func(c *Client) error { _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); return err }},
		{"flow", "F-1", "Project does not exist [FP-1]", func(c *Client) error { _, err := c.DescribeFlow(t.Context(), "FP-1", "F-1"); return err }},
		{"project", "FP-1", "Project does not exist [FP-1]", func(c *Client) error { _, err := c.DescribeProject(t.Context(), "FP-1"); return err }},
		{"job", "FJ-1", "Job does not exist [FJ-1]", func(c *Client) error { _, err := c.DescribeJob(t.Context(), "FP-1", "FJ-1"); return err }},
		{"category", "FC-1", "Category does not exist [FC-1]", func(c *Client) error { _, err := c.DescribeCategory(t.Context(), "FP-1", "FC-1"); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.msg, func(t *testing.T) {
			api := newFakeAPI(t, script(flowErr(tt.msg)))
			c := newTestClient(t, api.URL, nil)
			err := tt.run(c)
			var nf *NotFoundError
			if !errors.As(err, &nf) || nf.Kind != tt.kind || nf.ID != tt.id {
				t.Fatalf("want a NotFoundError for %s %s, got %v", tt.kind, tt.id, err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Message != tt.msg || e.RequestID != "REQ-FLOW" {
				t.Errorf("the API error is lost: %v", err)
			}
		})
	}
	t.Run("other errors pass through", func(t *testing.T) {
		api := newFakeAPI(t, script(gatewayErr(400, "InvalidParameter", "bad")))
		c := newTestClient(t, api.URL, nil)
		_, err := c.DescribeFlow(t.Context(), "FP-1", "F-1")
		var nf *NotFoundError
		if errors.As(err, &nf) || IsNotFound(err) {
			t.Errorf("not a not-found: %v", err)
		}
	})
	t.Run("delete of a missing flow", func(t *testing.T) {
		api := newFakeAPI(t, script(flowErr("Flow does not exist [F-1]")))
		c := newTestClient(t, api.URL, nil)
		if err := c.DeleteFlow(t.Context(), "FP-1", "F-1"); !IsNotFound(err) {
			t.Errorf("want IsNotFound, got %v", err)
		}
	})
}

// pagedFlows answers ListFlow from n flows, honouring PageNumber and PageSize (capped at capSize).
func pagedFlows(n, capSize int, withTotal bool) func(int, recorded) reply {
	return func(_ int, r recorded) reply {
		num, _ := strconv.Atoi(r.Query.Get("PageNumber"))
		size, _ := strconv.Atoi(r.Query.Get("PageSize"))
		size = min(size, capSize)
		var items []string
		for i := (num - 1) * size; i < min(num*size, n); i++ {
			items = append(items, fmt.Sprintf(`{"Id":"F-%d","Name":"flow-%d","ProjectId":"FP-1"}`, i, i))
		}
		total := ""
		if withTotal {
			total = fmt.Sprintf(`"Total":%d,`, n)
		}
		return ok(fmt.Sprintf(`{"RequestId":"R","PageNumber":%d,"PageSize":%d,%s"Flow":{"Flow":[%s]}}`, num, size, total, strings.Join(items, ",")))
	}
}

func TestListPaging(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		pageSize  int
		capSize   int
		withTotal bool
		wantCalls int
	}{
		{"250 flows, pages of 100", 250, 0, 1000, true, 3},
		{"exactly two pages", 200, 100, 1000, true, 2},
		{"no flows", 0, 0, 1000, true, 1},
		{"server caps the page size", 120, 100, 50, true, 3},
		{"no Total: stop at a short page", 250, 100, 1000, false, 3},
		{"no Total, exact pages: stop at an empty page", 200, 100, 1000, false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, pagedFlows(tt.n, tt.capSize, tt.withTotal))
			c := newTestClient(t, api.URL, nil)
			flows, err := c.ListFlows(t.Context(), ListFlowsInput{ProjectID: "FP-1", Status: "STOP_SCHEDULE", PageSize: tt.pageSize})
			if err != nil {
				t.Fatal(err)
			}
			if len(flows) != tt.n {
				t.Fatalf("%d flows, want %d", len(flows), tt.n)
			}
			for i, f := range flows {
				if f.ID != fmt.Sprintf("F-%d", i) || f.ProjectID != "FP-1" {
					t.Fatalf("flow %d is %+v", i, f)
				}
			}
			reqs := api.requests()
			if len(reqs) != tt.wantCalls {
				t.Errorf("%d requests, want %d", len(reqs), tt.wantCalls)
			}
			for i, r := range reqs {
				if r.Query.Get("PageNumber") != strconv.Itoa(i+1) {
					t.Errorf("request %d asks for page %s", i, r.Query.Get("PageNumber"))
				}
				if r.Query.Get("ProjectId") != "FP-1" || r.Query.Get("Status") != "STOP_SCHEDULE" {
					t.Errorf("request %d lost its filters: %v", i, r.Query)
				}
			}
		})
	}
}

func TestListOtherFamilies(t *testing.T) {
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		switch r.Action {
		case "ListFlowProject":
			return ok(`{"Total":2,"PageNumber":1,"PageSize":100,"Projects":{"Project":[{"Id":"FP-1","Name":"a","ResourceGroupId":"rg"},{"Id":"FP-2","Name":"b"}]}}`)
		case "ListFlowJob":
			return ok(`{"Total":1,"PageNumber":1,"PageSize":100,"JobList":{"Job":[{"Id":"FJ-1","Name":"j","mode":"LOCAL","Adhoc":"false","ResourceList":{"Resource":[{"Path":"p"}]}}]}}`)
		case "ListFlowCategory":
			return ok(`{"Total":1,"PageNumber":1,"PageSize":100,"Categories":{"Category":[{"Id":"FC-1","Name":"c","Type":"JOB","CategoryType":"FOLDER"}]}}`)
		}
		return gatewayErr(404, "InvalidAction.NotFound", r.Action)
	})
	c := newTestClient(t, api.URL, nil)
	ctx := t.Context()

	projects, err := c.ListProjects(ctx, ListProjectsInput{ResourceGroupID: "rg"})
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 2 || projects[0].ResourceGroupID != "rg" || projects[1].Name != "b" {
		t.Errorf("projects %+v", projects)
	}
	jobs, err := c.ListJobs(ctx, ListJobsInput{ProjectID: "FP-9", Type: "SHELL"})
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || jobs[0].ProjectID != "FP-9" || jobs[0].Mode != "LOCAL" || len(jobs[0].Resources) != 1 {
		t.Errorf("jobs %+v", jobs)
	}
	cats, err := c.ListCategories(ctx, ListCategoriesInput{ProjectID: "FP-9", Root: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(cats) != 1 || cats[0].ProjectID != "FP-9" || cats[0].CategoryType != "FOLDER" {
		t.Errorf("categories %+v", cats)
	}
	reqs := api.requests()
	checkParams(t, reqs[0], map[string]string{"ResourceGroupId": "rg", "PageNumber": "1", "PageSize": "100"}, []string{"Name", "ProjectId"})
	checkParams(t, reqs[1], map[string]string{"ProjectId": "FP-9", "Type": "SHELL"}, []string{"Name", "Id"})
	checkParams(t, reqs[2], map[string]string{"ProjectId": "FP-9", "Root": "true"}, []string{"ParentId"})
}

func TestFindByName(t *testing.T) {
	// The API's Name filter may match loosely: only an exact name counts.
	api := newFakeAPI(t, func(_ int, r recorded) reply {
		switch r.Action {
		case "ListFlow":
			return ok(`{"Total":3,"Flow":{"Flow":[{"Id":"F-1","Name":"etl-2"},{"Id":"F-2","Name":"etl"},{"Id":"F-3","Name":"ETL"}]}}`)
		case "ListFlowProject":
			return ok(`{"Total":2,"Projects":{"Project":[{"Id":"FP-1","Name":"dup"},{"Id":"FP-2","Name":"dup"}]}}`)
		case "ListFlowJob":
			return ok(`{"Total":1,"JobList":{"Job":[{"Id":"FJ-1","Name":"job-x"}]}}`)
		}
		return gatewayErr(404, "InvalidAction.NotFound", r.Action)
	})
	c := newTestClient(t, api.URL, nil)
	ctx := t.Context()

	f, err := c.FindFlowByName(ctx, "FP-1", "etl")
	if err != nil || f.ID != "F-2" || f.ProjectID != "FP-1" {
		t.Errorf("FindFlowByName: %+v, %v", f, err)
	}
	if got, _ := api.requests()[0].param("Name"); got != "etl" {
		t.Errorf("ListFlow Name filter %q", got)
	}
	_, err = c.FindJobByName(ctx, "FP-1", "job")
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "job" || nf.Name != "job" || !IsNotFound(err) {
		t.Errorf("FindJobByName: want a NotFoundError, got %v", err)
	}
	if _, err := c.FindProjectByName(ctx, "dup"); err == nil || IsNotFound(err) || !strings.Contains(err.Error(), "2 projects") {
		t.Errorf("FindProjectByName with two matches: %v", err)
	}
}

// checkParams checks that every parameter of want is present with its value and that those of not
// are absent.
func checkParams(t *testing.T, r recorded, want map[string]string, not []string) {
	t.Helper()
	for k, v := range want {
		got, present := r.param(k)
		if !present {
			t.Errorf("%s: %s not sent", r.Action, k)
		} else if got != v {
			t.Errorf("%s: %s = %q, want %q", r.Action, k, got, v)
		}
	}
	for _, k := range not {
		if _, present := r.param(k); present {
			t.Errorf("%s: %s sent, want absent", r.Action, k)
		}
	}
}
