resource "emrflow_project" "etl" {
  name        = "etl"
  description = "ETL pipelines of the data team"
}

# A folder for jobs at the project's root...
resource "emrflow_category" "jobs" {
  project_id = emrflow_project.etl.id
  name       = "jobs"
  type       = "JOB"
}

# ...and a sub-folder inside it.
resource "emrflow_category" "daily" {
  project_id = emrflow_project.etl.id
  name       = "daily"
  type       = "JOB"
  parent_id  = emrflow_category.jobs.id
}

# A folder for flows.
resource "emrflow_category" "flows" {
  project_id = emrflow_project.etl.id
  name       = "pipelines"
  type       = "FLOW"
}
