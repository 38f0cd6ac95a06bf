import {
  to = emrflow_project.etl
  id = "FP-257A173659F5E1A2"
}
