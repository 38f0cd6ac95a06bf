# A daily flow whose schedule starts at 02:00 in Beijing on 1 January 2026 and ends a year later.
resource "emrflow_flow" "daily" {
  project_id     = emrflow_project.etl.id
  cluster_id     = "C-0000000000000001"
  name           = "daily"
  description    = "Daily ETL"
  cron_expr      = "0 0 2 * * ?"
  start_schedule = provider::emrflow::epoch_ms("2026-01-01T02:00:00+08:00") # 1767204000000
  end_schedule   = provider::emrflow::epoch_ms("2027-01-01T02:00:00+08:00")
}

output "start" {
  value = provider::emrflow::epoch_ms("2026-01-01T00:00:00Z") # 1767225600000
}
