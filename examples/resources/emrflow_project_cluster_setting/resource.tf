resource "emrflow_project" "etl" {
  name        = "etl"
  description = "ETL pipelines of the data team"
}

# Associate a cluster with the project so that its flows can run there. Jobs are submitted as
# "etl" to the YARN queue "root.etl" unless they say otherwise; the whitelists bound what they
# may say.
resource "emrflow_project_cluster_setting" "main" {
  project_id    = emrflow_project.etl.id
  cluster_id    = "C-0000000000000001"
  default_user  = "etl"
  default_queue = "root.etl"
  users         = ["etl", "hadoop"]
  queues        = ["root.etl", "default"]
  hosts         = ["emr-header-1.cluster-0000000000000001"]
}

# Flows that refer to the setting's cluster_id are created after it and destroyed before it.
resource "emrflow_flow" "daily" {
  project_id  = emrflow_project.etl.id
  name        = "daily"
  description = "runs on the associated cluster"
  cluster_id  = emrflow_project_cluster_setting.main.cluster_id
}
