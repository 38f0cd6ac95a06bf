# Every scheduled flow of a project whose name starts with "daily_".
data "emrflow_flows" "daily" {
  project_id = "FP-257A173659F5"
  name_regex = "^daily_"
  status     = "UNDER_SCHEDULE"
}

output "daily_flow_ids" {
  value = data.emrflow_flows.daily.ids
}

output "daily_flow_schedules" {
  value = { for f in data.emrflow_flows.daily.flows : f.name => f.cron_expr }
}
