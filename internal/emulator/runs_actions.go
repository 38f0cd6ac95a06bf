package emulator

// The run actions that start or change runs: SubmitFlow, and the control actions (StartFlow,
// SuspendFlow, ResumeFlow, RerunFlow, KillFlowJob) over one table of status transitions.

// submitResponse is SubmitFlow's answer. The SDK's type has InstanceId, Id and Data; which one
// the service fills is not documented. The emulator fills Data, as the other run actions answer
// in Data, and clients must read whichever is set.
// Under SwitchAsyncRuns it answers the id in Id only, and the run stays unknown to the reads for
// asyncRunDelay.
type submitResponse struct {
	RequestID string `json:"RequestId"`
	Data      string `json:"Data,omitempty"`
	ID        string `json:"Id,omitempty"`
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
		if s.switches.on(SwitchAsyncRuns) {
			in.VisibleAt = s.runs.runClock(c.now) + asyncRunDelay.Milliseconds()
		}
		putRecord(st, recInstance, st.Instances, in.ID, in)
		id = in.ID
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	if s.switches.on(SwitchAsyncRuns) {
		return submitResponse{RequestID: c.requestID, ID: id}, nil
	}
	return submitResponse{RequestID: c.requestID, Data: id}, nil
}

// instanceChange is one control action on a whole run: the statuses it accepts, what it does,
// and whether the flow must still be runnable (its cluster known and associated).
type instanceChange struct {
	from     []string // accepted instance statuses
	want     string   // how the refusal names them
	runnable bool
	apply    func(in *flowInstance, at changeAt)
}

// instanceChanges are the control actions on runs, by action name. Sources: the console guide
// "Edit a workflow" (suspend lets running nodes finish and starts no new one; rerun runs the
// failed nodes or all from START) and the SDK's request types.
var instanceChanges = map[string]instanceChange{
	// StartFlow starts a PREP instance now (instances wait in PREP for Config.StartDelay).
	"StartFlow": {from: []string{instPrep}, want: instPrep, runnable: true,
		apply: func(in *flowInstance, at changeAt) { in.StartAt = at.now }},
	"SuspendFlow": {from: []string{instRunning}, want: instRunning,
		apply: func(in *flowInstance, _ changeAt) { in.Status = instSuspended }},
	"ResumeFlow": {from: []string{instSuspended}, want: instSuspended,
		apply: func(in *flowInstance, at changeAt) { in.Status, in.Clock = instRunning, max(in.Clock, at.now) }},
	// RerunFlow runs a finished instance again, in place (it answers no new id).
	"RerunFlow": {from: []string{instSucceeded, instFailed, instKilled}, want: "SUCCEEDED, FAILED or KILLED", runnable: true,
		apply: func(in *flowInstance, at changeAt) {
			if at.async {
				in.PendingRerun = &pendingRerun{At: at.now + asyncRunDelay.Milliseconds(), FailedOnly: at.failedOnly}
				return
			}
			in.rerun(at.now, at.failedOnly, at.replan)
		}},
}

// rerun resets the nodes to run again, the failed and unfinished ones when failedOnly, every one
// from START otherwise, and sets the instance running. replan reads each reset JOB node's job
// again: a rerun runs the jobs as they are now (the console's way to recover: fix the job, rerun
// the failed nodes), on the graph the run was submitted with.
func (in *flowInstance) rerun(now int64, failedOnly bool, replan func(*nodeInstance)) {
	for _, n := range in.Nodes {
		if failedOnly && n.Status == nodeOK {
			continue
		}
		if n.Type == "JOB" {
			replan(n)
		}
		n.Status, n.StartTime, n.EndTime, n.EndAt, n.Retries = nodePrep, 0, 0, 0, 0
		n.ExternalStatus, n.ExternalInfo, n.GmtModified = "", "", now
		n.Log = append(n.Log, logLine(now, "INFO", "node reset by RerunFlow"))
	}
	in.Status, in.Halted, in.HasNodeFailed = instRunning, false, false
	in.StartTime, in.EndTime, in.Clock = now, 0, now
}

// changeAt is what a change is applied with: the run clock (ms), RerunFlow's ReRunFail, whether
// SwitchAsyncRuns is on (a rerun then shows only asyncRunDelay later), and replan (rerun).
type changeAt struct {
	now        int64
	failedOnly bool
	async      bool
	replan     func(*nodeInstance)
}

// replanner returns the function that reads a node's job again for a rerun of in.
func (s *Server) replanner(st *state, in *flowInstance) func(*nodeInstance) {
	return func(n *nodeInstance) {
		f := st.Flows[in.FlowID]
		if f == nil {
			return // the flow is gone: the node runs as it was planned
		}
		n.Fails, n.FailReason = false, ""
		s.planJob(st, f, n)
	}
}

// controlAction is the handler of the named action of instanceChanges.
func controlAction(name string) func(*Server, *call) (any, *apiError) {
	change := instanceChanges[name]
	return func(s *Server, c *call) (any, *apiError) { return s.changeInstance(c, change) }
}

// changeInstance runs a control action on an instance, after bringing it up to now.
func (s *Server) changeInstance(c *call, change instanceChange) (any, *apiError) {
	p := c.p
	if err := p.requireAll("FlowInstanceId", "ProjectId"); err != nil {
		return nil, err
	}
	failedOnly, _, aerr := p.optBool("ReRunFail")
	if aerr != nil {
		return nil, aerr
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
		if !contains(change.from, in.Status) {
			return nil, errInstanceStatus(in, change.want)
		}
		if f := st.Flows[in.FlowID]; f != nil && change.runnable {
			if err := s.checkRunnable(st, f); err != nil {
				return nil, err
			}
		}
		change.apply(in, changeAt{now: now, failedOnly: failedOnly, async: s.switches.on(SwitchAsyncRuns), replan: s.replanner(st, in)})
		return in, nil
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
		st.touch(recInstance, in.ID)
		return nil
	})
}

func errInstanceStatus(in *flowInstance, want string) *apiError {
	return flowError("Flow instance status is %s, expected %s [%s]", in.Status, want, in.ID)
}

// killFlowJob kills a running node instance (KillFlowJob's JobInstanceId is a node instance id,
// its page says). The instance then starts no new node and ends KILLED.
func (s *Server) killFlowJob(c *call) (any, *apiError) {
	p := c.p
	now, aerr := s.requiredNow(c, "JobInstanceId", "ProjectId")
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
