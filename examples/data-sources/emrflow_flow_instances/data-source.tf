# The last five runs of a flow, newest first, with their nodes' statuses.
data "emrflow_flow_instances" "recent" {
  project_id  = emrflow_project.etl.id
  flow_id     = emrflow_flow.daily.id
  max_results = 5
}

# Only the failed runs.
data "emrflow_flow_instances" "failed" {
  project_id = emrflow_project.etl.id
  flow_id    = emrflow_flow.daily.id
  status     = "FAILED"
}

output "last_run_status" {
  value = try(data.emrflow_flow_instances.recent.instances[0].status, "never run")
}

output "failed_nodes" {
  value = flatten([
    for run in data.emrflow_flow_instances.failed.instances : [
      for node in run.nodes : "${run.id} ${node.node_name}: ${node.external_info}" if node.status == "FAILED"
    ]
  ])
}
