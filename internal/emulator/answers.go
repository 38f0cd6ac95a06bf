package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

// Answer profiles: variations of the answers that a real server may plausibly give and that the
// doc pages do not exclude. Their sample answers omit most fields (DescribeFlowJob.md's has no
// Adhoc, mode, ParamConf, …), show unset ones as "" (ListFlow.md's HostName), fill defaults
// (DescribeFlowJob.md's FailAct "STOP", RetryInterval 15; ListFlow.md's EndSchedule 4102416001000
// for a flow without an end) and wrap or re-key some answers (DescribeFlowProject.md,
// ListFlowCategory.md). A provider must be right under each of them; `make test-answers` runs the
// resources' lifecycle tests under every profile.
//
// The profiles rewrite the handlers' answers after the fact (rewriteAnswer), so that the handlers
// keep answering one plain shape.
const (
	// AnswersDefault is the emulator's own shape: every documented field, unset ones as "" or 0.
	AnswersDefault = "default"
	// AnswersSparse omits the fields never set: empty strings, empty lists, and numbers and
	// booleans that no request gave a value.
	AnswersSparse = "sparse"
	// AnswersEmpty answers unset strings as "", unset JSON settings as "{}" and empty lists as
	// empty.
	AnswersEmpty = "empty"
	// AnswersDefaults is AnswersEmpty with server-side defaults for the fields never set: a job's
	// FailAct STOP, Mode YARN, MaxRetry 0, RetryInterval 15, Adhoc false; a flow's AlertConf
	// {"items":[]}, Graph {"nodes":[],"edges":[]}, and EndSchedule 4102416001000 for a scheduled
	// flow without an end.
	AnswersDefaults = "defaults"
	// AnswersStrings answers numbers and booleans as strings, re-serialises JSON-valued fields
	// with their keys in another order, other spacing, and the numbers in them as strings, and
	// answers a cluster setting's whitelists as comma-joined strings (the page types them String).
	AnswersStrings = "strings"
	// AnswersShuffled reverses the order of list items (list pages, ParentFlowList,
	// ResourceList, alert items and their group ids, graph nodes and edges), adds unknown fields,
	// and gives graph nodes the console's UI fields (size, shape, spmAnchorId, index).
	AnswersShuffled = "shuffled"
	// AnswersDocumented shapes the answers as the pages' samples do where they differ from the
	// SDK's types: DescribeFlowProject.md and DescribeFlowCategory.md wrap the object in
	// {"requestId","data":{…}}; ListFlowCategory.md answers "Categories" as an array of items with
	// lower-case keys and "root_parent" as a root folder's parent; DeleteFlowProject.md and
	// DeleteFlowCategory.md answer "Data":"true"; DescribeFlowInstance.md and
	// DescribeFlowNodeInstance.md wrap the run in "data" (the run's Graph an object), as
	// DescribeFlowNodeInstanceLauncherLog.md does its log with "code":"200"; ListFlowNodeInstance.md
	// lists NodeInstances.NodeInstance; DescribeFlowProjectClusterSetting.md and
	// ModifyFlowProjectClusterSetting.md wrap their answer in {"code":"200","data":{…},"requestId",
	// "successResponse":true}.
	AnswersDocumented = "documented"
	// The run actions (runs*.go) are varied too: sparse leaves out a run's and a node's times
	// that are still 0, strings stringifies the nodes' numbers and booleans and the controls' Data,
	// shuffled reverses a run's node instances and adds unknown fields.
	//
	// AnswersAll combines defaults, shuffled and strings.
	AnswersAll = "all"
)

// AnswerProfiles lists the profiles, for flags and messages.
func AnswerProfiles() []string {
	return []string{AnswersDefault, AnswersSparse, AnswersEmpty, AnswersDefaults, AnswersStrings,
		AnswersShuffled, AnswersDocumented, AnswersAll}
}

// CheckAnswers returns an error naming the profiles when p is not one ("" is the default).
func CheckAnswers(p string) error {
	if p == "" || slices.Contains(AnswerProfiles(), p) {
		return nil
	}
	return fmt.Errorf("unknown answer profile %q (want one of %s)", p, strings.Join(AnswerProfiles(), ", "))
}

// answerSteps are the transformations of a profile, applied in this order.
type answerSteps struct {
	sparse, empty, defaults, shuffled, strings, documented bool
}

func stepsOf(profile string) answerSteps {
	switch profile {
	case AnswersSparse:
		return answerSteps{sparse: true}
	case AnswersEmpty:
		return answerSteps{empty: true}
	case AnswersDefaults:
		return answerSteps{empty: true, defaults: true}
	case AnswersStrings:
		return answerSteps{strings: true}
	case AnswersShuffled:
		return answerSteps{shuffled: true}
	case AnswersDocumented:
		return answerSteps{documented: true}
	case AnswersAll:
		return answerSteps{empty: true, defaults: true, shuffled: true, strings: true}
	}
	return answerSteps{}
}

type objectKind int

const (
	kindFlow objectKind = iota + 1
	kindJob
	kindProject
	kindCategory
	kindRun     // a flow instance, with its node instances
	kindNode    // a node instance
	kindLog     // a launcher log read
	kindControl // the answer of an action that starts or changes a run: Data
	kindSetting // a project's cluster setting
	kindMember  // a project's user
	kindCluster // a cluster of ListFlowCluster(All)
)

// answerShape says where an action's answer holds objects: the answer itself (path nil), or the
// items of the list at path.
type answerShape struct {
	kind objectKind
	path []string
}

func answerShapes() map[string]answerShape {
	return map[string]answerShape{
		"DescribeFlow":         {kind: kindFlow},
		"ListFlow":             {kind: kindFlow, path: []string{"Flow", "Flow"}},
		"DescribeFlowJob":      {kind: kindJob},
		"ListFlowJob":          {kind: kindJob, path: []string{"JobList", "Job"}},
		"DescribeFlowProject":  {kind: kindProject},
		"ListFlowProject":      {kind: kindProject, path: []string{"Projects", "Project"}},
		"DescribeFlowCategory": {kind: kindCategory},
		"ListFlowCategory":     {kind: kindCategory, path: []string{"Categories", "Category"}},
		// Runs (runs*.go).
		"DescribeFlowInstance":                {kind: kindRun},
		"ListFlowInstance":                    {kind: kindRun, path: []string{"FlowInstances", "FlowInstance"}},
		"DescribeFlowNodeInstance":            {kind: kindNode},
		"ListFlowNodeInstance":                {kind: kindNode, path: []string{"FlowNodeInstances", "FlowNodeInstance"}},
		"DescribeFlowNodeInstanceLauncherLog": {kind: kindLog},
		"SubmitFlow":                          {kind: kindControl},
		"RerunFlow":                           {kind: kindControl},
		"StartFlow":                           {kind: kindControl},
		"SuspendFlow":                         {kind: kindControl},
		"ResumeFlow":                          {kind: kindControl},
		"KillFlowJob":                         {kind: kindControl},
		// The families of the cluster settings, members and cluster lists.
		"DescribeFlowProjectClusterSetting": {kind: kindSetting},
		"ListFlowProjectClusterSetting":     {kind: kindSetting, path: []string{"ClusterSettings", "ClusterSetting"}},
		"ListFlowProjectUser":               {kind: kindMember, path: []string{"Users", "User"}},
		"ListFlowCluster":                   {kind: kindCluster, path: []string{"Clusters", "ClusterInfo"}},
		"ListFlowClusterAll":                {kind: kindCluster, path: []string{"Clusters", "ClusterInfo"}},
	}
}

// JSON-valued string fields of each kind.
var (
	flowJSONFields = []string{"Graph", "AlertConf"}
	jobJSONFields  = []string{"ParamConf", "EnvConf", "RunConf", "MonitorConf", "CustomVariables", "AlertConf"}
)

// Times of a run or node instance that are 0 until they happen: the sparse profile leaves them out.
var runTimes = []string{"ScheduleTime", "StartTime", "EndTime", "Duration"}

// nodeInstancesPath is where a DescribeFlowInstance answer lists its node instances.
var nodeInstancesPath = []string{"NodeInstance", "NodeInstance"}

// Answer fields of a job that are numbers or booleans a request may leave unset (see job.Given).
var jobOptionalScalars = []string{"MaxRetry", "RetryInterval", "MaxRunningTimeSec", "Adhoc"}

// Server-side defaults of the defaults profile. Sources: DescribeFlowJob.md's sample answer
// ("FailAct":"STOP", "MaxRetry":0, "RetryInterval":15), ListFlow.md's sample answer
// ("EndSchedule":4102416001000 for a daily flow); the rest are assumptions.
var (
	jobDefaults = map[string]any{
		"FailAct": "STOP", "mode": "YARN", "MaxRetry": json.Number("0"), "RetryInterval": json.Number("15"),
		"MaxRunningTimeSec": json.Number("0"), "Adhoc": "false",
	}
	flowDefaults = map[string]any{
		"AlertConf": `{"items":[]}`, "Graph": `{"nodes":[],"edges":[]}`,
	}
	noEndSchedule = json.Number(strconv.FormatInt(vocab.NoEndSchedule, 10))
)

// rewriteAnswer applies the server's answer profile to the answer of action. The default
// profile, and actions it does not know, pass through untouched.
func (s *Server) rewriteAnswer(action string, resp any) (any, error) {
	steps := stepsOf(s.answers)
	if steps == (answerSteps{}) {
		return resp, nil
	}
	top, err := toJSONMap(resp)
	if err != nil {
		return nil, err
	}
	if steps.documented {
		return s.documentedAnswer(action, top), nil
	}
	shape, ok := answerShapes()[action]
	if !ok {
		if slices.Contains(writeAnswers(), action) {
			rewriteWriteAnswer(steps, top)
		}
		return top, nil
	}
	var objects []map[string]any
	var list []any
	if shape.path == nil {
		objects = []map[string]any{top}
	} else {
		list = listAt(top, shape.path)
		for _, item := range list {
			if obj, ok := item.(map[string]any); ok {
				objects = append(objects, obj)
			}
		}
	}
	for _, obj := range objects {
		s.rewriteObject(steps, shape.kind, obj)
	}
	if steps.shuffled && list != nil {
		slices.Reverse(list)
	}
	if steps.strings {
		for _, k := range []string{"PageNumber", "PageSize", "Total", "TotalCount"} {
			if v, ok := top[k]; ok {
				top[k] = stringify(v)
			}
		}
	}
	return top, nil
}

// writeAnswers are the writes whose answer is {"RequestId","Data"} (Data: "whether it succeeded")
// or, for the creates of flows, jobs, projects and folders, {"RequestId","Id"}.
func writeAnswers() []string {
	return []string{
		"CreateFlowForWeb", "ModifyFlowForWeb", "DeleteFlow",
		"CreateFlowJob", "ModifyFlowJob", "DeleteFlowJob",
		"CreateFlowProject", "ModifyFlowProject", "DeleteFlowProject",
		"CreateFlowCategory", "ModifyFlowCategory", "DeleteFlowCategory",
		"CreateFlowProjectClusterSetting", "ModifyFlowProjectClusterSetting", "DeleteFlowProjectClusterSetting",
		"CreateFlowProjectUser", "DeleteFlowProjectUser",
	}
}

// ProfiledActions lists the actions whose answers some profile varies: the objects' reads
// (answerShapes) and the writes (writeAnswers).
func ProfiledActions() []string {
	out := writeAnswers()
	for action := range answerShapes() {
		out = append(out, action)
	}
	sort.Strings(out)
	return out
}

// rewriteWriteAnswer varies a write's answer: strings answers Data as the string some pages show
// (DeleteFlowProjectUser.md, DeleteFlowProject.md: "Data":"true"), shuffled adds an unknown field.
func rewriteWriteAnswer(steps answerSteps, top map[string]any) {
	if steps.strings {
		if v, ok := top["Data"]; ok {
			top["Data"] = stringify(v)
		}
	}
	if steps.shuffled {
		setDefault(top, "Revision", json.Number("3"))
	}
}

// rewriteObject applies the steps to one object (a flow, job, project or category).
func (s *Server) rewriteObject(steps answerSteps, kind objectKind, obj map[string]any) {
	given := s.givenFields(kind, obj)
	jsonFields := map[objectKind][]string{kindFlow: flowJSONFields, kindJob: jobJSONFields, kindRun: {"Graph"}}[kind]
	if kind == kindRun {
		for _, n := range listAt(obj, nodeInstancesPath) {
			if node, ok := n.(map[string]any); ok {
				s.rewriteObject(steps, kindNode, node)
			}
		}
	}
	if steps.sparse {
		for k, v := range obj {
			switch {
			case k == "RequestId" || k == "Id":
			case isEmptyValue(v):
				delete(obj, k)
			case kind == kindJob && slices.Contains(jobOptionalScalars, k) && !given[k]:
				delete(obj, k)
			case kind == kindFlow && (k == "StartSchedule" || k == "EndSchedule") && isZeroNumber(v):
				delete(obj, k) // 0 is no time: the schedule was never set
			case (kind == kindRun || kind == kindNode) && slices.Contains(runTimes, k) && isZeroNumber(v):
				delete(obj, k) // not started, not ended, never scheduled
			case kind == kindMember && k == "AccountUserId":
				delete(obj, k) // ListFlowProjectUser has no page: only the SDK's type names it
			}
		}
	}
	if steps.empty && kind != kindRun { // a run's Graph is the flow's as it ran: never unset
		for _, k := range jsonFields {
			if v, ok := obj[k]; !ok || v == "" {
				obj[k] = "{}"
			}
		}
	}
	if steps.defaults {
		switch kind {
		case kindJob:
			for k, def := range jobDefaults {
				v, ok := obj[k]
				unset := !ok || v == "" || (slices.Contains(jobOptionalScalars, k) && !given[k])
				if unset {
					obj[k] = def
				}
			}
		case kindFlow:
			for k, def := range flowDefaults {
				if v, ok := obj[k]; !ok || v == "" || v == "{}" {
					obj[k] = def
				}
			}
			if cron, _ := obj["CronExpr"].(string); cron != "" && isZeroNumber(obj["EndSchedule"]) {
				obj["EndSchedule"] = noEndSchedule
			}
		}
	}
	if steps.shuffled {
		shuffleObject(kind, obj)
	}
	if steps.strings {
		if kind == kindSetting {
			joinWhitelists(obj)
		}
		for k, v := range obj {
			if slices.Contains(jsonFields, k) {
				if str, ok := v.(string); ok {
					obj[k] = reserialize(str, k != "AlertConf")
				}
				continue
			}
			obj[k] = stringifyDeep(v)
		}
	}
}

// joinWhitelists answers a setting's UserList, QueueList and HostList as the page types them
// (DescribeFlowProjectClusterSetting.md: String), comma-separated as the console takes them.
func joinWhitelists(obj map[string]any) {
	for _, path := range [][]string{{"UserList", "User"}, {"QueueList", "Queue"}, {"HostList", "Host"}} {
		items := listAt(obj, path)
		if _, ok := obj[path[0]]; !ok {
			continue
		}
		parts := make([]string, 0, len(items))
		for _, it := range items {
			parts = append(parts, fmt.Sprint(it))
		}
		obj[path[0]] = strings.Join(parts, ",")
	}
}

// givenFields returns, for a job, the optional scalars some request gave a value (job.Given).
func (s *Server) givenFields(kind objectKind, obj map[string]any) map[string]bool {
	if kind != kindJob {
		return nil
	}
	id, _ := obj["Id"].(string)
	out := map[string]bool{}
	_ = s.view(func(st *state) *apiError {
		if j := st.Jobs[id]; j != nil {
			for k, v := range j.Given {
				out[k] = v
			}
		}
		return nil
	})
	return out
}

// shuffleObject reverses the object's inner lists, adds unknown fields and the graph's UI fields.
func shuffleObject(kind objectKind, obj map[string]any) {
	for _, path := range [][]string{{"ParentFlowList", "ParentFlow"}, {"ResourceList", "Resource"}, nodeInstancesPath,
		{"UserList", "User"}, {"QueueList", "Queue"}, {"HostList", "Host"}} {
		if l := listAt(obj, path); l != nil {
			slices.Reverse(l)
		}
	}
	// Unknown fields, as a newer server version might add (a member's own OwnerId is kept).
	setDefault(obj, "OwnerId", accountID)
	obj["Tags"] = map[string]any{"Tag": []any{}}
	obj["Revision"] = json.Number("3")
	if g, ok := obj["Graph"].(string); ok && g != "" && (kind == kindFlow || kind == kindRun) {
		obj["Graph"] = shuffleGraph(g)
	}
	if a, ok := obj["AlertConf"].(string); ok && a != "" {
		obj["AlertConf"] = shuffleAlerts(a)
	}
}

// shuffleGraph reverses nodes and edges, gives each node the console's UI fields it lacks
// (CreateFlowForWeb.md's sample Graph has size, shape, spmAnchorId and index) and adds an unknown
// top-level field. A graph that does not decode is left as it is.
func shuffleGraph(g string) string {
	m, ok := decodeObject(g)
	if !ok {
		return g
	}
	nodes, _ := m["nodes"].([]any)
	for i, n := range nodes {
		node, ok := n.(map[string]any)
		if !ok {
			continue
		}
		setDefault(node, "index", json.Number(fmt.Sprint(i)))
		setDefault(node, "size", "170*34")
		setDefault(node, "spmAnchorId", fmt.Sprintf("5176.8250060.0.i%d.771e28d0IPNQGE", i))
		setDefault(node, "shape", shapeOf(node))
		setDefault(node, "type", "node")
	}
	edges, _ := m["edges"].([]any)
	for i, e := range edges {
		if edge, ok := e.(map[string]any); ok {
			setDefault(edge, "index", json.Number(fmt.Sprint(len(nodes)+i)))
		}
	}
	slices.Reverse(nodes)
	slices.Reverse(edges)
	m["zoom"] = json.Number("1")
	return encodeCompact(m)
}

// shapeOf is the console's shape of a node (CreateFlowForWeb.md's sample: startControlNode,
// endControlNode, shellJobNode).
func shapeOf(node map[string]any) string {
	attr, _ := node["attribute"].(map[string]any)
	switch t, _ := attr["type"].(string); t {
	case "START":
		return "startControlNode"
	case "END":
		return "endControlNode"
	}
	jt, _ := attr["jobType"].(string)
	parts := strings.Split(strings.ToLower(jt), "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "") + "JobNode"
}

// shuffleAlerts reverses AlertConf's items and their group id lists, and adds an unknown field to
// each item.
func shuffleAlerts(a string) string {
	m, ok := decodeObject(a)
	if !ok {
		return a
	}
	items, _ := m["items"].([]any)
	for _, it := range items {
		item, ok := it.(map[string]any)
		if !ok {
			continue
		}
		for _, k := range []string{"alertUserGroupIdList", "alertDingDingGroupList"} {
			if l, ok := item[k].([]any); ok {
				slices.Reverse(l)
			}
		}
		item["alertType"] = "ALL"
	}
	slices.Reverse(items)
	return encodeCompact(m)
}

// documentedAnswer shapes the answers as the doc pages' samples do (AnswersDocumented).
func (s *Server) documentedAnswer(action string, top map[string]any) map[string]any {
	switch action {
	case "DescribeFlowProject", "DescribeFlowCategory":
		// DescribeFlowProject.md, DescribeFlowCategory.md: {"requestId":…,"data":{…,"RequestId":…}}.
		return map[string]any{"requestId": top["RequestId"], "data": top}
	case "ListFlowCategory":
		// ListFlowCategory.md: "Categories":[{"id":…,"parentId":"root_parent",…}].
		items := listAt(top, []string{"Categories", "Category"})
		out := make([]any, 0, len(items))
		for _, it := range items {
			item, ok := it.(map[string]any)
			if !ok {
				continue
			}
			lower := map[string]any{}
			for k, v := range item {
				lower[strings.ToLower(k[:1])+k[1:]] = v
			}
			if lower["parentId"] == "" {
				lower["parentId"] = "root_parent"
			}
			out = append(out, lower)
		}
		top["Categories"] = out
	case "DescribeFlowNodeInstance":
		// DescribeFlowNodeInstance.md: {"requestId":…,"data":{…}}.
		return map[string]any{"requestId": top["RequestId"], "data": top}
	case "DescribeFlowInstance":
		// DescribeFlowInstance.md: {"requestId":…,"data":{…}}, its Graph an object, not a string.
		if g, ok := top["Graph"].(string); ok {
			if m, ok := decodeObject(g); ok {
				top["Graph"] = m
			}
		}
		return map[string]any{"requestId": top["RequestId"], "data": top}
	case "DescribeFlowNodeInstanceLauncherLog":
		// DescribeFlowNodeInstanceLauncherLog.md: {"code":"200","data":{…},"requestId":…,"successResponse":true}.
		return map[string]any{"code": "200", "data": top, "requestId": top["RequestId"], "successResponse": true}
	case "ListFlowNodeInstance":
		// ListFlowNodeInstance.md's sample lists NodeInstances.NodeInstance, not the SDK's
		// FlowNodeInstances.FlowNodeInstance.
		top["NodeInstances"] = map[string]any{"NodeInstance": listAt(top, []string{"FlowNodeInstances", "FlowNodeInstance"})}
		delete(top, "FlowNodeInstances")
	case "ModifyFlowProjectClusterSetting":
		// ModifyFlowProjectClusterSetting.md: {"successResponse":true,"requestId","data":{"Data",
		// "RequestId"},"code":"200"}.
		return map[string]any{"successResponse": true, "requestId": top["RequestId"], "data": top, "code": "200"}
	case "DescribeFlowProjectClusterSetting":
		// DescribeFlowProjectClusterSetting.md: {"code":"200","data":{…},"requestId",
		// "successResponse":true}.
		return map[string]any{"code": "200", "data": top, "requestId": top["RequestId"], "successResponse": true}
	case "DeleteFlowProject", "DeleteFlowCategory":
		// DeleteFlowProject.md, DeleteFlowCategory.md: "Data":"true".
		top["Data"] = stringify(top["Data"])
	}
	return top
}

// --- JSON helpers ---------------------------------------------------------------------------

// toJSONMap turns an answer struct into a generic JSON object (numbers kept exact).
func toJSONMap(v any) (map[string]any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding the answer: %w", err)
	}
	m, ok := decodeObject(string(raw))
	if !ok {
		return nil, fmt.Errorf("the answer is not a JSON object: %s", raw)
	}
	return m, nil
}

func decodeObject(s string) (map[string]any, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

func encodeCompact(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // generic JSON values always encode
	return strings.TrimSuffix(buf.String(), "\n")
}

// listAt returns the array at path inside m (nil when absent).
func listAt(m map[string]any, path []string) []any {
	var cur any = m
	for _, k := range path {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[k]
	}
	l, _ := cur.([]any)
	return l
}

func setDefault(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// isEmptyValue: "", an empty array, or an object whose values are all empty (the
// {"Resource":[]} wrapper of an empty list).
func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, inner := range x {
			if !isEmptyValue(inner) {
				return false
			}
		}
		return true
	}
	return false
}

func isZeroNumber(v any) bool {
	n, ok := v.(json.Number)
	return !ok || n.String() == "0"
}

// stringify renders a number or boolean as a string; other values are returned as they are.
func stringify(v any) any {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return v
}

// stringifyDeep stringifies the numbers and booleans of v, inside objects and arrays too.
func stringifyDeep(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, inner := range x {
			x[k] = stringifyDeep(inner)
		}
		return x
	case []any:
		for i, inner := range x {
			x[i] = stringifyDeep(inner)
		}
		return x
	}
	return stringify(v)
}

// reserialize re-encodes a JSON document with its keys in reverse order and spaces after ':' and
// ',', and, with numbersAsStrings, every number as a string. A value that does not decode is left
// as it is.
func reserialize(s string, numbersAsStrings bool) string {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return s
	}
	var b strings.Builder
	writeReordered(&b, v, numbersAsStrings)
	return b.String()
}

func writeReordered(b *strings.Builder, v any, numbersAsStrings bool) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(keys)))
		b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(encodeCompact(k))
			b.WriteString(": ")
			writeReordered(b, x[k], numbersAsStrings)
		}
		b.WriteString("}")
	case []any:
		b.WriteString("[")
		for i, inner := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeReordered(b, inner, numbersAsStrings)
		}
		b.WriteString("]")
	case json.Number:
		if numbersAsStrings {
			b.WriteString(encodeCompact(x.String()))
		} else {
			b.WriteString(x.String())
		}
	default:
		b.WriteString(encodeCompact(x))
	}
}
