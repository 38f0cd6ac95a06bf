# Terraform 1.12 and later: import by identity, without assembling an ID string.
import {
  to = emrflow_category.example
  identity = {
    project_id = "FP-257A173659F5E1A2"
    id         = "FC-7A39731FE719D3C4"
  }
}
