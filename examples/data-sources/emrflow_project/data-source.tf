# Look a project up by name (or by id) to use it in this configuration.
data "emrflow_project" "etl" {
  name = "etl"
}

output "etl_project_id" {
  value = data.emrflow_project.etl.id
}
