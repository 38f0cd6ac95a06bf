# Every folder of flows of a project...
data "emrflow_categories" "flows" {
  project_id = "FP-257A173659F5E1A2"
  type       = "FLOW"
}

# ...and the folders directly inside one of them.
data "emrflow_categories" "daily" {
  project_id = "FP-257A173659F5E1A2"
  parent_id  = data.emrflow_categories.flows.ids[0]
}

output "flow_folders" {
  value = data.emrflow_categories.flows.categories[*].name
}
