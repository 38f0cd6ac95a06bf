# A smoke run after every deploy (Terraform 1.16 and later, for on_failure): each apply that
# creates or changes the flow runs it once and waits. A failed run fails the apply (halt), so the
# pipeline that deploys goes red, and what depends on the flow is not applied.
resource "emrflow_project" "smoke" {
  name        = "smoke"
  description = "Flows smoke-run after each deploy"
}

# A flow runs only on a cluster associated with its project.
resource "emrflow_project_cluster_setting" "smoke" {
  project_id = emrflow_project.smoke.id
  cluster_id = "C-0000000000000001" # seeded in the emulator
}

resource "emrflow_job" "load" {
  project_id  = emrflow_project.smoke.id
  name        = "load"
  type        = "SHELL"
  description = "loads the day's orders"
  params      = "echo load"
}

resource "emrflow_flow" "daily" {
  depends_on  = [emrflow_project_cluster_setting.smoke]
  project_id  = emrflow_project.smoke.id
  name        = "daily"
  description = "daily load"
  cluster_id  = emrflow_project_cluster_setting.smoke.cluster_id

  graph {
    nodes = {
      start = { type = "START" }
      load = {
        type       = "JOB"
        job_id     = emrflow_job.load.id
        job_type   = emrflow_job.load.type
        depends_on = ["start"]
      }
      end = { type = "END", depends_on = ["load"] }
    }
  }

  lifecycle {
    action_trigger {
      events     = [after_create, after_update]
      actions    = [action.emrflow_flow_run.smoke]
      on_failure = halt # the default, written out; see "When the run fails" for taint and continue
    }
  }
}

# caller is the flow that triggers the run (Terraform 1.16; 1.14 and 1.15 name it
# emrflow_flow.daily, which 1.16 warns about as a "Reference to triggering resource").
action "emrflow_flow_run" "smoke" {
  config {
    project_id = caller.project_id
    flow_id    = caller.id
    timeout    = "20m"
  }
}
