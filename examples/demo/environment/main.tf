# A daily ETL flow of one environment: a project and a flow whose graph runs
# extract -> transform -> load between the START and END control nodes.

terraform {
  required_providers {
    emrflow = {
      source = "emrflow/emrflow"
    }
  }
}

variable "environment" {
  description = "Environment name, e.g. dev or prod; it prefixes every name."
  type        = string
}

variable "cluster_id" {
  description = "The EMR cluster (C-...) the flow runs on."
  type        = string
}

variable "cron_expr" {
  description = "Quartz schedule of the flow."
  type        = string
}

variable "start_schedule" {
  description = "Start of scheduling, in milliseconds since the epoch."
  type        = number
  default     = 1767225600000 # 2026-01-01T00:00:00Z
}

resource "emrflow_project" "this" {
  name        = "${var.environment}-etl"
  description = "ETL pipelines of ${var.environment}"
}

resource "emrflow_flow" "daily" {
  project_id     = emrflow_project.this.id
  cluster_id     = var.cluster_id
  name           = "${var.environment}-daily-etl"
  description    = "Daily ETL of ${var.environment}"
  cron_expr      = var.cron_expr
  start_schedule = var.start_schedule

  graph {
    node {
      id   = "start"
      type = "START"
    }
    node {
      id       = "extract"
      type     = "JOB"
      label    = "extract"
      job_id   = "FJ-0000000000000001"
      job_type = "SHELL"
    }
    node {
      id       = "transform"
      type     = "JOB"
      label    = "transform"
      job_id   = "FJ-0000000000000002"
      job_type = "SPARK_SQL"
    }
    node {
      id       = "load"
      type     = "JOB"
      label    = "load"
      job_id   = "FJ-0000000000000003"
      job_type = "HIVE_SQL"
    }
    node {
      id   = "end"
      type = "END"
    }

    edge {
      source = "start"
      target = "extract"
    }
    edge {
      source = "extract"
      target = "transform"
    }
    edge {
      source = "transform"
      target = "load"
    }
    edge {
      source = "load"
      target = "end"
    }
  }

  alert {
    event_id       = "EMR-210401001" # the flow failed
    user_group_ids = ["AUG-${var.environment}oncall"]
  }
}

output "project_id" {
  description = "The project's ID."
  value       = emrflow_project.this.id
}

output "flow_id" {
  description = "The flow's ID."
  value       = emrflow_flow.daily.id
}
