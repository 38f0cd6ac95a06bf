# Runs one flow of the demo once and waits for it (Terraform >= 1.14: actions):
#   terraform apply -invoke=action.emrflow_flow_run.this -var project_id=FP-… -var flow_id=F-…
# `make demo` does this for the dev flow after applying ../main.tf, with the current CLI that
# scripts/terraform-current.sh builds (the CLI on PATH may predate actions).

terraform {
  required_providers {
    emrflow = {
      source = "emrflow/emrflow"
    }
  }
}

provider "emrflow" {}

variable "project_id" {
  description = "Project of the flow to run (FP-…)."
  type        = string
}

variable "flow_id" {
  description = "The flow to run (F-…)."
  type        = string
}

action "emrflow_flow_run" "this" {
  config {
    project_id = var.project_id
    flow_id    = var.flow_id
    timeout    = "5m"
  }
}
