// Package flowrun holds what runs flows and reads their runs: the emrflow_flow_run action and the
// emrflow_flow_instances data source. This file is the pure part: which progress messages a new
// reading of a run gives, and how a failed run is told to the user.
package flowrun

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// tracker remembers what the user was last told about a run, so that each poll reports only
// what changed.
type tracker struct {
	status string
	nodes  map[string]string // node instance id -> status
}

func newTracker() *tracker { return &tracker{nodes: map[string]string{}} }

// nodeName names a node as the configuration does: its graph node id (a key of graph.nodes),
// with the job's name when it differs.
func nodeName(n emrapi.NodeInstance) string {
	name := n.NodeName
	if n.JobName != "" && n.JobName != name {
		name += " (job " + n.JobName + ")"
	}
	return name
}

// reported tells whether a node's progress is told: JOB nodes, and CLUSTER nodes (a flow on a
// cluster template creates its cluster as a node, DescribeFlowInstance's page); START and END
// take no time and tell the user nothing.
func reported(n emrapi.NodeInstance) bool { return n.Type == "JOB" || n.Type == "CLUSTER" }

// nodeEnded tells whether a node status is final: OK, FAILED, KILLED, KILL_FAILED, and DONE
// ("completed", DescribeFlowNodeInstance's page; it says no more, so it is told as it is and
// counted as done, not as a failure).
func nodeEnded(status string) bool {
	switch status {
	case "OK", "DONE", "FAILED", "KILLED", "KILL_FAILED":
		return true
	}
	return false
}

// nodeRunning tells whether a node status is one of a node at work (DescribeFlowNodeInstance's
// page: SUBMITTING, RUNNING, START_RETRY).
func nodeRunning(status string) bool {
	return status == "RUNNING" || status == "SUBMITTING" || status == "START_RETRY"
}

// event is one progress message with the time it tells of (ms since the epoch; unknownTime
// when the answer gave none) and whether it is an end (ends come before starts at the same time:
// a node starts when the one before it has ended).
type event struct {
	at    int64
	node  string // node instance id: a node's own start stays before its end
	isEnd bool
	msg   string
}

const unknownTime = math.MaxInt64

func at(ms int64) int64 {
	if ms <= 0 {
		return unknownTime
	}
	return ms
}

// endTime is when a node ended: EndTime, or StartTime + Duration when only those are given.
func endTime(n emrapi.NodeInstance) int64 {
	if n.EndTime > 0 {
		return n.EndTime
	}
	if n.StartTime > 0 {
		return n.StartTime + n.Duration
	}
	return unknownTime
}

// update returns the progress messages of a new reading: what each reported node did since the
// last reading, in the order it happened (the nodes' own start and end times; the API lists
// nodes in its own order), then the run's own status when it changed. A node that started and
// ended between two readings is told to have done both.
func (t *tracker) update(in *emrapi.FlowInstance) []string {
	var events []event
	for _, n := range in.Nodes {
		prev, seen := t.nodes[n.ID]
		if !reported(n) || (seen && prev == n.Status) {
			continue
		}
		t.nodes[n.ID] = n.Status
		switch {
		case n.Status == "PREP":
			// Every node starts PREP; saying so adds nothing.
		case nodeEnded(n.Status):
			if !seen || !nodeRunning(prev) { // started since the last reading (or rerun since its last end)
				events = append(events, event{at: at(n.StartTime), node: n.ID, msg: fmt.Sprintf("node %s: RUNNING", nodeName(n))})
			}
			msg := fmt.Sprintf("node %s: %s after %s", nodeName(n), n.Status, ms(n.Duration))
			if n.ExternalInfo != "" && (n.Status == "FAILED" || strings.HasPrefix(n.Status, "KILL")) {
				msg += ": " + firstLine(n.ExternalInfo)
			}
			events = append(events, event{at: endTime(n), node: n.ID, isEnd: true, msg: msg})
		default:
			events = append(events, event{at: at(n.StartTime), node: n.ID, msg: fmt.Sprintf("node %s: %s", nodeName(n), n.Status)})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int {
		if a.at != b.at {
			return cmp.Compare(a.at, b.at)
		}
		switch {
		case a.node == b.node:
			return 0
		case a.isEnd && !b.isEnd:
			return -1
		case b.isEnd && !a.isEnd:
			return 1
		}
		return 0
	})
	var msgs []string
	for _, e := range events {
		msgs = append(msgs, e.msg)
	}
	if in.Status != t.status {
		t.status = in.Status
		done, total := countDone(in)
		msgs = append(msgs, fmt.Sprintf("run %s: %s (%d of %d job nodes done)", in.ID, in.Status, done, total))
	}
	return msgs
}

// runClass is what a run's status means to a waiting action.
type runClass int

const (
	runOngoing runClass = iota
	runSucceeded
	runFailed
	runUnknown
)

// statusClass classifies a run status. PREP, RUNNING and SUSPENDED go on (a suspended run waits
// for ResumeFlow); SUCCEEDED ends well; FAILED and KILLED end badly. Any other status is none of
// those ListFlowInstance's page lists: the action does not guess whether it is final (polling on
// would end only at the timeout, 30 minutes by default), it stops waiting and names it.
func statusClass(status string) runClass {
	switch status {
	case emrapi.InstancePrep, emrapi.InstanceRunning, emrapi.InstanceSuspended:
		return runOngoing
	case emrapi.InstanceSucceeded:
		return runSucceeded
	case emrapi.InstanceFailed, emrapi.InstanceKilled:
		return runFailed
	}
	return runUnknown
}

// unknownStatusDetail tells the user about a run status the provider does not know.
func unknownStatusDetail(in *emrapi.FlowInstance, flowID string) string {
	return fmt.Sprintf("Run %s of flow %s reports status %q, which is none of %s (ListFlowInstance's documentation), "+
		"so the provider cannot tell whether it has ended. It stopped waiting; the run was not stopped: look at it "+
		"with the emrflow_flow_instances data source or in the console. Where it stands: %s.",
		in.ID, flowID, in.Status, strings.Join(emrapi.InstanceStatuses(), ", "), runningSummary(in))
}

func countDone(in *emrapi.FlowInstance) (done, total int) {
	for _, n := range in.Nodes {
		if n.Type != "JOB" {
			continue
		}
		total++
		if n.Status == "OK" || n.Status == "DONE" {
			done++
		}
	}
	return done, total
}

// failedNodes are the nodes that made a run fail: FAILED or KILLED ones (KILL_FAILED too).
func failedNodes(in *emrapi.FlowInstance) []emrapi.NodeInstance {
	var out []emrapi.NodeInstance
	for _, n := range in.Nodes {
		if n.Status == "FAILED" || strings.HasPrefix(n.Status, "KILL") {
			out = append(out, n)
		}
	}
	return out
}

// notRun lists the JOB nodes that never ran (behind a failure, or stopped with the run).
func notRun(in *emrapi.FlowInstance) []string {
	var out []string
	for _, n := range in.Nodes {
		if n.Type == "JOB" && (n.Status == "PREP" || n.Status == "") {
			out = append(out, n.NodeName)
		}
	}
	return out
}

// failureDetail tells what failed in a run: each failed node with its error and the tail of its
// log, then the nodes that did not run. logs maps node instance ids to log tails (missing when
// the log could not be read).
func failureDetail(in *emrapi.FlowInstance, flowID string, logs map[string][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s of flow %s ended %s after %s.", in.ID, flowID, in.Status, ms(in.Duration))
	failed := failedNodes(in)
	if len(failed) == 0 {
		b.WriteString("\nNo node reported a failure.")
	}
	for _, n := range failed {
		fmt.Fprintf(&b, "\n\nNode %s: %s", nodeName(n), n.Status)
		if n.JobID != "" {
			fmt.Fprintf(&b, " (%s %s, node instance %s", n.JobType, n.JobID, n.ID)
			if n.Retries > 0 {
				fmt.Fprintf(&b, ", %d retries", n.Retries)
			}
			b.WriteString(")")
		}
		if n.ExternalInfo != "" {
			fmt.Fprintf(&b, "\n  error: %s", n.ExternalInfo)
		}
		if lines := logs[n.ID]; len(lines) > 0 {
			b.WriteString("\n  last log lines:")
			for _, l := range lines {
				b.WriteString("\n    " + l)
			}
		}
	}
	if skipped := notRun(in); len(skipped) > 0 {
		fmt.Fprintf(&b, "\n\nNot run: %s.", strings.Join(skipped, ", "))
	}
	return b.String()
}

// failureVerdict is the error of a failed run in one paragraph: the run, how it ended, and each
// failed node with the first line of its error. failureDetail, told as progress just before,
// has the rest.
func failureVerdict(in *emrapi.FlowInstance, flowID string) string {
	var nodes []string
	for _, n := range failedNodes(in) {
		node := fmt.Sprintf("node %s %s", nodeName(n), n.Status)
		if n.ExternalInfo != "" {
			node += ": " + firstLine(n.ExternalInfo)
		}
		nodes = append(nodes, node)
	}
	if len(nodes) == 0 {
		nodes = append(nodes, "no node reported a failure")
	}
	return fmt.Sprintf("Run %s of flow %s ended %s after %s (%s). The report above names each failed node "+
		"with its error and the last lines of its log.", in.ID, flowID, in.Status, ms(in.Duration), strings.Join(nodes, "; "))
}

// inRunOrder returns a run's nodes in the order they ran, whatever order the API lists them in:
// by start time, the nodes that have not started last; at the same time (START takes none) START,
// then CLUSTER and JOB nodes, then END; then by node name.
func inRunOrder(nodes []emrapi.NodeInstance) []emrapi.NodeInstance {
	rank := map[string]int{"START": 0, "CLUSTER": 1, "JOB": 2, "END": 3}
	out := slices.Clone(nodes)
	slices.SortStableFunc(out, func(a, b emrapi.NodeInstance) int {
		return cmp.Or(cmp.Compare(at(a.StartTime), at(b.StartTime)), cmp.Compare(rank[a.Type], rank[b.Type]),
			cmp.Compare(a.NodeName, b.NodeName))
	})
	return out
}

// runningSummary tells where an unfinished run stands: its status and each JOB node's.
func runningSummary(in *emrapi.FlowInstance) string {
	var parts []string
	for _, n := range in.Nodes {
		if n.Type == "JOB" {
			parts = append(parts, n.NodeName+" "+n.Status)
		}
	}
	slices.Sort(parts)
	return fmt.Sprintf("run %s is %s (nodes: %s)", in.ID, in.Status, strings.Join(parts, ", "))
}

func ms(v int64) string {
	return (time.Duration(v) * time.Millisecond).Round(100 * time.Millisecond).String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
