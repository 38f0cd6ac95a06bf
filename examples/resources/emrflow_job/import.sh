# A job is imported by its project ID and its own ID, separated by a colon.
terraform import emrflow_job.transform FP-257A173659F5E1A2:FJ-7A39731FE719B3C4
