output "project_id" {
  description = "The project's ID (FP-...)."
  value       = emrflow_project.this.id
}

output "flow_id" {
  description = "The daily ETL flow's ID (F-...)."
  value       = emrflow_flow.daily.id
}

output "job_ids" {
  description = "The jobs' IDs (FJ-...) by step: extract, transform, load."
  value       = { for step, job in emrflow_job.this : step => job.id }
}

output "category_ids" {
  description = "The folders' IDs (FC-...): jobs and flows."
  value = {
    jobs  = emrflow_category.jobs.id
    flows = emrflow_category.flows.id
  }
}
