# Terraform 1.14 and later, in a .tfquery.hcl file: the folders of a project, at every depth.
list "emrflow_category" "job_folders" {
  provider = emrflow

  config {
    project_id = "FP-257A173659F5E1A2"
    type       = "JOB" # optional: FLOW or JOB
  }
}
