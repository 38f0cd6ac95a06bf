# A flow's DAG as a Mermaid flowchart, for a README or a pull-request comment.
resource "emrflow_project" "etl" {
  name        = "etl"
  description = "ETL pipelines"
}

resource "emrflow_job" "extract" {
  project_id = emrflow_project.etl.id
  name       = "extract"
  type       = "SHELL"
  params     = "echo extract"
}

resource "emrflow_job" "load" {
  project_id = emrflow_project.etl.id
  name       = "load"
  type       = "HIVE_SQL"
  params     = "SELECT 1"
}

resource "emrflow_project_cluster_setting" "etl" {
  project_id    = emrflow_project.etl.id
  cluster_id    = "C-0000000000000001"
  default_user  = "hadoop"
  default_queue = "default"
}

resource "emrflow_flow" "daily" {
  project_id  = emrflow_project.etl.id
  cluster_id  = emrflow_project_cluster_setting.etl.cluster_id
  name        = "daily"
  description = "Daily ETL"

  graph {
    nodes = {
      start   = { type = "START" }
      extract = { type = "JOB", job_id = emrflow_job.extract.id, job_type = emrflow_job.extract.type, label = "Extract orders", depends_on = ["start"] }
      load    = { type = "JOB", job_id = emrflow_job.load.id, job_type = emrflow_job.load.type, depends_on = ["extract"] }
      end     = { type = "END", depends_on = ["load"] }
    }
  }
}

# The nodes as the flow holds them; the same nodes written as a literal object work too.
output "daily_dag" {
  value = provider::emrflow::graph_mermaid(emrflow_flow.daily.graph.nodes)
}
