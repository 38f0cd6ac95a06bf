# The shell jobs of a project whose names start with "extract".
data "emrflow_jobs" "extract" {
  project_id = "FP-257A173659F5E1A2"
  name_regex = "^extract"
  type       = "SHELL"
}

output "extract_job_ids" {
  value = data.emrflow_jobs.extract.ids
}
