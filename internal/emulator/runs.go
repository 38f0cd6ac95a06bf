package emulator

// Runs of flows: SubmitFlow, StartFlow, SuspendFlow, ResumeFlow, RerunFlow, KillFlowJob and the
// instance reads, over a deterministic simulation of the DAG on the emulator's clock.
//
// Sources: the pages of DescribeFlowInstance, ListFlowInstance, DescribeFlowNodeInstance,
// ListFlowNodeInstance, SuspendFlow, ResumeFlow, KillFlowJob and
// DescribeFlowNodeInstanceLauncherLog in reference/api/; the console guide "Edit a workflow"
// (suspend lets running nodes finish and starts no new one; rerun runs the failed nodes or all
// from START); the SDK's types for SubmitFlow, StartFlow and RerunFlow, which have no page.
// EMULATOR.md ("Runs") lists what the emulator decided where the sources are silent.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Flow instance statuses (ListFlowInstance's page).
const (
	instPrep      = "PREP"
	instRunning   = "RUNNING"
	instSucceeded = "SUCCEEDED"
	instFailed    = "FAILED"
	instKilled    = "KILLED"
	instSuspended = "SUSPENDED"
)

// Node instance statuses (DescribeFlowNodeInstance's page); the emulator uses these five of nine.
const (
	nodePrep    = "PREP"
	nodeRunning = "RUNNING"
	nodeOK      = "OK"
	nodeFailed  = "FAILED"
	nodeKilled  = "KILLED"
)

// Markers a job's Params may carry to steer the simulation (EMULATOR.md, "Runs").
const (
	// FailMarker makes a job node fail. Text after "EMRFLOW_EMULATOR_FAIL:" up to the end of the
	// line becomes the failure's message.
	FailMarker = "EMRFLOW_EMULATOR_FAIL"
	// DurationMarker, as EMRFLOW_EMULATOR_DURATION=<Go duration>, sets the job node's run time.
	DurationMarker = "EMRFLOW_EMULATOR_DURATION"
)

// DefaultNodeDuration is how long a JOB node runs when Config.NodeDuration is 0.
const DefaultNodeDuration = time.Second

var (
	failMessagePattern = regexp.MustCompile(FailMarker + `:[ \t]*([^\r\n]*)`)
	durationPattern    = regexp.MustCompile(DurationMarker + `=([0-9][0-9a-zµ.]*)`)
	statusListKey      = regexp.MustCompile(`^StatusList\.([1-9][0-9]{0,2})$`)
)

// runCheck is a condition a flow must meet to run (SubmitFlow, StartFlow, RerunFlow and the
// scheduler). A family that adds such a condition (the association of the flow's cluster with
// its project: without one the emulator refuses to run the flow, not to create it) registers it
// from an init function of its own file: runChecks = append(runChecks, theirCheck).
type runCheck func(s *Server, st *state, f *flow) *apiError

var runChecks = []runCheck{checkRunCluster, checkRunAssociated}

// checkRunCluster refuses to run a flow whose cluster is no longer one the emulator knows.
func checkRunCluster(s *Server, _ *state, f *flow) *apiError {
	return s.checkCluster(f.ClusterID, f.CreateCluster)
}

// checkRunAssociated refuses to run a flow on a cluster that no cluster setting associates with
// its project: "After creating a new project, you need to associate it with a cluster so that the
// workflow in the project can run on it" (console guide, "Manage a workflow project"). The pages
// are silent on what the API answers, so the message is the emulator's. A flow that creates its
// cluster from a template (CT-) is not checked: that cluster exists only for the run. It reads
// the state directly (the caller holds the lock that clusterAssociated would take).
func checkRunAssociated(_ *Server, st *state, f *flow) *apiError {
	if f.CreateCluster || st.ClusterSettings[settingKey(f.ProjectID, f.ClusterID)] != nil {
		return nil
	}
	return flowError("Cluster is not associated with the project [%s]", f.ClusterID)
}

// runSettings are the simulation's knobs (Config.NodeDuration, StartDelay, ClockRate).
type runSettings struct {
	nodeDuration time.Duration
	startDelay   time.Duration
	clockRate    float64
	epoch        time.Time // where an accelerated clock starts
}

func newRunSettings(cfg Config, now time.Time) (runSettings, error) {
	rs := runSettings{nodeDuration: cfg.NodeDuration, startDelay: cfg.StartDelay, clockRate: cfg.ClockRate, epoch: now}
	if rs.nodeDuration == 0 {
		rs.nodeDuration = DefaultNodeDuration
	}
	if rs.clockRate == 0 {
		rs.clockRate = 1
	}
	switch {
	case rs.nodeDuration < 0:
		return rs, fmt.Errorf("node duration %s: must not be negative", rs.nodeDuration)
	case rs.startDelay < 0:
		return rs, fmt.Errorf("start delay %s: must not be negative", rs.startDelay)
	case rs.clockRate < 0 || rs.clockRate > 1e6:
		return rs, fmt.Errorf("clock rate %g: want 0 < rate <= 1000000", rs.clockRate)
	}
	return rs, nil
}

// runClock maps the emulator's clock onto the runs' clock: the same, or faster by ClockRate from
// the moment the server started. Signatures are always checked against the unaccelerated clock.
func (rs runSettings) runClock(now time.Time) int64 {
	if rs.clockRate == 1 {
		return now.UnixMilli()
	}
	elapsed := float64(now.Sub(rs.epoch)) * rs.clockRate
	return rs.epoch.Add(time.Duration(elapsed)).UnixMilli()
}

// flowInstance is one run of a flow. The graph and the jobs are snapshots taken at submit time:
// editing the flow afterwards does not change a run.
type flowInstance struct {
	ID            string          `json:"id"`
	Seq           int64           `json:"seq"`
	ProjectID     string          `json:"projectId"`
	FlowID        string          `json:"flowId"`
	FlowName      string          `json:"flowName"`
	ClusterID     string          `json:"clusterId"`
	CronExpr      string          `json:"cronExpr,omitempty"`
	Graph         string          `json:"graph,omitempty"`
	Conf          string          `json:"conf,omitempty"`
	Status        string          `json:"status"`
	Halted        bool            `json:"halted,omitempty"` // a STOP failure or a kill: no new node starts
	HasNodeFailed bool            `json:"hasNodeFailed,omitempty"`
	ScheduleTime  int64           `json:"scheduleTime,omitempty"`
	StartAt       int64           `json:"startAt"` // a PREP instance starts then
	StartTime     int64           `json:"startTime,omitempty"`
	EndTime       int64           `json:"endTime,omitempty"`
	Clock         int64           `json:"clock"` // the simulation has run up to here
	GmtCreate     int64           `json:"gmtCreate"`
	GmtModified   int64           `json:"gmtModified"`
	Nodes         []*nodeInstance `json:"nodes"`
}

// nodeInstance is one node of a run.
type nodeInstance struct {
	ID             string   `json:"id"`
	NodeName       string   `json:"nodeName"` // the graph node's id
	Label          string   `json:"label,omitempty"`
	Type           string   `json:"type"` // START, END or JOB
	Upstream       []string `json:"upstream,omitempty"`
	JobID          string   `json:"jobId,omitempty"`
	JobName        string   `json:"jobName,omitempty"`
	JobType        string   `json:"jobType,omitempty"`
	JobParams      string   `json:"jobParams,omitempty"`
	ParamConf      string   `json:"paramConf,omitempty"`
	EnvConf        string   `json:"envConf,omitempty"`
	RunConf        string   `json:"runConf,omitempty"`
	Mode           string   `json:"mode,omitempty"`
	FailAct        string   `json:"failAct"`
	MaxRetry       int64    `json:"maxRetry,omitempty"`
	RetryInterval  int64    `json:"retryInterval,omitempty"`
	HostName       string   `json:"hostName,omitempty"`
	Fails          bool     `json:"fails,omitempty"` // the planned outcome
	FailReason     string   `json:"failReason,omitempty"`
	AttemptMs      int64    `json:"attemptMs"` // run time of one attempt
	Status         string   `json:"status"`
	Retries        int      `json:"retries,omitempty"`
	StartTime      int64    `json:"startTime,omitempty"`
	EndTime        int64    `json:"endTime,omitempty"`
	EndAt          int64    `json:"endAt,omitempty"` // planned end of a running node
	ExternalID     string   `json:"externalId,omitempty"`
	ExternalStatus string   `json:"externalStatus,omitempty"`
	ExternalInfo   string   `json:"externalInfo,omitempty"`
	Log            []string `json:"log,omitempty"`
	GmtCreate      int64    `json:"gmtCreate"`
	GmtModified    int64    `json:"gmtModified"`
}

func (n *nodeInstance) finished() bool {
	return n.Status == nodeOK || n.Status == nodeFailed || n.Status == nodeKilled
}

func (in *flowInstance) finished() bool {
	return in.Status == instSucceeded || in.Status == instFailed || in.Status == instKilled
}

// runGraph is what the simulation reads of a stored graph: nodes and edges, tolerant of shapes
// the console writes (numbers as strings, missing fields).
type runGraph struct {
	Nodes []struct {
		ID        string `json:"id"`
		Label     string `json:"label"`
		Attribute struct {
			Type    string `json:"type"`
			JobID   string `json:"jobId"`
			JobType string `json:"jobType"`
		} `json:"attribute"`
		Config struct {
			HostName string `json:"hostName"`
		} `json:"config"`
	} `json:"nodes"`
	Edges []struct {
		Source string `json:"source"`
		Target string `json:"target"`
	} `json:"edges"`
}

// newInstance plans a run of f at time at (run clock, ms): one node instance per graph node, in
// the graph's order, with the jobs' settings copied.
func (s *Server) newInstance(st *state, f *flow, at int64, conf string) (*flowInstance, *apiError) {
	var g runGraph
	if f.Graph != "" {
		if err := json.Unmarshal([]byte(f.Graph), &g); err != nil {
			return nil, flowError("Flow graph cannot be read [%s]", f.ID)
		}
	}
	if len(g.Nodes) == 0 {
		return nil, flowError("Flow has no nodes to run [%s]", f.ID)
	}
	in := &flowInstance{
		ID: st.newID("FI-"), Seq: st.nextSeq(), ProjectID: f.ProjectID, FlowID: f.ID, FlowName: f.Name,
		ClusterID: f.ClusterID, CronExpr: f.CronExpr, Graph: f.Graph, Conf: conf, Status: instPrep,
		StartAt: at + s.runs.startDelay.Milliseconds(), GmtCreate: at, GmtModified: at,
	}
	upstream := map[string][]string{}
	for _, e := range g.Edges {
		upstream[e.Target] = append(upstream[e.Target], e.Source)
	}
	seen := map[string]bool{}
	for _, gn := range g.Nodes {
		if gn.ID == "" || seen[gn.ID] {
			return nil, flowError("Flow graph has a node without a unique id [%s]", f.ID)
		}
		seen[gn.ID] = true
		typ := gn.Attribute.Type
		if typ == "" {
			typ = "JOB"
		}
		n := &nodeInstance{
			ID: st.newID("FNI-"), NodeName: gn.ID, Label: gn.Label, Type: typ, Upstream: upstream[gn.ID],
			JobID: gn.Attribute.JobID, JobType: gn.Attribute.JobType, FailAct: "STOP", Status: nodePrep,
			HostName: firstNonEmpty(gn.Config.HostName, f.HostName), GmtCreate: at, GmtModified: at,
		}
		if typ == "JOB" {
			s.planJob(st, f, n)
		}
		in.Nodes = append(in.Nodes, n)
	}
	return in, nil
}

// planJob copies the job's settings into a JOB node and decides its outcome and run time.
func (s *Server) planJob(st *state, f *flow, n *nodeInstance) {
	n.AttemptMs = s.runs.nodeDuration.Milliseconds()
	j := st.Jobs[n.JobID]
	if j == nil || j.ProjectID != f.ProjectID {
		n.Fails, n.FailReason = true, fmt.Sprintf("Job does not exist [%s]", n.JobID)
		n.AttemptMs = 0
		return
	}
	n.JobName, n.JobParams, n.ParamConf, n.EnvConf, n.RunConf, n.Mode =
		j.Name, j.Params, j.ParamConf, j.EnvConf, j.RunConf, j.Mode
	if n.JobType == "" {
		n.JobType = j.Type
	}
	if j.FailAct != "" {
		n.FailAct = j.FailAct
	}
	n.MaxRetry, n.RetryInterval = j.MaxRetry, j.RetryInterval
	if m := durationPattern.FindStringSubmatch(j.Params); m != nil {
		if d, err := time.ParseDuration(m[1]); err == nil && d >= 0 {
			n.AttemptMs = d.Milliseconds()
		}
	}
	if strings.Contains(j.Params, FailMarker) {
		n.Fails = true
		n.FailReason = "the job's params carry the emulator's failure marker " + FailMarker
		if m := failMessagePattern.FindStringSubmatch(j.Params); m != nil && strings.TrimSpace(m[1]) != "" {
			n.FailReason = strings.TrimSpace(m[1])
		}
	}
}

// advance runs the simulation of one instance up to now (run clock, ms) and reports whether
// anything changed. Events are handled in time order: nodes start when all their upstream nodes
// are OK (START and END take no time), a JOB node ends after its run time (times the attempts when
// it fails with retries), and the instance ends once nothing runs or can start.
func (in *flowInstance) advance(now int64) bool {
	changed := false
	if in.Status == instPrep {
		if in.StartAt > now {
			return false
		}
		in.Status, in.StartTime, in.Clock, in.GmtModified = instRunning, in.StartAt, in.StartAt, in.StartAt
		changed = true
	}
	byName := make(map[string]*nodeInstance, len(in.Nodes))
	for _, n := range in.Nodes {
		byName[n.NodeName] = n
	}
	for in.Status == instRunning || in.Status == instSuspended {
		t := in.Clock
		if in.Status == instRunning && !in.Halted {
			for _, n := range in.Nodes {
				if n.Status == nodePrep && in.ready(n, byName) {
					n.start(in, t)
					changed = true
				}
			}
		}
		next, running := int64(-1), false
		for _, n := range in.Nodes {
			if n.Status == nodeRunning {
				if !running || n.EndAt < next {
					next = n.EndAt
				}
				running = true
			}
		}
		if !running {
			if in.Status == instSuspended {
				return changed
			}
			in.finish(t)
			return true
		}
		if next > now {
			return changed
		}
		in.Clock = next
		for _, n := range in.Nodes {
			if n.Status == nodeRunning && n.EndAt == next {
				n.complete(in, next)
			}
		}
		changed = true
	}
	return changed
}

// ready tells whether every upstream node of n is done in a way that lets n run: OK, or FAILED
// with the CONTINUE policy ("skip", DescribeFlowInstance's FailAct).
func (in *flowInstance) ready(n *nodeInstance, byName map[string]*nodeInstance) bool {
	for _, up := range n.Upstream {
		u := byName[up]
		if u == nil {
			continue // an edge from a node that does not exist constrains nothing
		}
		if u.Status != nodeOK && (u.Status != nodeFailed || u.FailAct != "CONTINUE") {
			return false
		}
	}
	return true
}

func (n *nodeInstance) start(in *flowInstance, t int64) {
	n.Status, n.StartTime, n.GmtModified = nodeRunning, t, t
	n.EndAt = t
	if n.Type != "JOB" {
		return
	}
	attempts := int64(1)
	if n.Fails {
		attempts += n.MaxRetry
	}
	n.EndAt = t + attempts*n.AttemptMs + (attempts-1)*n.RetryInterval*1000
	n.ExternalID = fmt.Sprintf("application_%d_%04d", in.GmtCreate, in.Seq%10000)
	n.ExternalStatus = "RUNNING"
	n.Log = append(n.Log, logLine(t, "INFO", "[LocalJobLauncherAM] launching %s job %q (%s) on %s", n.JobType, n.JobName, n.JobID, in.ClusterID))
	if n.JobParams != "" {
		n.Log = append(n.Log, logLine(t, "INFO", "job params: %s", firstLine(n.JobParams)))
	}
}

func (n *nodeInstance) complete(in *flowInstance, t int64) {
	n.EndTime, n.GmtModified, n.EndAt = t, t, 0
	if !n.Fails {
		n.Status = nodeOK
		if n.Type == "JOB" {
			n.ExternalStatus = "SUCCESS"
			n.Log = append(n.Log, logLine(t, "INFO", "job finished with exit code 0"))
		}
		return
	}
	n.Status, n.ExternalStatus, n.ExternalInfo = nodeFailed, "FAIL", n.FailReason
	for i := int64(0); i < n.MaxRetry; i++ {
		n.Log = append(n.Log, logLine(t, "WARN", "attempt %d of %d failed: %s; retrying in %ds", i+1, n.MaxRetry+1, n.FailReason, n.RetryInterval))
	}
	n.Retries = int(n.MaxRetry)
	n.Log = append(n.Log, logLine(t, "ERROR", "job failed: %s", n.FailReason), logLine(t, "ERROR", "job finished with exit code 1"))
	in.HasNodeFailed = true
	if n.FailAct != "CONTINUE" {
		in.Halted = true // STOP: the flow stops; nodes already running finish
	}
}

// finish ends the instance: KILLED when a node was killed, FAILED when a node failed with STOP or
// a node never became ready (a cycle, a node behind a failure), SUCCEEDED otherwise (CONTINUE
// failures included: HasNodeFailed tells them).
func (in *flowInstance) finish(t int64) {
	status := instSucceeded
	for _, n := range in.Nodes {
		switch {
		case n.Status == nodeKilled:
			status = instKilled
		case status != instKilled && (n.Status == nodePrep || (n.Status == nodeFailed && n.FailAct != "CONTINUE")):
			status = instFailed
		}
	}
	in.Status, in.EndTime, in.GmtModified = status, t, t
}

func logLine(ms int64, level, format string, args ...any) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05,000") + " " + level + " " + fmt.Sprintf(format, args...)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// advanceRuns brings every instance (and the schedules) up to the run clock. It takes the write
// lock, and writes the data file only when something changed, so that reads stay cheap.
func (s *Server) advanceRuns(now time.Time) *apiError {
	t := s.runs.runClock(now)
	s.mu.Lock()
	changed := s.st.advanceAll(s, t)
	if !changed {
		s.mu.Unlock()
		return nil
	}
	return s.commitAndUnlock()
}

// runNow brings every run up to the call's time and returns the run clock then: a run action
// sees (and changes) the runs as they are at its call.
func (s *Server) runNow(c *call) (int64, *apiError) {
	if aerr := s.advanceRuns(c.now); aerr != nil {
		return 0, aerr
	}
	return s.runs.runClock(c.now), nil
}

func (st *state) advanceAll(s *Server, t int64) bool {
	changed := st.schedule(s, t)
	for _, in := range st.Instances {
		if !in.finished() && in.advance(t) {
			changed = true
		}
	}
	return changed
}

// instanceOf returns a flow instance of the project: the project is checked first.
func instanceOf(st *state, c *call, projectID, id string) (*flowInstance, *apiError) {
	return inProject(st, c, projectID, st.Instances[id], func(in *flowInstance) string { return in.ProjectID }, errInstanceNotFound(id))
}

// nodeInstanceOf finds a node instance of the project by id.
func nodeInstanceOf(st *state, c *call, projectID, id string) (*flowInstance, *nodeInstance, *apiError) {
	if _, err := projectOf(st, c, projectID); err != nil {
		return nil, nil, err
	}
	for _, in := range st.Instances {
		if in.ProjectID != projectID {
			continue
		}
		for _, n := range in.Nodes {
			if n.ID == id {
				return in, n, nil
			}
		}
	}
	return nil, nil, errInstanceNotFound(id)
}

// errInstanceNotFound is the message DescribeFlowNodeInstanceLauncherLog's page shows for a
// missing instance id; the emulator answers it for flow and node instances alike.
func errInstanceNotFound(id string) *apiError {
	return flowError("flow instance does not exist [%s]", id)
}

func (s *Server) checkRunnable(st *state, f *flow) *apiError {
	for _, check := range runChecks {
		if err := check(s, st, f); err != nil {
			return err
		}
	}
	return nil
}

// submitResponse is SubmitFlow's answer. The SDK's type has InstanceId, Id and Data; which one
// the service fills is not documented. The emulator fills Data, as the other run actions answer
// in Data, and clients must read whichever is set.
type submitResponse struct {
	RequestID string `json:"RequestId"`
	Data      string `json:"Data"`
}

func (s *Server) submitFlow(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("ProjectId", "FlowId"); err != nil {
		return nil, err
	}
	conf, _, aerr := p.optJSON("Conf")
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.advanceRuns(c.now); aerr != nil {
		return nil, aerr
	}
	var id string
	aerr = s.update(func(st *state) *apiError {
		f, err := flowOf(st, c, p.get("ProjectId"), p.get("FlowId"))
		if err != nil {
			return err
		}
		if err := s.checkRunnable(st, f); err != nil {
			return err
		}
		in, err := s.newInstance(st, f, s.runs.runClock(c.now), conf)
		if err != nil {
			return err
		}
		in.advance(s.runs.runClock(c.now))
		st.Instances[in.ID] = in
		id = in.ID
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	return submitResponse{RequestID: c.requestID, Data: id}, nil
}

// changeInstance runs one of the control actions on an instance, after bringing it up to now.
func (s *Server) changeInstance(c *call, fn func(st *state, in *flowInstance, now int64) *apiError) (any, *apiError) {
	p := c.p
	if err := p.requireAll("FlowInstanceId", "ProjectId"); err != nil {
		return nil, err
	}
	now, aerr := s.runNow(c)
	if aerr != nil {
		return nil, aerr
	}
	return s.updateRun(c, now, func(st *state) (*flowInstance, *apiError) {
		in, err := instanceOf(st, c, p.get("ProjectId"), p.get("FlowInstanceId"))
		if err != nil {
			return nil, err
		}
		return in, fn(st, in, now)
	})
}

// updateRun changes a run under the write lock: change finds the instance and changes it (or
// refuses), and the instance, modified at now, then runs on up to now. The answer is Data: true.
func (s *Server) updateRun(c *call, now int64, change func(st *state) (*flowInstance, *apiError)) (any, *apiError) {
	return s.updateAnswer(c, func(st *state) *apiError {
		in, err := change(st)
		if err != nil {
			return err
		}
		in.GmtModified = now
		in.advance(now)
		return nil
	})
}

func errInstanceStatus(in *flowInstance, want string) *apiError {
	return flowError("Flow instance status is %s, expected %s [%s]", in.Status, want, in.ID)
}

// startFlow starts a PREP instance now (instances wait in PREP for Config.StartDelay).
func (s *Server) startFlow(c *call) (any, *apiError) {
	return s.changeInstance(c, func(st *state, in *flowInstance, now int64) *apiError {
		if in.Status != instPrep {
			return errInstanceStatus(in, instPrep)
		}
		if f := st.Flows[in.FlowID]; f != nil {
			if err := s.checkRunnable(st, f); err != nil {
				return err
			}
		}
		in.StartAt = now
		return nil
	})
}

// suspendFlow: running nodes finish, no new node starts (console guide, "Edit a workflow").
func (s *Server) suspendFlow(c *call) (any, *apiError) {
	return s.changeInstance(c, func(_ *state, in *flowInstance, _ int64) *apiError {
		if in.Status != instRunning {
			return errInstanceStatus(in, instRunning)
		}
		in.Status = instSuspended
		return nil
	})
}

func (s *Server) resumeFlow(c *call) (any, *apiError) {
	return s.changeInstance(c, func(_ *state, in *flowInstance, now int64) *apiError {
		if in.Status != instSuspended {
			return errInstanceStatus(in, instSuspended)
		}
		in.Status = instRunning
		in.Clock = max(in.Clock, now)
		return nil
	})
}

// rerunFlow runs a finished instance again, in place (RerunFlow answers no new id): the failed
// and unfinished nodes with ReRunFail=true, every node from START otherwise.
func (s *Server) rerunFlow(c *call) (any, *apiError) {
	failedOnly, _, aerr := c.p.optBool("ReRunFail")
	if aerr != nil {
		return nil, aerr
	}
	return s.changeInstance(c, func(st *state, in *flowInstance, now int64) *apiError {
		if !in.finished() {
			return errInstanceStatus(in, "SUCCEEDED, FAILED or KILLED")
		}
		if f := st.Flows[in.FlowID]; f != nil {
			if err := s.checkRunnable(st, f); err != nil {
				return err
			}
		}
		for _, n := range in.Nodes {
			if failedOnly && n.Status == nodeOK {
				continue
			}
			n.Status, n.StartTime, n.EndTime, n.EndAt, n.Retries = nodePrep, 0, 0, 0, 0
			n.ExternalStatus, n.ExternalInfo, n.GmtModified = "", "", now
			n.Log = append(n.Log, logLine(now, "INFO", "node reset by RerunFlow"))
		}
		in.Status, in.Halted, in.HasNodeFailed = instRunning, false, false
		in.StartTime, in.EndTime, in.Clock = now, 0, now
		return nil
	})
}

// killFlowJob kills a running node instance (KillFlowJob's JobInstanceId is a node instance id,
// its page says). The instance then starts no new node and ends KILLED.
func (s *Server) killFlowJob(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("JobInstanceId", "ProjectId"); err != nil {
		return nil, err
	}
	now, aerr := s.runNow(c)
	if aerr != nil {
		return nil, aerr
	}
	return s.updateRun(c, now, func(st *state) (*flowInstance, *apiError) {
		in, n, err := nodeInstanceOf(st, c, p.get("ProjectId"), p.get("JobInstanceId"))
		if err != nil {
			return nil, err
		}
		if n.Status != nodeRunning {
			return nil, flowError("Node instance status is %s, expected RUNNING [%s]", n.Status, n.ID)
		}
		n.Status, n.ExternalStatus, n.EndTime, n.EndAt, n.GmtModified = nodeKilled, "KILL_SUCCESS", now, 0, now
		n.Log = append(n.Log, logLine(now, "WARN", "job killed by KillFlowJob"))
		in.Halted = true
		return in, nil
	})
}

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

func (s *Server) listFlowInstances(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("ProjectId"); err != nil {
		return nil, err
	}
	pg, aerr := p.paging()
	if aerr != nil {
		return nil, aerr
	}
	statuses, aerr := p.statusList(instPrep, instRunning, instSucceeded, instFailed, instKilled, instSuspended)
	if aerr != nil {
		return nil, aerr
	}
	by, asc, aerr := p.ordering()
	if aerr != nil {
		return nil, aerr
	}
	now, aerr := s.runNow(c)
	if aerr != nil {
		return nil, aerr
	}
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
				nodeID != "" && !in.hasNode(nodeID):
				continue
			}
			match = append(match, in)
		}
		sortInstances(match, by, asc)
		resp.pageResponse = newPageResponse(c, pg, len(match))
		resp.FlowInstances.FlowInstance = []flowInstanceItem{}
		for _, in := range pageOf(pg, match) {
			resp.FlowInstances.FlowInstance = append(resp.FlowInstances.FlowInstance, in.item(now))
		}
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
	p := c.p
	if err := p.requireAll("Id", "ProjectId"); err != nil {
		return nil, err
	}
	now, aerr := s.runNow(c)
	if aerr != nil {
		return nil, aerr
	}
	return describeInProject(s, c, byID(instanceOf), func(st *state, in *flowInstance) describeFlowInstanceResponse {
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
	if err := p.requireAll("Id", "ProjectId"); err != nil {
		return nil, err
	}
	now, aerr := s.runNow(c)
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
	if err := p.requireAll("ProjectId"); err != nil {
		return nil, err
	}
	pg, aerr := p.paging()
	if aerr != nil {
		return nil, aerr
	}
	statuses, aerr := p.statusList(nodePrep, "SUBMITTING", nodeRunning, "DONE", nodeOK, nodeFailed, nodeKilled, "KILL_FAILED", "START_RETRY")
	if aerr != nil {
		return nil, aerr
	}
	since, _, aerr := p.optInt("StartTime")
	if aerr != nil {
		return nil, aerr
	}
	by, asc, aerr := p.ordering()
	if aerr != nil {
		return nil, aerr
	}
	now, aerr := s.runNow(c)
	if aerr != nil {
		return nil, aerr
	}
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
		resp.pageResponse = newPageResponse(c, pg, len(match))
		resp.FlowNodeInstances.FlowNodeInstance = []nodeInstanceJSON{}
		for _, x := range pageOf(pg, match) {
			resp.FlowNodeInstances.FlowNodeInstance = append(resp.FlowNodeInstances.FlowNodeInstance, x.n.json(x.in, now))
		}
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

// addRunActions registers the run actions in the action table.
func addRunActions(add func(name string, mutating bool, run func(*Server, *call) (any, *apiError))) {
	add("SubmitFlow", true, (*Server).submitFlow)
	add("StartFlow", true, (*Server).startFlow)
	add("SuspendFlow", true, (*Server).suspendFlow)
	add("ResumeFlow", true, (*Server).resumeFlow)
	add("RerunFlow", true, (*Server).rerunFlow)
	add("KillFlowJob", true, (*Server).killFlowJob)
	add("ListFlowInstance", false, (*Server).listFlowInstances)
	add("DescribeFlowInstance", false, (*Server).describeFlowInstance)
	add("ListFlowNodeInstance", false, (*Server).listFlowNodeInstances)
	add("DescribeFlowNodeInstance", false, (*Server).describeFlowNodeInstance)
	add("DescribeFlowNodeInstanceLauncherLog", false, (*Server).describeLauncherLog)
}

// instanceIDUsed guards flow instance ids. Node instance ids (FNI-) are not looked up: scanning
// every node of every run for each new node would make big graphs quadratic, and 64 random bits
// do not collide at an emulator's scale.
func (st *state) instanceIDUsed(id string) bool {
	_, ok := st.Instances[id]
	return ok
}

// checkInstances makes sure loaded runs are consistent (called by state.check).
func (st *state) checkInstances() error {
	if st.Instances == nil {
		st.Instances = map[string]*flowInstance{}
	}
	if st.Schedules == nil {
		st.Schedules = map[string]int64{}
	}
	for id, in := range st.Instances {
		if in == nil || in.ID != id || !strings.HasPrefix(id, "FI-") {
			return fmt.Errorf("flow instance %q: bad record", id)
		}
		for _, n := range in.Nodes {
			if n == nil || !strings.HasPrefix(n.ID, "FNI-") {
				return fmt.Errorf("flow instance %q: bad node instance", id)
			}
		}
	}
	return nil
}
