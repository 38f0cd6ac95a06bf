# A flow is imported by its project ID and its own ID, joined by a colon (DescribeFlow needs both).
terraform import emrflow_flow.demo FP-257A173659F5:F-7A39731FE719
