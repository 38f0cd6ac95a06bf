resource "emrflow_project" "etl" {
  name        = "etl"
  description = "ETL pipelines of the data team"
}

# Let the RAM user "alice" view and develop the project's jobs and flows.
resource "emrflow_project_user" "alice" {
  project_id = emrflow_project.etl.id
  user_id    = "216959339000000001"
  user_name  = "alice"
}
