# Every project whose name starts with "prod-".
data "emrflow_projects" "prod" {
  name_regex = "^prod-"
}

output "prod_project_ids" {
  value = data.emrflow_projects.prod.ids
}
