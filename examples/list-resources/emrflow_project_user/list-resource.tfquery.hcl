# Terraform 1.14 and later, in a .tfquery.hcl file.
list "emrflow_project_user" "etl" {
  provider = emrflow

  config {
    project_id = "FP-257A173659F5E1A2"
    name_regex = "^etl-" # optional
  }
}
