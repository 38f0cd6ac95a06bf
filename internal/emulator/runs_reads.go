package emulator

// The instance reads: ListFlowInstance, DescribeFlowInstance, ListFlowNodeInstance,
// DescribeFlowNodeInstance and DescribeFlowNodeInstanceLauncherLog.

import (
	"sort"
	"strconv"
	"strings"
)

// flowInstanceItem is a ListFlowInstance item (the SDK's FlowInstance).
type flowInstanceItem struct {
	ID            string `json:"Id"`
	GmtCreate     int64  `json:"GmtCreate"`
	GmtModified   int64  `json:"GmtModified"`
	FlowID        string `json:"FlowId"`
	FlowName      string `json:"FlowName"`
	ProjectID     string `json:"ProjectId"`
	Status        string `json:"Status"`
	ClusterID     string `json:"ClusterId"`
	Owner         string `json:"Owner"`
	ScheduleTime  int64  `json:"ScheduleTime"`
	StartTime     int64  `json:"StartTime"`
	EndTime       int64  `json:"EndTime"`
	Duration      int64  `json:"Duration"`
	HasNodeFailed bool   `json:"HasNodeFailed"`
}

func (in *flowInstance) item(now int64) flowInstanceItem {
	return flowInstanceItem{
		ID: in.ID, GmtCreate: in.GmtCreate, GmtModified: in.GmtModified, FlowID: in.FlowID,
		FlowName: in.FlowName, ProjectID: in.ProjectID, Status: in.Status, ClusterID: in.ClusterID,
		Owner: "emulator", ScheduleTime: in.ScheduleTime, StartTime: in.StartTime, EndTime: in.EndTime,
		Duration: in.duration(now), HasNodeFailed: in.HasNodeFailed,
	}
}

func (in *flowInstance) duration(now int64) int64 {
	switch {
	case in.StartTime == 0:
		return 0
	case in.EndTime != 0:
		return in.EndTime - in.StartTime
	}
	return now - in.StartTime
}

// nodeInstanceJSON carries the fields of the SDK's NodeInstanceItem, FlowNodeInstance and
// DescribeFlowNodeInstanceResponse (a superset; each answer shows all of them).
type nodeInstanceJSON struct {
	ID               string `json:"Id"`
	GmtCreate        int64  `json:"GmtCreate"`
	GmtModified      int64  `json:"GmtModified"`
	Type             string `json:"Type"`
	Status           string `json:"Status"`
	JobID            string `json:"JobId"`
	JobName          string `json:"JobName"`
	JobType          string `json:"JobType"`
	JobParams        string `json:"JobParams"`
	FailAct          string `json:"FailAct"`
	MaxRetry         string `json:"MaxRetry"`
	RetryInterval    string `json:"RetryInterval"`
	NodeName         string `json:"NodeName"`
	FlowID           string `json:"FlowId"`
	FlowInstanceID   string `json:"FlowInstanceId"`
	ClusterID        string `json:"ClusterId"`
	HostName         string `json:"HostName"`
	ProjectID        string `json:"ProjectId"`
	Pending          bool   `json:"Pending"`
	StartTime        int64  `json:"StartTime"`
	EndTime          int64  `json:"EndTime"`
	Duration         int64  `json:"Duration"`
	Retries          int    `json:"Retries"`
	ExternalID       string `json:"ExternalId"`
	ExternalSubID    string `json:"ExternalSubId"`
	ExternalChildIDs string `json:"ExternalChildIds"`
	ExternalStatus   string `json:"ExternalStatus"`
	ExternalInfo     string `json:"ExternalInfo"`
}

func (n *nodeInstance) json(in *flowInstance, now int64) nodeInstanceJSON {
	out := nodeInstanceJSON{
		ID: n.ID, GmtCreate: n.GmtCreate, GmtModified: n.GmtModified, Type: n.Type, Status: n.Status,
		JobID: n.JobID, JobName: n.JobName, JobType: n.JobType, JobParams: n.JobParams, FailAct: n.FailAct,
		MaxRetry: strconv.FormatInt(n.MaxRetry, 10), RetryInterval: strconv.FormatInt(n.RetryInterval, 10),
		NodeName: n.NodeName, FlowID: in.FlowID, FlowInstanceID: in.ID, ClusterID: in.ClusterID,
		HostName: n.HostName, ProjectID: in.ProjectID, Pending: !n.finished(), StartTime: n.StartTime,
		EndTime: n.EndTime, Retries: n.Retries, ExternalID: n.ExternalID, ExternalStatus: n.ExternalStatus,
		ExternalInfo: n.ExternalInfo,
	}
	if n.Type == "START" {
		out.NodeName = ":start:" // as DescribeFlowInstance's sample names the START node
	}
	switch {
	case n.StartTime == 0:
	case n.EndTime != 0:
		out.Duration = n.EndTime - n.StartTime
	default:
		out.Duration = now - n.StartTime
	}
	return out
}

type listFlowInstanceResponse struct {
	pageResponse
	FlowInstances struct {
		FlowInstance []flowInstanceItem `json:"FlowInstance"`
	} `json:"FlowInstances"`
}

// statusList reads StatusList.N (N from 1), the repeated filter of the List actions.
func (p params) statusList(allowed ...string) (map[string]bool, *apiError) {
	out := map[string]bool{}
	for k, v := range p {
		if !strings.HasPrefix(k, "StatusList") {
			continue
		}
		if !statusListKey.MatchString(k) {
			return nil, errInvalid(k, "expected StatusList.N with N from 1 to 999")
		}
		if v == "" {
			continue
		}
		if !contains(allowed, v) {
			return nil, errInvalid(k, "expected one of "+strings.Join(allowed, ", "))
		}
		out[v] = true
	}
	return out, nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ordering reads OrderBy (gmt_create, start_time, end_time; default gmt_create) and OrderType
// (asc, desc; default desc: newest first, as ListFlowInstance's sample lists them).
func (p params) ordering() (by string, asc bool, aerr *apiError) {
	by, _, aerr = p.optEnum("OrderBy", "gmt_create", "start_time", "end_time")
	if aerr != nil {
		return "", false, aerr
	}
	typ, _, aerr := p.optEnum("OrderType", "asc", "desc", "ASC", "DESC")
	return by, strings.EqualFold(typ, "asc"), aerr
}

// listOrder is the order a list action answers in: the one asked for, or oldest first whatever
// was asked under SwitchServerOrder (no page documents OrderBy/OrderType).
func (s *Server) listOrder(p params) (by string, asc bool, aerr *apiError) {
	by, asc, aerr = p.ordering()
	if s.switches.on(SwitchServerOrder) {
		by, asc = "gmt_create", true
	}
	return by, asc, aerr
}

func sortInstances(list []*flowInstance, by string, asc bool) {
	key := func(in *flowInstance) int64 {
		switch by {
		case "start_time":
			return in.StartTime
		case "end_time":
			return in.EndTime
		}
		return in.GmtCreate
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		ka, kb := key(a), key(b)
		if ka == kb {
			ka, kb = a.Seq, b.Seq
		}
		if asc {
			return ka < kb
		}
		return ka > kb
	})
}

// runListQuery is what the instance lists read alike: paging, StatusList.N, the order, and the
// run clock once the runs are brought up to the call.
type runListQuery struct {
	pg       page
	statuses map[string]bool
	by       string
	asc      bool
	now      int64
}

// listQuery reads a run list's common parameters (ProjectId required; statuses are those
// StatusList.N accepts) and then brings the runs up to the call.
func (s *Server) listQuery(c *call, statuses ...string) (q runListQuery, aerr *apiError) {
	p := c.p
	if aerr = p.requireAll("ProjectId"); aerr != nil {
		return q, aerr
	}
	if q.pg, aerr = p.paging(); aerr != nil {
		return q, aerr
	}
	if q.statuses, aerr = p.statusList(statuses...); aerr != nil {
		return q, aerr
	}
	if q.by, q.asc, aerr = s.listOrder(p); aerr != nil {
		return q, aerr
	}
	q.now, aerr = s.runNow(c)
	return q, aerr
}

func (s *Server) listFlowInstances(c *call) (any, *apiError) {
	p := c.p
	q, aerr := s.listQuery(c, instPrep, instRunning, instSucceeded, instFailed, instKilled, instSuspended)
	if aerr != nil {
		return nil, aerr
	}
	pg, statuses, by, asc, now := q.pg, q.statuses, q.by, q.asc, q.now
	projectID, flowID, flowName, id := p.get("ProjectId"), p.get("FlowId"), p.get("FlowName"), firstNonEmpty(p.get("Id"), p.get("InstanceId"))
	nodeID := p.get("NodeInstanceId")
	var resp listFlowInstanceResponse
	aerr = s.viewProject(c, projectID, func(st *state) {
		var match []*flowInstance
		for _, in := range st.Instances {
			switch {
			case in.ProjectID != projectID,
				flowID != "" && in.FlowID != flowID,
				flowName != "" && in.FlowName != flowName,
				id != "" && in.ID != id,
				len(statuses) > 0 && !statuses[in.Status],
				nodeID != "" && !in.hasNode(nodeID),
				!in.visible(now):
				continue
			}
			match = append(match, in)
		}
		sortInstances(match, by, asc)
		resp.pageResponse, resp.FlowInstances.FlowInstance = answerPage(c, pg, match, func(in *flowInstance) flowInstanceItem { return in.item(now) })
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}

func (in *flowInstance) hasNode(id string) bool {
	for _, n := range in.Nodes {
		if n.ID == id {
			return true
		}
	}
	return false
}

type describeFlowInstanceResponse struct {
	RequestID string `json:"RequestId"`
	flowInstanceItem
	Graph              string `json:"Graph"`
	CronExpression     string `json:"CronExpression"`
	Namespace          string `json:"Namespace"`
	LogArchiveLocation string `json:"LogArchiveLocation"`
	Lifecycle          string `json:"Lifecycle"`
	DependencyFlowList struct {
		ParentFlow []struct{} `json:"ParentFlow"`
	} `json:"DependencyFlowList"`
	NodeInstance struct {
		NodeInstance []nodeInstanceJSON `json:"NodeInstance"`
	} `json:"NodeInstance"`
}

func (s *Server) describeFlowInstance(c *call) (any, *apiError) {
	now, aerr := s.requiredNow(c, "Id", "ProjectId")
	if aerr != nil {
		return nil, aerr
	}
	return describeInProject(s, c, byID(s.visibleInstanceOf), func(st *state, in *flowInstance) describeFlowInstanceResponse {
		var resp describeFlowInstanceResponse
		resp.RequestID = c.requestID
		resp.flowInstanceItem = in.item(now)
		resp.Graph, resp.CronExpression = in.Graph, in.CronExpr
		if f := st.Flows[in.FlowID]; f != nil {
			resp.Namespace, resp.LogArchiveLocation, resp.Lifecycle = f.Namespace, f.LogArchiveLocation, f.Lifecycle
		}
		resp.DependencyFlowList.ParentFlow = []struct{}{}
		resp.NodeInstance.NodeInstance = []nodeInstanceJSON{}
		for _, n := range in.Nodes {
			resp.NodeInstance.NodeInstance = append(resp.NodeInstance.NodeInstance, n.json(in, now))
		}
		return resp
	})
}

type describeNodeInstanceResponse struct {
	RequestID string `json:"RequestId"`
	nodeInstanceJSON
	RetryPolicy string `json:"RetryPolicy"`
	ParamConf   string `json:"ParamConf"`
	EnvConf     string `json:"EnvConf"`
	RunConf     string `json:"RunConf"`
	Mode        string `json:"Mode"`
	Adhoc       bool   `json:"Adhoc"`
	MonitorConf string `json:"MonitorConf"`
	ClusterName string `json:"ClusterName"`
}

func (s *Server) describeFlowNodeInstance(c *call) (any, *apiError) {
	p := c.p
	now, aerr := s.requiredNow(c, "Id", "ProjectId")
	if aerr != nil {
		return nil, aerr
	}
	var resp describeNodeInstanceResponse
	aerr = s.view(func(st *state) *apiError {
		in, n, err := nodeInstanceOf(st, c, p.get("ProjectId"), p.get("Id"))
		if err != nil {
			return err
		}
		resp.RequestID = c.requestID
		resp.nodeInstanceJSON = n.json(in, now)
		resp.ParamConf, resp.EnvConf, resp.RunConf, resp.Mode = n.ParamConf, n.EnvConf, n.RunConf, n.Mode
		resp.ClusterName = in.ClusterID
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}

// listFlowNodeInstanceResponse follows the SDK's type (FlowNodeInstances.FlowNodeInstance); the
// page's sample shows NodeInstances.NodeInstance instead.
type listFlowNodeInstanceResponse struct {
	pageResponse
	FlowNodeInstances struct {
		FlowNodeInstance []nodeInstanceJSON `json:"FlowNodeInstance"`
	} `json:"FlowNodeInstances"`
}

// listFlowNodeInstances lists a project's node instances (the page has no flow or instance
// filter): StatusList.N, StartTime (started at or after, ms), OrderBy/OrderType, paging.
func (s *Server) listFlowNodeInstances(c *call) (any, *apiError) {
	p := c.p
	since, _, aerr := p.optInt("StartTime")
	if aerr != nil {
		return nil, aerr
	}
	q, aerr := s.listQuery(c, nodePrep, "SUBMITTING", nodeRunning, "DONE", nodeOK, nodeFailed, nodeKilled, "KILL_FAILED", "START_RETRY")
	if aerr != nil {
		return nil, aerr
	}
	pg, statuses, by, asc, now := q.pg, q.statuses, q.by, q.asc, q.now
	var resp listFlowNodeInstanceResponse
	aerr = s.viewProject(c, p.get("ProjectId"), func(st *state) {
		type pair struct {
			in *flowInstance
			n  *nodeInstance
			i  int
		}
		var match []pair
		for _, in := range st.Instances {
			if in.ProjectID != p.get("ProjectId") {
				continue
			}
			for i, n := range in.Nodes {
				if (len(statuses) > 0 && !statuses[n.Status]) || (since != 0 && n.StartTime < since) {
					continue
				}
				match = append(match, pair{in, n, i})
			}
		}
		key := func(x pair) int64 {
			switch by {
			case "start_time":
				return x.n.StartTime
			case "end_time":
				return x.n.EndTime
			}
			return x.n.GmtCreate
		}
		sort.SliceStable(match, func(i, j int) bool {
			a, b := match[i], match[j]
			ka, kb := key(a), key(b)
			if ka == kb {
				ka, kb = a.in.Seq*100000+int64(a.i), b.in.Seq*100000+int64(b.i)
			}
			if asc {
				return ka < kb
			}
			return ka > kb
		})
		resp.pageResponse, resp.FlowNodeInstances.FlowNodeInstance = answerPage(c, pg, match, func(x pair) nodeInstanceJSON { return x.n.json(x.in, now) })
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}

type launcherLogResponse struct {
	RequestID string `json:"RequestId"`
	LogEnd    bool   `json:"LogEnd"`
	LogEntrys struct {
		LogEntry []logEntryJSON `json:"LogEntry"`
	} `json:"LogEntrys"`
}

type logEntryJSON struct {
	Content string `json:"Content"`
}

// describeLauncherLog answers a node instance's launcher log: Start (line offset, default 0),
// Lines (at most 1000, the page's limit; default 100), Reverse (from the last line backwards).
func (s *Server) describeLauncherLog(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("NodeInstanceId", "ProjectId"); err != nil {
		return nil, err
	}
	start, _, aerr := p.optIntRange("Start", 0, 1<<30)
	if aerr != nil {
		return nil, aerr
	}
	lines, _, aerr := p.optIntRange("Lines", 1, 1000)
	if aerr != nil {
		return nil, aerr
	}
	if lines == 0 {
		lines = 100
	}
	reverse, _, aerr := p.optBool("Reverse")
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.advanceRuns(c.now); aerr != nil {
		return nil, aerr
	}
	var resp launcherLogResponse
	aerr = s.view(func(st *state) *apiError {
		_, n, err := nodeInstanceOf(st, c, p.get("ProjectId"), p.get("NodeInstanceId"))
		if err != nil {
			return err
		}
		log := append([]string(nil), n.Log...)
		if reverse {
			for i, j := 0, len(log)-1; i < j; i, j = i+1, j-1 {
				log[i], log[j] = log[j], log[i]
			}
		}
		lo := min(int(start), len(log))
		hi := min(lo+int(lines), len(log))
		resp.RequestID = c.requestID
		resp.LogEnd = hi == len(log) && n.finished()
		resp.LogEntrys.LogEntry = []logEntryJSON{}
		for _, line := range log[lo:hi] {
			resp.LogEntrys.LogEntry = append(resp.LogEntrys.LogEntry, logEntryJSON{Content: line})
		}
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}
