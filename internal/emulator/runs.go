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
	"fmt"
	"regexp"
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
	StartAt       int64           `json:"startAt"`                // a PREP instance starts then
	VisibleAt     int64           `json:"visibleAt,omitempty"`    // the reads know it from then (SwitchAsyncRuns)
	PendingRerun  *pendingRerun   `json:"pendingRerun,omitempty"` // a RerunFlow that shows later (SwitchAsyncRuns)
	StartTime     int64           `json:"startTime,omitempty"`
	EndTime       int64           `json:"endTime,omitempty"`
	Clock         int64           `json:"clock"` // the simulation has run up to here
	GmtCreate     int64           `json:"gmtCreate"`
	GmtModified   int64           `json:"gmtModified"`
	Nodes         []*nodeInstance `json:"nodes"`
}

// pendingRerun is a RerunFlow accepted under SwitchAsyncRuns: the run shows its previous end until
// At (run clock, ms), and is rerun then.
type pendingRerun struct {
	At         int64 `json:"at"`
	FailedOnly bool  `json:"failedOnly,omitempty"`
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

// asyncRunDelay is how long a new run stays unknown to the reads under SwitchAsyncRuns.
const asyncRunDelay = 2 * time.Second

// visible tells whether the reads know the instance at now (run clock, ms).
func (in *flowInstance) visible(now int64) bool { return now >= in.VisibleAt }

// visibleInstanceOf is instanceOf for DescribeFlowInstance: a run not yet visible is not found.
func (s *Server) visibleInstanceOf(st *state, c *call, projectID, id string) (*flowInstance, *apiError) {
	in, err := instanceOf(st, c, projectID, id)
	if err == nil && !in.visible(s.runs.runClock(c.now)) {
		return nil, errInstanceNotFound(id)
	}
	return in, err
}

// errFlowRunning refuses to delete a flow while one of its runs is PREP or RUNNING (a SUSPENDED
// run does not hold the flow). The console guide says a running workflow cannot be deleted; no
// page gives the message, so it is the emulator's, and clients must not depend on it.
func (st *state) errFlowRunning(f *flow) *apiError {
	for _, in := range st.Instances {
		if in.FlowID == f.ID && (in.Status == instPrep || in.Status == instRunning) {
			return flowError("Flow is running and cannot be deleted [%s]: instance %s is %s", f.ID, in.ID, in.Status)
		}
	}
	return nil
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

// addRunActions registers the run actions in the action table.
func addRunActions(add func(name string, mutating bool, run func(*Server, *call) (any, *apiError))) {
	add("SubmitFlow", true, (*Server).submitFlow)
	add("StartFlow", true, controlAction("StartFlow"))
	add("SuspendFlow", true, controlAction("SuspendFlow"))
	add("ResumeFlow", true, controlAction("ResumeFlow"))
	add("RerunFlow", true, controlAction("RerunFlow"))
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
