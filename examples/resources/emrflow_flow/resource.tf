# The workflow of the CreateFlowForWeb document: START -> fail_job (a shell job) -> END, run every
# hour, with alerts on failure and success.

resource "emrflow_project" "demo" {
  name        = "my_project_demo"
  description = "The project of the demo workflow"
}

resource "emrflow_job" "fail_job" {
  project_id  = emrflow_project.demo.id
  name        = "fail_job"
  type        = "SHELL"
  description = "A shell job that fails, to show the alerts"
  params      = "exit 1"
}

resource "emrflow_flow" "demo" {
  project_id     = emrflow_project.demo.id
  name           = "my_flow_demo"
  description    = "This is the description of a workflow"
  cluster_id     = "C-0000000000000001" # a cluster of the region; this one is seeded in the emulator
  cron_expr      = "0 0 0-23/1 * * ?"   # every hour (Quartz: seconds first, "?" for day-of-week)
  start_schedule = 1538017814000        # milliseconds since the Unix epoch
  end_schedule   = 1538018814000
  host_name      = "emr-header-1.cluster-123456"

  # The DAG: nodes keyed by node id, each naming the nodes it runs after. Nodes without x and y
  # are placed by the auto-layout at plan time; these keep the positions of the console's drawing.
  graph {
    nodes = {
      "48d474ea" = { type = "START", x = 500, y = 250 }
      "7ba480b3" = {
        type       = "JOB"
        label      = "fail_job"
        job_id     = emrflow_job.fail_job.id
        job_type   = emrflow_job.fail_job.type
        x          = 470.5
        y          = 398.5
        depends_on = ["48d474ea"]
      }
      "33202d60" = { type = "END", x = 430.5, y = 562.5, depends_on = ["7ba480b3"] }
    }
  }

  # One alert block per event; their order makes no difference.
  alert {
    event_id           = "EMR-210401001" # the flow failed
    user_group_ids     = ["AUG-b79bb29bb6e14ddd89674a242623851b"]
    dingding_group_ids = ["ADG-af1f9689d6194e2dbd89927d5c515172"]
  }
  alert {
    event_id           = "EMR-110401015" # a node failed
    user_group_ids     = ["AUG-b79bb29bb6e14ddd89674a242623851b"]
    dingding_group_ids = ["ADG-af1f9689d6194e2dbd89927d5c515172"]
  }
  alert {
    event_id           = "EMR-110401002" # the flow succeeded
    user_group_ids     = ["AUG-b79bb29bb6e14ddd89674a242623851b"]
    dingding_group_ids = ["ADG-af1f9689d6194e2dbd89927d5c515172"]
  }
}
