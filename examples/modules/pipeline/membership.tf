# What makes the pipeline runnable and shared: the project's association with its cluster (a
# project's flows run only on a cluster associated with it) and its members (RAM users who may
# view and develop its jobs and flows). Kept in this file with its variables and outputs.

resource "emrflow_project_cluster_setting" "this" {
  project_id    = emrflow_project.this.id
  cluster_id    = var.cluster_id
  default_user  = var.submit_user
  default_queue = var.submit_queue
}

resource "emrflow_project_user" "this" {
  for_each = { for m in var.members : m.user_name => m }

  project_id = emrflow_project.this.id
  user_id    = each.value.user_id
  user_name  = each.key
}

variable "submit_user" {
  description = "The Linux user the project's jobs are submitted as on the cluster."
  type        = string
  default     = "hadoop"
}

variable "submit_queue" {
  description = "The YARN queue the project's jobs are submitted to on the cluster."
  type        = string
  default     = "default"
}

variable "members" {
  description = "RAM users who may view and develop the project's jobs and flows: user_id (digits) and user_name (without @<account>)."
  type = list(object({
    user_id   = string
    user_name = string
  }))
  default = []

  validation {
    condition = alltrue([
      for m in var.members : can(regex("^[0-9]+$", m.user_id)) && can(regex("^[A-Za-z0-9._-]{1,64}$", m.user_name))
    ])
    error_message = "Each member needs a numeric user_id and a RAM user_name (1 to 64 letters, digits, '.', '_' or '-', without @<account>)."
  }
  validation {
    condition     = length(distinct([for m in var.members : m.user_name])) == length(var.members)
    error_message = "Each user_name may be a member once."
  }
}

output "cluster_id" {
  description = "The cluster (C-...) associated with the project; refer to it to make a resource wait for the association."
  value       = emrflow_project_cluster_setting.this.cluster_id
}

output "member_names" {
  description = "The RAM user names of the project's members, sorted."
  value       = sort(keys(emrflow_project_user.this))
}
