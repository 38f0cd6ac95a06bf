# One module, two environments: dev and prod differ by name, cluster and schedule only.
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

module "dev" {
  source      = "./environment"
  environment = "dev"
  cluster_id  = "C-0000000000000001"
  cron_expr   = "0 0 0/6 * * ?"
}

module "prod" {
  source      = "./environment"
  environment = "prod"
  cluster_id  = "C-0000000000000002"
  cron_expr   = var.prod_cron_expr
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
