# A project is imported by its ID.
terraform import emrflow_project.etl FP-257A173659F5E1A2
