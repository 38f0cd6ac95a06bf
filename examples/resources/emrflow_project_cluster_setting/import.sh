# A cluster setting is imported by its project ID and its cluster ID, separated by a colon.
terraform import emrflow_project_cluster_setting.main FP-257A173659F5E1A2:C-0000000000000001
