# Terraform 1.12 and later: import by identity.
import {
  to = emrflow_project.example
  identity = {
    id = "FP-257A173659F5E1A2"
  }
}
