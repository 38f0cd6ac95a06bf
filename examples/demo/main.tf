# One module, two environments: dev and prod differ by name, cluster, schedule and alerts only.
# `make demo` runs this against the local emulator; with real credentials and real cluster ids it
# runs against Alibaba Cloud unchanged.

terraform {
  required_providers {
    emrflow = {
      source = "emrflow/emrflow"
    }
  }
}

# Region, endpoint and keys come from the environment (make demo points them at the emulator).
provider "emrflow" {}

variable "prod_cron_expr" {
  description = "Schedule of the production flow (Quartz syntax)."
  type        = string
  default     = "0 0 2 * * ?"
}

# Each environment gets a project, a job folder and a flow folder, the extract, transform and load
# jobs, and a flow that runs them (see ../modules/pipeline).
module "dev" {
  source      = "../modules/pipeline"
  environment = "dev"
  cluster_id  = "C-0000000000000001"
  cron_expr   = "0 0 0/6 * * ?"
}

module "prod" {
  source               = "../modules/pipeline"
  environment          = "prod"
  cluster_id           = "C-0000000000000002"
  cron_expr            = var.prod_cron_expr
  alert_user_group_ids = ["AUG-prodoncall"]
}

output "flow_ids" {
  description = "The flow of each environment."
  value = {
    dev  = module.dev.flow_id
    prod = module.prod.flow_id
  }
}

output "project_ids" {
  description = "The project of each environment."
  value = {
    dev  = module.dev.project_id
    prod = module.prod.project_id
  }
}

output "job_ids" {
  description = "The jobs of each environment, by step."
  value = {
    dev  = module.dev.job_ids
    prod = module.prod.job_ids
  }
}

output "dev_project_id" {
  description = "The dev project (make demo runs its flow)."
  value       = module.dev.project_id
}

output "dev_flow_id" {
  description = "The dev flow (make demo runs it once)."
  value       = module.dev.flow_id
}
