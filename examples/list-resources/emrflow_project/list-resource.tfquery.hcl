# Terraform 1.14 and later, in a .tfquery.hcl file.
list "emrflow_project" "etl" {
  provider = emrflow

  config {
    name_regex = "^etl" # optional; without it, every project of the region
  }
}
