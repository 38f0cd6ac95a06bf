variable "environment" {
  description = "Environment name (e.g. dev, prod): lower-case letters, digits and dashes. It prefixes every name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]*$", var.environment))
    error_message = "The environment must be lower-case letters, digits and dashes, starting with a letter or digit, e.g. \"dev\" or \"prod-eu\"."
  }
}

variable "cluster_id" {
  description = "The existing EMR cluster (C-...) the flow runs on."
  type        = string

  validation {
    condition     = startswith(var.cluster_id, "C-")
    error_message = "The cluster_id must be the ID of an existing cluster, starting with \"C-\" (e.g. C-0000000000000001)."
  }
}

variable "cron_expr" {
  description = "Schedule of the flow, as a Quartz cron expression (seconds first), e.g. \"0 0 2 * * ?\"."
  type        = string
}

variable "start_schedule" {
  description = "Start of scheduling, in milliseconds since the Unix epoch."
  type        = number
  default     = 1767225600000 # 2026-01-01T00:00:00Z
}

variable "alert_user_group_ids" {
  description = "User groups (AUG-...) alerted when the flow fails. No alert when both group sets are empty."
  type        = set(string)
  default     = []
}

variable "alert_dingding_group_ids" {
  description = "DingTalk groups (ADG-...) alerted when the flow fails. No alert when both group sets are empty."
  type        = set(string)
  default     = []
}
