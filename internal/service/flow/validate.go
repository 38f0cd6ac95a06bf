package flow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// validateFlowConfig returns one diagnostic per broken rule, each on the attribute at fault and
// saying what would be valid. Unknown values are skipped: they are checked once known.
func validateFlowConfig(ctx context.Context, cfg *flowModel) diag.Diagnostics {
	var diags diag.Diagnostics
	validateCluster(cfg, &diags)
	validateSchedule(cfg, &diags)
	validateAlerts(ctx, cfg, &diags)
	validateGraph(cfg, &diags)
	return diags
}

// validateCluster: a cluster template (CT-) exactly when create_cluster is true.
func validateCluster(cfg *flowModel, diags *diag.Diagnostics) {
	if !flex.Known(cfg.ClusterID) || cfg.CreateCluster.IsUnknown() {
		if flex.Known(cfg.ClusterID) && !validate.HasIDPrefix(cfg.ClusterID.ValueString(), validate.ClusterPrefix, validate.ClusterTemplatePrefix) {
			diags.AddAttributeError(path.Root("cluster_id"), "Invalid cluster id",
				fmt.Sprintf(`cluster_id must be a cluster id ("C-…") or, with create_cluster = true, a cluster template id ("CT-…"); got %q.`, cfg.ClusterID.ValueString()))
		}
		return
	}
	id := cfg.ClusterID.ValueString()
	if cfg.CreateCluster.ValueBool() {
		if !validate.HasIDPrefix(id, validate.ClusterTemplatePrefix) {
			diags.AddAttributeError(path.Root("cluster_id"), "Invalid cluster id",
				fmt.Sprintf(`With create_cluster = true, cluster_id must be a cluster template id starting with "CT-" (e.g. "CT-0000000000000001"), got %q. To run on an existing cluster ("C-…"), set create_cluster = false.`, id))
		}
		return
	}
	if !validate.HasIDPrefix(id, validate.ClusterPrefix) {
		diags.AddAttributeError(path.Root("cluster_id"), "Invalid cluster id",
			fmt.Sprintf(`cluster_id must be an existing cluster's id starting with "C-" (e.g. "C-A23BD131A862"), got %q. To create a cluster from a template ("CT-…") for each run, set create_cluster = true.`, id))
	}
}

// validateSchedule: start_schedule with cron_expr, start before end, scheduling needs a cron.
func validateSchedule(cfg *flowModel, diags *diag.Diagnostics) {
	if flex.Known(cfg.CronExpr) && cfg.StartSchedule.IsNull() {
		diags.AddAttributeError(path.Root("start_schedule"), "Missing start_schedule",
			"start_schedule is required when cron_expr is set: give the time scheduling starts, in milliseconds since the Unix epoch (e.g. 1538017814000).")
	}
	if flex.Known(cfg.StartSchedule) && flex.Known(cfg.EndSchedule) && cfg.StartSchedule.ValueInt64() >= cfg.EndSchedule.ValueInt64() {
		diags.AddAttributeError(path.Root("start_schedule"), "Invalid schedule",
			fmt.Sprintf("start_schedule (%d) must be lower than end_schedule (%d): scheduling starts before it ends.",
				cfg.StartSchedule.ValueInt64(), cfg.EndSchedule.ValueInt64()))
	}
	if flex.Known(cfg.Status) && cfg.Status.ValueString() == statusScheduled && cfg.CronExpr.IsNull() {
		diags.AddAttributeError(path.Root("status"), "Flow cannot be scheduled",
			`status = "UNDER_SCHEDULE" needs cron_expr: only a flow with a schedule can be scheduled. Set cron_expr and start_schedule, or use status = "STOP_SCHEDULE".`)
	}
}

// validateAlerts: one alert block per event.
func validateAlerts(ctx context.Context, cfg *flowModel, diags *diag.Diagnostics) {
	if !flex.Known(cfg.Alerts) {
		return
	}
	var alerts []alertModel
	if d := cfg.Alerts.ElementsAs(ctx, &alerts, false); d.HasError() {
		diags.Append(d...)
		return
	}
	seen := map[string]bool{}
	for i, a := range alerts {
		if !flex.Known(a.EventID) {
			continue
		}
		id := a.EventID.ValueString()
		if seen[id] {
			diags.AddAttributeError(path.Root("alert").AtSetValue(cfg.Alerts.Elements()[i]).AtName("event_id"), "Duplicate alert event",
				fmt.Sprintf("Two alert blocks have event_id %q; give one alert block per event and list all its groups there.", id))
		}
		seen[id] = true
	}
}

// validateGraph: graph xor graph_json, and the graph's own rules (graph.ValidateKeyed) on the
// attribute at fault: graph.nodes["<id>"].<attribute>.
func validateGraph(cfg *flowModel, diags *diag.Diagnostics) {
	if !cfg.Graph.IsNull() && !cfg.GraphJSON.IsNull() {
		diags.AddAttributeError(path.Root("graph_json"), "Conflicting graph definitions",
			"graph and graph_json both define the flow's DAG; keep one: the typed graph block, or the console's raw JSON in graph_json.")
		return
	}

	if flex.Known(cfg.GraphJSON) {
		doc := []byte(cfg.GraphJSON.ValueString())
		if !json.Valid(doc) {
			return // reported by the attribute's type (jsontypes.Normalized)
		}
		g, err := graph.Decode(doc)
		if err != nil {
			diags.AddAttributeError(path.Root("graph_json"), "Invalid graph",
				fmt.Sprintf(`graph_json is not a flow graph: %s. Expected the console's JSON: {"nodes":[{"id":…,"attribute":{"type":"START"|"END"|"JOB","jobId":…,"jobType":…}}, …],"edges":[{"source":…,"target":…}, …]}.`, err))
			return
		}
		for _, is := range graph.Validate(g) {
			diags.AddAttributeError(path.Root("graph_json"), "Invalid graph", fmt.Sprintf("graph_json %s: %s.", jsonIssuePath(is), is.Message))
		}
		return
	}

	if !cfg.Graph.IsNull() && !cfg.Graph.IsUnknown() && cfg.Graph.Attributes()["nodes"].IsNull() {
		diags.AddAttributeError(path.Root("graph").AtName("nodes"), "Missing graph nodes",
			`A graph block needs its nodes: graph { nodes = { start = { type = "START" }, ... } }. To have no graph, remove the block.`)
		return
	}
	cg := expandGraph(cfg.Graph)
	if cg == nil || cg.StructureUnknown {
		return
	}
	issues := graph.ValidateKeyed(cg.Graph)
	if len(issues) == 0 {
		warnUnreachable(cg.Graph, diags)
	}
	for _, is := range issues {
		p := path.Root("graph").AtName("nodes")
		if is.Node >= 0 {
			id := cg.Graph.Nodes[is.Node].ID
			if cg.Unknown[nodeField{id, is.Field}] {
				continue // about a value not known yet
			}
			p = nodePath(id)
			if is.Field != "" && is.Field != "id" {
				p = p.AtName(is.Field)
			}
		}
		// The detail starts with the path: Terraform (1.11) shows the source of a diagnostic
		// only down to an attribute of a block and one index into it, so for a node's attribute
		// it points at the graph block, and the text must say which node and attribute it is.
		diags.AddAttributeError(p, "Invalid graph", p.String()+": "+is.Message+".")
	}
}

// warnUnreachable warns about JOB nodes that no dependency chain joins to START, or to an END.
// A warning, not an error: the API takes such a graph, and neither its pages nor the console
// guide say what the scheduler does with it (it may well run a node without dependencies at the
// start), so refusing it would refuse graphs the console makes; but it is most often a forgotten
// depends_on, and the plan should say so.
func warnUnreachable(g *graph.Graph, diags *diag.Diagnostics) {
	for _, i := range graph.NotAfterStart(g) {
		p := nodePath(g.Nodes[i].ID).AtName("depends_on")
		diags.AddAttributeWarning(p, "JOB node not after START",
			p.String()+": no chain of depends_on leads from the START node to this JOB node, so the flow may never run it. "+
				"Add the node it runs after (or \"start\") to its depends_on.")
	}
	for _, i := range graph.NotBeforeEnd(g) {
		p := nodePath(g.Nodes[i].ID).AtName("depends_on")
		diags.AddAttributeWarning(p, "JOB node not before an END",
			p.String()+": no END node depends, directly or through other nodes, on this JOB node, so the flow may end "+
				"before it does. Add it to the depends_on of an END node, or of a node before one.")
	}
}

// nodePath is the path of one node of the graph block: graph.nodes["<id>"].
func nodePath(id string) path.Path {
	return path.Root("graph").AtName("nodes").AtMapKey(id)
}

// jsonIssuePath names the place of an issue in the console JSON ("nodes[2]", "edges[0]").
func jsonIssuePath(is graph.Issue) string {
	switch {
	case is.Node >= 0:
		return fmt.Sprintf("nodes[%d]", is.Node)
	case is.Edge >= 0:
		return fmt.Sprintf("edges[%d]", is.Edge)
	default:
		return "graph"
	}
}

// jobNodeIssue is a JOB node whose job_id or job_type does not agree with the project's jobs.
type jobNodeIssue struct {
	Node    int    // index of the node in the graph
	Field   string // "job_id" or "job_type"
	Message string // a sentence (or two) saying what is wrong and what to set
}

// checkJobNodes compares the JOB nodes of g with the jobs of a project (job id → job type) and
// returns one issue per node that names a job the project does not have, or that gives another
// type than the job's. The API itself accepts both and the flow then fails at run time, so they
// are caught before the flow is written. The graph's own rules (a job_id on every JOB node, a
// known job type) are graph.Validate's, at plan time; nodes missing a job_id are skipped here.
// jsonKeys names the fields as the console JSON spells them (jobId, jobType), for graph_json.
func checkJobNodes(g *graph.Graph, projectID string, jobs map[string]string, jsonKeys bool) []jobNodeIssue {
	setType := func(t string) string { return fmt.Sprintf("job_type = %q", t) }
	if jsonKeys {
		setType = func(t string) string { return fmt.Sprintf(`"jobType": %q`, t) }
	}
	var issues []jobNodeIssue
	for i, n := range g.Nodes {
		if n.Type != graph.NodeJob || n.JobID == "" {
			continue
		}
		actualType, ok := jobs[n.JobID]
		switch {
		case !ok:
			issues = append(issues, jobNodeIssue{Node: i, Field: "job_id", Message: fmt.Sprintf(
				"node %q runs job %s, which does not exist in project %s. Use the id of a job of that project "+
					"(e.g. emrflow_job.<name>.id, which also orders the job's creation before the flow's).",
				n.ID, n.JobID, projectID)})
		case n.JobType != actualType:
			issues = append(issues, jobNodeIssue{Node: i, Field: "job_type", Message: fmt.Sprintf(
				"node %q says job_type %q but job %s is of type %q. Set %s on the node (e.g. from "+
					"emrflow_job.<name>.type), or point it at a job of type %q.",
				n.ID, n.JobType, n.JobID, actualType, setType(actualType), n.JobType)})
		}
	}
	return issues
}

// hasJobNodes reports whether g has a JOB node with a job_id, i.e. whether checkJobNodes has
// anything to check (and the project's jobs need to be listed).
func hasJobNodes(g *graph.Graph) bool {
	for _, n := range g.Nodes {
		if n.Type == graph.NodeJob && n.JobID != "" {
			return true
		}
	}
	return false
}

// checkJobs checks the JOB nodes of the graph about to be written (in.Graph, from the graph
// block or graph_json) against the project's jobs, and returns an error on each node whose job_id
// is not a job of the project or whose job_type is not its job's. The API accepts such a graph and
// the flow fails only when it runs. A graph without JOB nodes costs no call; the project's job
// list (ListFlowJob) is shared by all the flows of the client (ProjectJobTypes caches it until
// this client writes a job of the project).
func checkJobs(ctx context.Context, api flowAPI, plan *flowModel, in emrapi.FlowInput) diag.Diagnostics {
	var diags diag.Diagnostics
	if strings.TrimSpace(in.Graph) == "" {
		return diags
	}
	g, err := graph.Decode([]byte(in.Graph))
	if err != nil || !hasJobNodes(g) {
		return diags // an undecodable graph_json was reported at plan time
	}
	jobs, err := api.ProjectJobTypes(ctx, in.ProjectID)
	if err != nil {
		diags.AddError("Cannot check the jobs of the flow's graph",
			framework.ErrorDetail(err, "The flow's JOB nodes are checked against the project's jobs before the flow is written; nothing was written."))
		return diags
	}
	// A job may be missing from the list: created by someone else after it was cached, or created
	// earlier in the same apply while the real API's list lags behind its writes. Ask for the few
	// missing ones directly before calling them missing. (jobs is our own copy.)
	for _, n := range g.Nodes {
		if n.Type != graph.NodeJob || n.JobID == "" {
			continue
		}
		if _, listed := jobs[n.JobID]; listed {
			continue
		}
		j, err := api.DescribeJob(ctx, in.ProjectID, n.JobID)
		switch {
		case err == nil:
			jobs[j.ID] = j.Type
		case !emrapi.IsNotFound(err):
			diags.AddError("Cannot check the jobs of the flow's graph",
				framework.ErrorDetail(err, "The flow's JOB nodes are checked against the project's jobs before the flow is written; nothing was written."))
			return diags
		}
	}
	usesJSON := plan.Graph.IsNull()
	for _, is := range checkJobNodes(g, in.ProjectID, jobs, usesJSON) {
		summary := "Job not found in the project"
		if is.Field == "job_type" {
			summary = "Job type does not match the job"
		}
		if usesJSON {
			diags.AddAttributeError(path.Root("graph_json"), summary, fmt.Sprintf("graph_json nodes[%d]: %s", is.Node, is.Message))
			continue
		}
		diags.AddAttributeError(nodePath(g.Nodes[is.Node].ID).AtName(is.Field), summary, is.Message)
	}
	return diags
}
