# A job made in the console, looked up by its exact name...
data "emrflow_job" "extract" {
  project_id = "FP-257A173659F5E1A2"
  name       = "extract"
}

# ...or by its ID.
data "emrflow_job" "load" {
  project_id = "FP-257A173659F5E1A2"
  id         = "FJ-7A39731FE719B3C4"
}

output "extract_type" {
  value = data.emrflow_job.extract.type
}
