# Terraform 1.14 and later, in a .tfquery.hcl file: `terraform query` lists the flows, and
# `terraform query -generate-config-out=flows.tf` writes a resource and an import block for each.
list "emrflow_flow" "etl" {
  provider = emrflow

  config {
    project_id = "FP-257A173659F5E1A2"
    name_regex = "^etl-"              # optional, applied to the names returned
    status     = "UNDER_SCHEDULE"     # optional: STOP_SCHEDULE or UNDER_SCHEDULE
    cluster_id = "C-0000000000000001" # optional
  }
}
