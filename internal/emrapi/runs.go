package emrapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// Runs of flows: SubmitFlow and the instance reads (ListFlowInstance, DescribeFlowInstance,
// DescribeFlowNodeInstanceLauncherLog). SubmitFlow, StartFlow and RerunFlow have no documentation
// page: the SDK's types are the source.

// Flow instance statuses (ListFlowInstance's page).
const (
	InstancePrep      = "PREP"
	InstanceRunning   = "RUNNING"
	InstanceSucceeded = "SUCCEEDED"
	InstanceFailed    = "FAILED"
	InstanceKilled    = "KILLED"
	InstanceSuspended = "SUSPENDED"
)

// InstanceStatuses are the statuses a flow instance can have, in the page's order.
func InstanceStatuses() []string {
	return []string{InstancePrep, InstanceRunning, InstanceSucceeded, InstanceFailed, InstanceKilled, InstanceSuspended}
}

// InstanceFinished tells whether a flow instance status is final.
func InstanceFinished(status string) bool {
	return status == InstanceSucceeded || status == InstanceFailed || status == InstanceKilled
}

// FlowInstance is one run of a flow (DescribeFlowInstance; ListFlowInstance fills all but Nodes
// and Graph).
type FlowInstance struct {
	ID            string
	ProjectID     string
	FlowID        string
	FlowName      string
	ClusterID     string
	Status        string
	HasNodeFailed bool
	ScheduleTime  int64
	StartTime     int64
	EndTime       int64
	Duration      int64
	GmtCreate     int64
	GmtModified   int64
	Graph         string
	Nodes         []NodeInstance
}

// NodeInstance is one node of a run. Status is one of PREP, SUBMITTING, RUNNING, DONE, OK, FAILED,
// KILLED, KILL_FAILED, START_RETRY (DescribeFlowNodeInstance's page).
type NodeInstance struct {
	ID             string
	NodeName       string
	Type           string // START, END, JOB, CLUSTER
	Status         string
	JobID          string
	JobName        string
	JobType        string
	FailAct        string
	Retries        int64
	StartTime      int64
	EndTime        int64
	Duration       int64
	Pending        bool
	ExternalID     string
	ExternalStatus string
	ExternalInfo   string // the job's error diagnosis, when it failed
}

// ListFlowInstancesInput filters ListFlowInstance.
type ListFlowInstancesInput struct {
	ProjectID string
	FlowID    string
	Statuses  []string // StatusList.N; empty = all
	Limit     int      // stop after this many (newest first); 0 = all
	PageSize  int
}

// instanceNotFound matches the service's message for a missing flow or node instance
// (DescribeFlowNodeInstanceLauncherLog's page shows "flow instance does not exist [FNI-…]").
var instanceNotFound = regexp.MustCompile(`(?i)^flow (node )?instance does not exist`)

func instanceErr(err error, kind, id string) error {
	var e *Error
	if errors.As(err, &e) && e.Shape != ShapeNetwork && instanceNotFound.MatchString(e.Message) {
		return &NotFoundError{Kind: kind, ID: id, Err: err}
	}
	return notFound(err, kind, id)
}

// SubmitFlow starts a run of a flow and returns the flow instance id. The SDK's answer type has
// InstanceId, Id and Data and no page says which one the service fills: the first non-empty of
// them is taken. SubmitFlow is not idempotent (each call is a new run), so it is retried only when
// the error proves nothing was executed; a 2xx answer without any id is an unknown outcome (the
// run may exist: look at ListFlowInstance before submitting again).
func (c *Client) SubmitFlow(ctx context.Context, projectID, flowID, conf string) (string, error) {
	cl := newCall("SubmitFlow", create).set("ProjectId", projectID).set("FlowId", flowID).optBody("Conf", conf)
	var out struct {
		InstanceID flexString `json:"InstanceId"`
		Data       flexString `json:"Data"`
		ID         flexString `json:"Id"`
	}
	if err := c.do(ctx, cl, &out); err != nil {
		return "", notFound(err, "flow", flowID)
	}
	for _, id := range []flexString{out.InstanceID, out.Data, out.ID} {
		if id != "" && id != "true" && id != "false" {
			return string(id), nil
		}
	}
	return "", &Error{Action: cl.action, Message: "the answer holds no instance id (InstanceId, Data or Id)", Shape: ShapeGateway, OutcomeUnknown: true}
}

// RerunFlow runs a finished run again (RerunFlow: no page; the SDK's request has FlowInstanceId,
// ReRunFail and ProjectId, its answer Data, a boolean). failedOnly asks for the failed nodes only
// (ReRunFail). It answers no new id: the run is rerun in place, as the console guide's "Rerun"
// tells. An answer of Data false is an error naming the run. Like SubmitFlow it is not retried
// once it may have executed: a second rerun would run the nodes again.
func (c *Client) RerunFlow(ctx context.Context, projectID, instanceID string, failedOnly bool) error {
	cl := newCall("RerunFlow", create).set("ProjectId", projectID).set("FlowInstanceId", instanceID).
		set("ReRunFail", strconv.FormatBool(failedOnly))
	var out struct {
		Data *flexBool `json:"Data"`
	}
	if err := c.do(ctx, cl, &out); err != nil {
		return instanceErr(err, "flow instance", instanceID)
	}
	if out.Data != nil && !bool(*out.Data) {
		return &Error{Action: cl.action, Message: fmt.Sprintf("the service answered Data false: run %s was not rerun", instanceID), Shape: ShapeGateway}
	}
	return nil
}

// DescribeFlowInstance reads a run with its node instances; a missing run (or project) is a
// *NotFoundError. The page's sample answer wraps the fields in a "data" object while the SDK
// reads them at the top level: both are accepted.
func (c *Client) DescribeFlowInstance(ctx context.Context, projectID, id string) (*FlowInstance, error) {
	cl := newCall("DescribeFlowInstance", idempotent).set("ProjectId", projectID).set("Id", id)
	var raw json.RawMessage
	if err := c.do(ctx, cl, &raw); err != nil {
		return nil, instanceErr(err, "flow instance", id)
	}
	var out flowInstanceJSON
	if err := json.Unmarshal(unwrapData(raw), &out); err != nil {
		return nil, fmt.Errorf("%s: decoding the answer: %w", cl.action, err)
	}
	in := out.instance()
	in.ID = cmp.Or(in.ID, id)
	in.ProjectID = cmp.Or(in.ProjectID, projectID)
	return &in, nil
}

// ListFlowInstances returns a project's runs, newest first, walking the pages until in.Limit runs
// are found or the list ends. It asks for newest first (OrderBy gmt_create, OrderType desc), but
// ListFlowInstance's page documents neither parameter: the order is checked, not trusted. The walk
// stops at in.Limit only once the answers have shown newest first (two runs of different times in
// that order, none in another); otherwise every page is read and the runs are sorted here
// (newestFirst). A server that answers in its own fixed order (oldest first) shows it on the first
// page of two runs or more.
func (c *Client) ListFlowInstances(ctx context.Context, in ListFlowInstancesInput) ([]FlowInstance, error) {
	size := in.PageSize
	if size <= 0 {
		size = DefaultPageSize
	}
	var all []FlowInstance
	ordered, shown := true, false // no pair out of order; a pair in order
	done := func() []FlowInstance {
		if !ordered {
			slices.SortStableFunc(all, newestFirst)
		}
		if in.Limit > 0 && len(all) > in.Limit {
			all = all[:in.Limit]
		}
		return all
	}
	for n := 1; n <= maxPages; n++ {
		cl := newCall("ListFlowInstance", idempotent).
			set("ProjectId", in.ProjectID).
			opt("FlowId", in.FlowID).
			set("OrderBy", "gmt_create").
			set("OrderType", "desc").
			set("PageNumber", strconv.Itoa(n)).
			set("PageSize", strconv.Itoa(size))
		for i, s := range in.Statuses {
			cl.set("StatusList."+strconv.Itoa(i+1), s)
		}
		var p struct {
			pageInfo
			FlowInstances struct {
				FlowInstance []flowInstanceJSON `json:"FlowInstance"`
			} `json:"FlowInstances"`
		}
		if err := c.do(ctx, cl, &p); err != nil {
			return nil, notFound(err, "project", in.ProjectID)
		}
		got := p.FlowInstances.FlowInstance
		for _, item := range got {
			fi := item.instance()
			fi.ProjectID = cmp.Or(fi.ProjectID, in.ProjectID)
			if len(all) > 0 {
				c := newestFirst(all[len(all)-1], fi)
				ordered, shown = ordered && c <= 0, shown || c < 0
			}
			all = append(all, fi)
		}
		if ordered && shown && in.Limit > 0 && len(all) >= in.Limit {
			return done(), nil
		}
		if int(p.PageSize) > 0 {
			size = int(p.PageSize)
		}
		switch total := int(p.Total); {
		case len(got) == 0, total > 0 && len(all) >= total, total <= 0 && len(got) < size:
			return done(), nil
		}
	}
	return nil, fmt.Errorf("ListFlowInstance: more than %d pages: the answers never end", maxPages)
}

// newestFirst orders runs newest first: by creation time (GmtCreate), else start time, else
// schedule time, whichever the answer gives (runs of the same instant keep the server's order).
func newestFirst(a, b FlowInstance) int {
	return cmp.Compare(runTime(b), runTime(a))
}

func runTime(in FlowInstance) int64 {
	for _, t := range []int64{in.GmtCreate, in.StartTime, in.ScheduleTime} {
		if t > 0 {
			return t
		}
	}
	return 0
}

// logReadLines is the most lines one DescribeFlowNodeInstanceLauncherLog read returns (its page:
// "Lines ... 最大限制为 1000"), and logMaxReads bounds the reads of one log.
const (
	logReadLines = 1000
	logMaxReads  = 100
)

// NodeInstanceLog returns up to the last maxLines lines of a node instance's launcher log
// (DescribeFlowNodeInstanceLauncherLog). Its page gives Start (the offset) and Lines (at most
// 1000) and says when the log ends (LogEnd); the meaning of Reverse is not documented well enough
// to rely on. So the log is read forward from Start 0, a full read at a time, until LogEnd or an
// empty read, keeping the last maxLines lines (0: all); after logMaxReads reads the tail is that
// of what was read.
func (c *Client) NodeInstanceLog(ctx context.Context, projectID, nodeInstanceID string, maxLines int) ([]string, error) {
	var lines []string
	for read, start := 0, 0; read < logMaxReads; read++ {
		cl := newCall("DescribeFlowNodeInstanceLauncherLog", idempotent).
			set("ProjectId", projectID).
			set("NodeInstanceId", nodeInstanceID).
			set("Start", strconv.Itoa(start)).
			set("Lines", strconv.Itoa(logReadLines))
		var raw json.RawMessage
		if err := c.do(ctx, cl, &raw); err != nil {
			return nil, instanceErr(err, "node instance", nodeInstanceID)
		}
		var out struct {
			LogEnd    flexBool `json:"LogEnd"`
			LogEntrys struct {
				LogEntry []struct {
					Content flexString `json:"Content"`
				} `json:"LogEntry"`
			} `json:"LogEntrys"`
		}
		if err := json.Unmarshal(unwrapData(raw), &out); err != nil {
			return nil, fmt.Errorf("%s: decoding the answer: %w", cl.action, err)
		}
		for _, e := range out.LogEntrys.LogEntry {
			lines = append(lines, string(e.Content))
		}
		if maxLines > 0 && len(lines) > maxLines {
			lines = slices.Clone(lines[len(lines)-maxLines:])
		}
		got := len(out.LogEntrys.LogEntry)
		if bool(out.LogEnd) || got == 0 {
			break
		}
		start += got
	}
	return lines, nil
}

// unwrapData returns the "data" object of an answer that has one (the shape of the doc pages'
// samples of DescribeFlowInstance, the log actions, DescribeFlowProject and DescribeFlowCategory;
// Client.do applies it to every answer), or the answer itself.
func unwrapData(raw []byte) []byte {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if json.Unmarshal(raw, &env) == nil {
		if d := bytes.TrimSpace(env.Data); len(d) > 0 && d[0] == '{' {
			return d
		}
	}
	return raw
}

type flowInstanceJSON struct {
	ID            flexString      `json:"Id"`
	ProjectID     flexString      `json:"ProjectId"`
	FlowID        flexString      `json:"FlowId"`
	FlowName      flexString      `json:"FlowName"`
	ClusterID     flexString      `json:"ClusterId"`
	Status        flexString      `json:"Status"`
	HasNodeFailed flexBool        `json:"HasNodeFailed"`
	ScheduleTime  flexInt64       `json:"ScheduleTime"`
	StartTime     flexInt64       `json:"StartTime"`
	EndTime       flexInt64       `json:"EndTime"`
	Duration      flexInt64       `json:"Duration"`
	GmtCreate     flexInt64       `json:"GmtCreate"`
	GmtModified   flexInt64       `json:"GmtModified"`
	Graph         json.RawMessage `json:"Graph"`
	NodeInstance  struct {
		NodeInstance []nodeInstanceJSON `json:"NodeInstance"`
	} `json:"NodeInstance"`
}

type nodeInstanceJSON struct {
	ID             flexString `json:"Id"`
	NodeName       flexString `json:"NodeName"`
	Type           flexString `json:"Type"`
	Status         flexString `json:"Status"`
	JobID          flexString `json:"JobId"`
	JobName        flexString `json:"JobName"`
	JobType        flexString `json:"JobType"`
	FailAct        flexString `json:"FailAct"`
	Retries        flexInt64  `json:"Retries"`
	StartTime      flexInt64  `json:"StartTime"`
	EndTime        flexInt64  `json:"EndTime"`
	Duration       flexInt64  `json:"Duration"`
	Pending        flexBool   `json:"Pending"`
	ExternalID     flexString `json:"ExternalId"`
	ExternalStatus flexString `json:"ExternalStatus"`
	ExternalInfo   flexString `json:"ExternalInfo"`
}

func (j *flowInstanceJSON) instance() FlowInstance {
	in := FlowInstance{
		ID: string(j.ID), ProjectID: string(j.ProjectID), FlowID: string(j.FlowID), FlowName: string(j.FlowName),
		ClusterID: string(j.ClusterID), Status: string(j.Status), HasNodeFailed: bool(j.HasNodeFailed),
		ScheduleTime: int64(j.ScheduleTime), StartTime: int64(j.StartTime), EndTime: int64(j.EndTime),
		Duration: int64(j.Duration), GmtCreate: int64(j.GmtCreate), GmtModified: int64(j.GmtModified),
		Graph: graphText(j.Graph),
	}
	for _, n := range j.NodeInstance.NodeInstance {
		in.Nodes = append(in.Nodes, NodeInstance{
			ID: string(n.ID), NodeName: string(n.NodeName), Type: string(n.Type), Status: string(n.Status),
			JobID: string(n.JobID), JobName: string(n.JobName), JobType: string(n.JobType), FailAct: string(n.FailAct),
			Retries: int64(n.Retries), StartTime: int64(n.StartTime), EndTime: int64(n.EndTime),
			Duration: int64(n.Duration), Pending: bool(n.Pending), ExternalID: string(n.ExternalID),
			ExternalStatus: string(n.ExternalStatus), ExternalInfo: string(n.ExternalInfo),
		})
	}
	return in
}

// graphText reads an instance's Graph, a JSON string in the SDK's type and an object in the
// page's sample answer.
func graphText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
