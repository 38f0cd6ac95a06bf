package emulator_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

const answersGraph = `{"nodes":[{"id":"s","attribute":{"type":"START"},"x":10,"y":20},` +
	`{"id":"j","attribute":{"type":"JOB","jobType":"SPARK_SQL","jobId":"FJ-1"},"x":10,"y":80},` +
	`{"id":"e","attribute":{"type":"END"},"x":10,"y":140}],` +
	`"edges":[{"source":"s","target":"j"},{"source":"j","target":"e"}]}`

const answersAlerts = `{"items":[{"enable":true,"eventId":"EMR-210401001","alertUserGroupIdList":["AUG-1","AUG-2"]},` +
	`{"enable":false,"eventId":"EMR-110401002","alertDingDingGroupList":["ADG-1"]}]}`

// answersWorld is what every profile test describes: a project, a minimal job (only its required
// parameters), a full job, a flow with a graph, alerts, two parents and a cron, a bare flow, and a
// root folder.
type answersWorld struct {
	f                         *fixture
	project                   string
	bareJob, fullJob          string
	flow, bareFlow, p1, p2    string
	category                  string
	describe                  func(action string, params map[string]string) map[string]any
	describeFlow, describeJob func(id string) map[string]any
}

func newAnswersWorld(t *testing.T, profile string) *answersWorld {
	t.Helper()
	f := newFixture(t, emulator.Config{Answers: profile})
	w := &answersWorld{f: f, project: f.createProject("answers")}
	w.bareJob = f.createJob(w.project, "bare")
	full := emr.CreateCreateFlowJobRequest()
	full.ProjectId, full.Name, full.Type, full.Description = w.project, "full", "SPARK", "d"
	full.RunConf = `{"priority":1,"memory":2048,"userName":"hadoop"}`
	full.MaxRetry, full.RetryInterval = requests.NewInteger(0), requests.NewInteger(0)
	full.FailAct, full.Mode = "CONTINUE", "LOCAL"
	full.ResourceList = &[]emr.CreateFlowJobResourceList{{Path: "oss://b/1.jar", Alias: "one"}, {Path: "oss://b/2.jar", Alias: "two"}}
	resp, err := f.client.CreateFlowJob(full)
	mustOK(t, "CreateFlowJob full", err)
	w.fullJob = resp.Id
	w.p1, w.p2, w.bareFlow = f.createFlow(w.project, "p1"), f.createFlow(w.project, "p2"), f.createFlow(w.project, "bare")
	fr := newFlowRequest(w.project, "full")
	fr.Graph, fr.AlertConf, fr.ParentFlowList = answersGraph, answersAlerts, w.p1+","+w.p2
	fr.CronExpr, fr.StartSchedule = "0 0 * * * ?", requests.NewInteger(1700000000000)
	fresp, err := f.client.CreateFlowForWeb(fr)
	mustOK(t, "CreateFlowForWeb full", err)
	w.flow = fresp.Id
	cat := emr.CreateCreateFlowCategoryRequest()
	cat.ProjectId, cat.Name, cat.Type = w.project, "folder", "FLOW"
	cresp, err := f.client.CreateFlowCategory(cat)
	mustOK(t, "CreateFlowCategory", err)
	w.category = cresp.Id
	w.describe = func(action string, params map[string]string) map[string]any {
		t.Helper()
		r := f.raw(rawRequest{action: action, params: params})
		if r.status != 200 {
			t.Fatalf("%s: HTTP %d: %s", action, r.status, r.body)
		}
		return r.json(t)
	}
	w.describeFlow = func(id string) map[string]any {
		return w.describe("DescribeFlow", map[string]string{"ProjectId": w.project, "Id": id})
	}
	w.describeJob = func(id string) map[string]any {
		return w.describe("DescribeFlowJob", map[string]string{"ProjectId": w.project, "Id": id})
	}
	return w
}

func jsonField(t *testing.T, obj map[string]any, key string) map[string]any {
	t.Helper()
	s, ok := obj[key].(string)
	if !ok {
		t.Fatalf("%s is not a string: %#v", key, obj[key])
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("%s is not JSON: %v: %s", key, err, s)
	}
	return m
}

func TestAnswersDefault(t *testing.T) {
	w := newAnswersWorld(t, "")
	j := w.describeJob(w.bareJob)
	for _, k := range []string{"ParamConf", "RunConf", "FailAct", "mode"} {
		if j[k] != "" {
			t.Errorf("default %s = %#v, want \"\"", k, j[k])
		}
	}
	if j["MaxRetry"] != float64(0) || j["Adhoc"] != "false" {
		t.Errorf("default numbers: %v", j)
	}
}

func TestAnswersSparse(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersSparse)
	bare := w.describeJob(w.bareJob)
	for _, k := range []string{"ParamConf", "RunConf", "EnvConf", "FailAct", "mode", "CategoryId", "MaxRetry", "RetryInterval", "Adhoc", "ResourceList", "MaxRunningTimeSec"} {
		if v, ok := bare[k]; ok {
			t.Errorf("sparse: unset %s present: %#v", k, v)
		}
	}
	for _, k := range []string{"Id", "Name", "Type", "Params", "GmtCreate"} {
		if _, ok := bare[k]; !ok {
			t.Errorf("sparse: set %s absent", k)
		}
	}
	// Numbers that were sent, even 0, stay.
	full := w.describeJob(w.fullJob)
	if full["MaxRetry"] != float64(0) || full["RetryInterval"] != float64(0) {
		t.Errorf("sparse: sent zeros: %v", full)
	}
	fl := w.describeFlow(w.bareFlow)
	for _, k := range []string{"Graph", "AlertConf", "CronExpr", "HostName", "CategoryId", "ParentFlowList", "StartSchedule"} {
		if v, ok := fl[k]; ok {
			t.Errorf("sparse flow: unset %s present: %#v", k, v)
		}
	}
	list := w.describe("ListFlowJob", map[string]string{"ProjectId": w.project})
	items := arr(t, obj(t, list["JobList"])["Job"])
	if len(items) != 2 {
		t.Fatalf("list: %v", list)
	}
	if _, ok := obj(t, items[0])["RunConf"]; ok {
		t.Errorf("sparse list item has an unset RunConf: %v", items[0])
	}
}

func TestAnswersEmpty(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersEmpty)
	j := w.describeJob(w.bareJob)
	for _, k := range []string{"ParamConf", "RunConf", "EnvConf", "MonitorConf", "CustomVariables", "AlertConf"} {
		if j[k] != "{}" {
			t.Errorf("empty %s = %#v, want {}", k, j[k])
		}
	}
	if j["FailAct"] != "" || j["mode"] != "" {
		t.Errorf("empty strings: %v", j)
	}
	if res := arr(t, obj(t, j["ResourceList"])["Resource"]); len(res) != 0 {
		t.Errorf("empty list: %v", res)
	}
	if fl := w.describeFlow(w.bareFlow); fl["Graph"] != "{}" || fl["AlertConf"] != "{}" {
		t.Errorf("empty flow: %v", fl)
	}
	// Set values are untouched.
	if got := w.describeJob(w.fullJob)["RunConf"]; got != `{"priority":1,"memory":2048,"userName":"hadoop"}` {
		t.Errorf("set RunConf = %v", got)
	}
}

func TestAnswersDefaults(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersDefaults)
	j := w.describeJob(w.bareJob)
	want := map[string]any{"FailAct": "STOP", "mode": "YARN", "MaxRetry": float64(0), "RetryInterval": float64(15),
		"Adhoc": "false", "RunConf": "{}", "ParamConf": "{}"}
	for k, v := range want {
		if j[k] != v {
			t.Errorf("defaults %s = %#v, want %#v", k, j[k], v)
		}
	}
	full := w.describeJob(w.fullJob)
	if full["FailAct"] != "CONTINUE" || full["mode"] != "LOCAL" || full["RetryInterval"] != float64(0) {
		t.Errorf("defaults override set values: %v", full)
	}
	if fl := w.describeFlow(w.bareFlow); fl["AlertConf"] != `{"items":[]}` || fl["Graph"] != `{"nodes":[],"edges":[]}` || fl["EndSchedule"] != float64(0) {
		t.Errorf("defaults bare flow: %v", fl)
	}
	// ListFlow.md's sample: a scheduled flow without an end ends in 2100.
	if fl := w.describeFlow(w.flow); fl["EndSchedule"] != float64(4102416001000) {
		t.Errorf("defaults EndSchedule = %v", fl["EndSchedule"])
	}
}

func TestAnswersStrings(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersStrings)
	j := w.describeJob(w.fullJob)
	if j["MaxRetry"] != "0" || j["GmtCreate"] == nil || reflect.TypeOf(j["GmtCreate"]).Kind() != reflect.String {
		t.Errorf("strings numbers: %v", j)
	}
	// Re-serialised with keys reversed, spaces, and numbers as strings; same keys.
	if got := j["RunConf"]; got != `{"userName": "hadoop", "priority": "1", "memory": "2048"}` {
		t.Errorf("strings RunConf = %v", got)
	}
	fl := w.describeFlow(w.flow)
	if fl["Periodic"] != "true" || fl["CreateCluster"] != "false" || fl["StartSchedule"] != "1700000000000" {
		t.Errorf("strings flow scalars: %v", fl)
	}
	g := jsonField(t, fl, "Graph")
	node := obj(t, arr(t, g["nodes"])[0])
	if node["x"] != "10" || node["index"] != "0" {
		t.Errorf("strings graph node: %v", node)
	}
	if !strings.HasPrefix(str(t, fl["Graph"]), `{"nodes": [`) {
		t.Errorf("strings graph spacing: %v", fl["Graph"])
	}
	a := jsonField(t, fl, "AlertConf")
	if item := obj(t, arr(t, a["items"])[0]); item["enable"] != true {
		t.Errorf("strings alert booleans stay booleans: %v", item)
	}
	list := w.describe("ListFlow", map[string]string{"ProjectId": w.project})
	if list["Total"] != "4" || list["PageSize"] != "20" {
		t.Errorf("strings paging: %v", list)
	}
}

func TestAnswersShuffled(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersShuffled)
	fl := w.describeFlow(w.flow)
	parents := arr(t, obj(t, fl["ParentFlowList"])["ParentFlow"])
	if obj(t, parents[0])["ParentFlowId"] != w.p2 {
		t.Errorf("shuffled parents: %v", parents)
	}
	if fl["OwnerId"] == nil || fl["Revision"] == nil || fl["Tags"] == nil {
		t.Errorf("shuffled: no unknown fields: %v", fl)
	}
	g := jsonField(t, fl, "Graph")
	nodes := arr(t, g["nodes"])
	first := obj(t, nodes[0])
	if first["id"] != "e" || first["shape"] != "endControlNode" || first["size"] == nil || first["spmAnchorId"] == nil || first["index"] != float64(2) {
		t.Errorf("shuffled graph nodes: %v", nodes)
	}
	if mid := obj(t, nodes[1]); mid["shape"] != "sparkSqlJobNode" {
		t.Errorf("job node shape = %v", mid["shape"])
	}
	if e := obj(t, arr(t, g["edges"])[0]); e["source"] != "j" || e["index"] != float64(4) {
		t.Errorf("shuffled edges: %v", g["edges"])
	}
	a := jsonField(t, fl, "AlertConf")
	items := arr(t, a["items"])
	if obj(t, items[0])["eventId"] != "EMR-110401002" {
		t.Errorf("shuffled alert items: %v", items)
	}
	if ids := arr(t, obj(t, items[1])["alertUserGroupIdList"]); ids[0] != "AUG-2" {
		t.Errorf("shuffled alert group ids: %v", ids)
	}
	j := w.describeJob(w.fullJob)
	if res := arr(t, obj(t, j["ResourceList"])["Resource"]); obj(t, res[0])["Alias"] != "two" {
		t.Errorf("shuffled resources: %v", res)
	}
	list := w.describe("ListFlowJob", map[string]string{"ProjectId": w.project})
	if first := obj(t, arr(t, obj(t, list["JobList"])["Job"])[0]); first["Id"] != w.fullJob {
		t.Errorf("shuffled list order: first %v", first["Id"])
	}
}

func TestAnswersDocumented(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersDocumented)
	p := w.describe("DescribeFlowProject", map[string]string{"ProjectId": w.project})
	data, ok := p["data"].(map[string]any)
	if !ok || data["Id"] != w.project || p["requestId"] == nil {
		t.Errorf("documented DescribeFlowProject: %v", p)
	}
	c := w.describe("DescribeFlowCategory", map[string]string{"ProjectId": w.project, "Id": w.category})
	if data, ok := c["data"].(map[string]any); !ok || data["Id"] != w.category {
		t.Errorf("documented DescribeFlowCategory: %v", c)
	}
	l := w.describe("ListFlowCategory", map[string]string{"ProjectId": w.project})
	items, ok := l["Categories"].([]any)
	if !ok || len(items) != 1 {
		t.Fatalf("documented ListFlowCategory: %v", l)
	}
	if item := obj(t, items[0]); item["id"] != w.category || item["parentId"] != "root_parent" {
		t.Errorf("documented category item: %v", item)
	}
	d := w.describe("DeleteFlowCategory", map[string]string{"ProjectId": w.project, "Id": w.category})
	if d["Data"] != "true" {
		t.Errorf("documented DeleteFlowCategory: %v", d)
	}
}

func TestAnswersAll(t *testing.T) {
	w := newAnswersWorld(t, emulator.AnswersAll)
	j := w.describeJob(w.bareJob)
	if j["FailAct"] != "STOP" || j["RetryInterval"] != "15" || j["RunConf"] != "{}" || j["OwnerId"] == nil {
		t.Errorf("all: %v", j)
	}
}

func TestAnswersUnknownProfile(t *testing.T) {
	if _, err := emulator.New(emulator.Config{Answers: "chatty"}); err == nil || !strings.Contains(err.Error(), "shuffled") {
		t.Errorf("unknown profile: %v", err)
	}
}

// obj, arr and str assert the type of a decoded JSON value, failing the test instead of panicking.
func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	out, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is %T, want an object", v, v)
	}
	return out
}

func arr(t *testing.T, v any) []any {
	t.Helper()
	out, ok := v.([]any)
	if !ok {
		t.Fatalf("%v is %T, want an array", v, v)
	}
	return out
}

func str(t *testing.T, v any) string {
	t.Helper()
	out, ok := v.(string)
	if !ok {
		t.Fatalf("%v is %T, want a string", v, v)
	}
	return out
}
