package emulator

// The run simulation: a run planned from its flow at submit time, then advanced event by event on
// the run clock whenever an action looks at the runs.

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// newInstance plans a run of f at time at (run clock, ms): one node instance per graph node, in
// the graph's order, with the jobs' settings copied.
func (s *Server) newInstance(st *state, f *flow, at int64, conf string) (*flowInstance, *apiError) {
	var g storedGraph
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
	// A failed job's log is longer than one read of DescribeFlowNodeInstanceLauncherLog (1000
	// lines at most): its end, where the error is, is reached only by reading on.
	for i := range failedLogLines {
		n.Log = append(n.Log, logLine(t, "INFO", "job output line %d", i+1))
	}
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

// failedLogLines is how many lines of output a failing job writes before its error.
const failedLogLines = 1200

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

// requiredNow checks that a run action has its required parameters, then brings the runs up to
// the call's time (runNow), which it returns.
func (s *Server) requiredNow(c *call, names ...string) (int64, *apiError) {
	if err := c.p.requireAll(names...); err != nil {
		return 0, err
	}
	return s.runNow(c)
}

func (st *state) advanceAll(s *Server, t int64) bool {
	changed := st.schedule(s, t)
	for _, in := range st.Instances {
		if r := in.PendingRerun; r != nil && r.At <= t {
			in.PendingRerun = nil
			in.rerun(r.At, r.FailedOnly, s.replanner(st, in))
			st.touch(recInstance, in.ID)
			changed = true
		}
		if !in.finished() && in.advance(t) {
			st.touch(recInstance, in.ID)
			changed = true
		}
	}
	return changed
}
