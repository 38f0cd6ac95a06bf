# Terraform 1.12 and later: import by identity.
import {
  to = emrflow_project_user.example
  identity = {
    project_id = "FP-257A173659F5E1A2"
    user_name  = "alice"
  }
}
