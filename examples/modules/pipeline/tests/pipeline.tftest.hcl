# terraform test suite of the pipeline module. It runs against whatever endpoint the provider is
# pointed at: `make module-test` starts the local emulator and sets EMRFLOW_ENDPOINT and the keys
# (see templates/guides/testing-modules.md.tmpl). Runs share one state, in order; the apply runs
# create real objects, destroyed at the end.

provider "emrflow" {}

variables {
  environment = "mt"
  cluster_id  = "C-0000000000000001"
  cron_expr   = "0 0 2 * * ?"
}

run "plan_derives_names_from_environment" {
  command = plan

  assert {
    condition     = emrflow_project.this.name == "mt-etl"
    error_message = "the project is not named after the environment"
  }
  assert {
    condition     = emrflow_category.jobs.type == "JOB" && emrflow_category.flows.type == "FLOW"
    error_message = "the folders have the wrong types"
  }
  assert {
    condition     = toset([for job in emrflow_job.this : job.name]) == toset(["mt-extract", "mt-transform", "mt-load"])
    error_message = "the jobs are not named after the environment"
  }
  assert {
    condition = (
      emrflow_job.this["extract"].type == "SHELL" &&
      emrflow_job.this["transform"].type == "SPARK_SQL" &&
      emrflow_job.this["load"].type == "HIVE_SQL"
    )
    error_message = "the jobs have the wrong types"
  }
  assert {
    condition     = emrflow_flow.daily.name == "mt-daily-etl" && emrflow_flow.daily.cluster_id == "C-0000000000000001"
    error_message = "the flow's name or cluster is wrong"
  }
  assert {
    condition     = length(emrflow_flow.daily.alert) == 0
    error_message = "no alert is expected without alert groups"
  }
}

run "apply_creates_the_pipeline" {
  assert {
    condition     = startswith(output.project_id, "FP-") && startswith(output.flow_id, "F-")
    error_message = "the project or flow id has the wrong prefix"
  }
  assert {
    condition     = length(output.job_ids) == 3 && alltrue([for id in values(output.job_ids) : startswith(id, "FJ-")])
    error_message = "expected three jobs with FJ- ids"
  }
  assert {
    condition     = alltrue([for id in values(output.category_ids) : startswith(id, "FC-")])
    error_message = "the folder ids have the wrong prefix"
  }
  assert {
    condition = alltrue([
      for job in emrflow_job.this : job.parent_category_id == output.category_ids.jobs && job.project_id == output.project_id
    ])
    error_message = "the jobs are not in the project's JOB folder"
  }
  assert {
    condition     = emrflow_flow.daily.parent_category_id == output.category_ids.flows
    error_message = "the flow is not in the FLOW folder"
  }
  # The graph's JOB nodes, keyed by step, reference the jobs and run in the order
  # START -> extract -> transform -> load -> END.
  assert {
    condition = alltrue([
      for step in ["extract", "transform", "load"] :
      emrflow_flow.daily.graph.nodes[step].job_id == output.job_ids[step] && emrflow_flow.daily.graph.nodes[step].type == "JOB"
    ])
    error_message = "the flow's JOB nodes do not reference the jobs' ids"
  }
  assert {
    condition = (
      [for step in ["extract", "transform", "load"] : emrflow_flow.daily.graph.nodes[step].job_type] ==
      ["SHELL", "SPARK_SQL", "HIVE_SQL"]
    )
    error_message = "the flow's JOB nodes do not carry the jobs' types"
  }
  assert {
    condition = (
      [for id in ["extract", "transform", "load", "end"] : one(emrflow_flow.daily.graph.nodes[id].depends_on)] ==
      ["start", "extract", "transform", "load"]
    )
    error_message = "the flow's dependencies do not chain the steps"
  }
}

run "schedule_change_is_in_place" {
  variables {
    cron_expr = "0 30 3 * * ?"
  }

  assert {
    condition     = emrflow_flow.daily.cron_expr == "0 30 3 * * ?"
    error_message = "the schedule did not change"
  }
  assert {
    condition     = output.flow_id == run.apply_creates_the_pipeline.flow_id
    error_message = "the schedule change replaced the flow"
  }
  assert {
    condition     = output.job_ids == run.apply_creates_the_pipeline.job_ids
    error_message = "the schedule change replaced jobs"
  }
}

run "alerts_when_groups_are_given" {
  variables {
    cron_expr                = "0 30 3 * * ?"
    alert_user_group_ids     = ["AUG-mtoncall"]
    alert_dingding_group_ids = ["ADG-mtoncall"]
  }

  assert {
    condition     = length(emrflow_flow.daily.alert) == 1
    error_message = "expected one alert"
  }
  assert {
    condition = (
      one(emrflow_flow.daily.alert).event_id == "EMR-210401001" &&
      one(emrflow_flow.daily.alert).user_group_ids == toset(["AUG-mtoncall"]) &&
      one(emrflow_flow.daily.alert).dingding_group_ids == toset(["ADG-mtoncall"])
    )
    error_message = "the alert does not carry the failure event and the groups"
  }
  assert {
    condition     = output.flow_id == run.apply_creates_the_pipeline.flow_id
    error_message = "adding the alert replaced the flow"
  }
}

run "rejects_an_invalid_environment" {
  command = plan

  variables {
    environment = "Prod_EU"
  }

  expect_failures = [var.environment]
}

run "rejects_a_cluster_without_the_c_prefix" {
  command = plan

  variables {
    cluster_id = "CT-0000000000000001"
  }

  expect_failures = [var.cluster_id]
}
