resource "emrflow_project" "etl" {
  name        = "etl"
  description = "ETL pipelines of the data team"
}
