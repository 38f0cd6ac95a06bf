# After fixing the job that made the flow's latest run fail, rerun the nodes that did not
# succeed, and wait for them:
#   terraform apply -invoke=action.emrflow_flow_rerun.retry_failed
action "emrflow_flow_rerun" "retry_failed" {
  config {
    project_id = emrflow_project.etl.id
    flow_id    = emrflow_flow.daily.id
    timeout    = "20m"
  }
}

# Rerun a given run from its start node, without waiting for it.
action "emrflow_flow_rerun" "from_start" {
  config {
    project_id          = emrflow_project.etl.id
    flow_id             = emrflow_flow.daily.id
    instance_id         = "FI-0123456789ABCDEF"
    failed_only         = false
    wait_for_completion = false
  }
}
