# Look up a flow that another workspace (or the console) manages, by name within its project
# (or by id), for instance to depend on it.
data "emrflow_project" "etl" {
  name = "etl"
}

data "emrflow_flow" "ingest" {
  project_id = data.emrflow_project.etl.id
  name       = "daily_ingest"
}

resource "emrflow_flow" "report" {
  project_id      = data.emrflow_project.etl.id
  name            = "daily_report"
  description     = "Runs after the daily ingest"
  cluster_id      = data.emrflow_flow.ingest.cluster_id
  parent_flow_ids = [data.emrflow_flow.ingest.id]
}

output "ingest_schedule" {
  value = {
    cron_expr = data.emrflow_flow.ingest.cron_expr
    status    = data.emrflow_flow.ingest.status
  }
}

# The graph as the console stores it, decoded (graph_json is null for a flow without a graph).
output "ingest_job_ids" {
  value = [for n in try(jsondecode(data.emrflow_flow.ingest.graph_json).nodes, []) : n.attribute.jobId if n.attribute.type == "JOB"]
}
