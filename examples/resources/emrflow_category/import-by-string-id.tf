# The project ID and the folder ID, joined by a colon.
import {
  to = emrflow_category.daily
  id = "FP-257A173659F5E1A2:FC-5BD9575E3462B1A7"
}
