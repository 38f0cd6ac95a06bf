# A member is imported by its project ID and its RAM user name, separated by a colon.
terraform import emrflow_project_user.alice FP-257A173659F5E1A2:alice
