// Package flowrun holds what runs flows and reads their runs: the emrflow_flow_run action and the
// emrflow_flow_instances data source. This file is the pure part: which progress messages a new
// reading of a run gives, and how a failed run is told to the user.
package flowrun

import (
	"fmt"
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

// update returns the progress messages of a new reading: one per JOB node whose status changed,
// in the run's order, then the run's own status when it changed. START and END nodes are not
// reported: they take no time and tell the user nothing.
func (t *tracker) update(in *emrapi.FlowInstance) []string {
	var msgs []string
	for _, n := range in.Nodes {
		if n.Type != "JOB" || t.nodes[n.ID] == n.Status {
			continue
		}
		t.nodes[n.ID] = n.Status
		switch n.Status {
		case "RUNNING":
			msgs = append(msgs, fmt.Sprintf("node %s: RUNNING", nodeName(n)))
		case "OK":
			msgs = append(msgs, fmt.Sprintf("node %s: OK after %s", nodeName(n), ms(n.Duration)))
		case "FAILED", "KILLED":
			msg := fmt.Sprintf("node %s: %s after %s", nodeName(n), n.Status, ms(n.Duration))
			if n.ExternalInfo != "" {
				msg += ": " + firstLine(n.ExternalInfo)
			}
			msgs = append(msgs, msg)
		case "PREP":
			// Every node starts PREP; saying so adds nothing.
		default:
			msgs = append(msgs, fmt.Sprintf("node %s: %s", nodeName(n), n.Status))
		}
	}
	if in.Status != t.status {
		t.status = in.Status
		done, total := countDone(in)
		msgs = append(msgs, fmt.Sprintf("run %s: %s (%d of %d job nodes done)", in.ID, in.Status, done, total))
	}
	return msgs
}

func countDone(in *emrapi.FlowInstance) (done, total int) {
	for _, n := range in.Nodes {
		if n.Type != "JOB" {
			continue
		}
		total++
		if n.Status == "OK" {
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
