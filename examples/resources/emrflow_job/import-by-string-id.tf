# The project ID and the job ID, joined by a colon.
import {
  to = emrflow_job.transform
  id = "FP-257A173659F5E1A2:FJ-7A39731FE719B3C4"
}
