# Terraform 1.12 and later: import by identity.
import {
  to = emrflow_project_cluster_setting.example
  identity = {
    project_id = "FP-257A173659F5E1A2"
    cluster_id = "C-0000000000000001"
  }
}
