# A daily ETL pipeline of one environment: a project, a folder for jobs and one for flows, three
# jobs (extract, transform, load) and a flow that runs them in order between START and END.

locals {
  prefix = var.environment

  # The jobs of the pipeline, in the order the flow runs them.
  jobs = {
    extract = {
      type   = "SHELL"
      params = "hdfs dfs -put -f /data/incoming/orders-$${yyyyMMdd-1d}.csv /warehouse/raw/orders/"
    }
    transform = {
      type   = "SPARK_SQL"
      params = "INSERT OVERWRITE TABLE staging.orders SELECT * FROM raw.orders WHERE dt = '$${yyyyMMdd-1d}'"
    }
    load = {
      type   = "HIVE_SQL"
      params = "INSERT OVERWRITE TABLE mart.daily_orders SELECT dt, count(*) FROM staging.orders GROUP BY dt"
    }
  }
  job_order = ["extract", "transform", "load"]

  # Alert on failure only when someone is to be told.
  alert_enabled = length(var.alert_user_group_ids) + length(var.alert_dingding_group_ids) > 0
}

resource "emrflow_project" "this" {
  name        = "${local.prefix}-etl"
  description = "ETL pipelines of ${var.environment}"
}

resource "emrflow_category" "jobs" {
  project_id = emrflow_project.this.id
  name       = "${local.prefix}-jobs"
  type       = "JOB"
}

resource "emrflow_category" "flows" {
  project_id = emrflow_project.this.id
  name       = "${local.prefix}-flows"
  type       = "FLOW"
}

resource "emrflow_job" "this" {
  for_each = local.jobs

  project_id         = emrflow_project.this.id
  parent_category_id = emrflow_category.jobs.id
  name               = "${local.prefix}-${each.key}"
  type               = each.value.type
  description        = "The ${each.key} step of ${var.environment}'s daily ETL"
  params             = each.value.params
}

resource "emrflow_flow" "daily" {
  project_id         = emrflow_project.this.id
  parent_category_id = emrflow_category.flows.id
  cluster_id         = var.cluster_id
  name               = "${local.prefix}-daily-etl"
  description        = "Daily ETL of ${var.environment}"
  cron_expr          = var.cron_expr
  start_schedule     = var.start_schedule

  # START -> extract -> transform -> load -> END: one node per step, each running after the one
  # before it. The map is keyed by node id, so adding a step changes only that node and the one
  # after it in the plan.
  graph {
    nodes = merge(
      { start = { type = "START" } },
      {
        for i, step in local.job_order : step => {
          type       = "JOB"
          label      = step
          job_id     = emrflow_job.this[step].id
          job_type   = emrflow_job.this[step].type
          depends_on = [i == 0 ? "start" : local.job_order[i - 1]]
        }
      },
      { end = { type = "END", depends_on = [local.job_order[length(local.job_order) - 1]] } },
    )
  }

  dynamic "alert" {
    for_each = local.alert_enabled ? ["EMR-210401001"] : [] # the flow failed
    content {
      # An empty set is accepted and means no group, as unset does.
      event_id           = alert.value
      user_group_ids     = var.alert_user_group_ids
      dingding_group_ids = var.alert_dingding_group_ids
    }
  }
}
