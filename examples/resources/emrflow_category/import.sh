# A folder is imported by its project ID and its own ID, separated by a colon.
terraform import emrflow_category.daily FP-257A173659F5E1A2:FC-5BD9575E3462B1A7
