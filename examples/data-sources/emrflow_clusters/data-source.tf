# Every cluster of the region that a project may be associated with...
data "emrflow_clusters" "region" {}

# ...and the clusters that one project may use (those associated with it).
data "emrflow_clusters" "etl" {
  project_id = "FP-257A173659F5E1A2"
}

output "usable_by_etl" {
  value = data.emrflow_clusters.etl.ids
}
