# Run a flow once and wait for it, reporting each job node as it starts and ends:
#   terraform apply -invoke=action.emrflow_flow_run.smoke
action "emrflow_flow_run" "smoke" {
  config {
    project_id = emrflow_project.etl.id
    flow_id    = emrflow_flow.daily.id
    timeout    = "20m"
  }
}

# Or smoke-run the flow each time it is created or changed, in the same apply.
resource "emrflow_flow" "daily" {
  project_id  = emrflow_project.etl.id
  name        = "daily"
  description = "daily load"
  cluster_id  = "C-0000000000000001"

  # graph { ... }

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.emrflow_flow_run.smoke]
    }
  }
}

# Start a run without waiting for it.
action "emrflow_flow_run" "kick_off" {
  config {
    project_id          = emrflow_project.etl.id
    flow_id             = emrflow_flow.daily.id
    wait_for_completion = false
  }
}
