resource "emrflow_project" "etl" {
  name        = "etl"
  description = "ETL pipelines of the data team"
}

resource "emrflow_category" "jobs" {
  project_id = emrflow_project.etl.id
  name       = "jobs"
  type       = "JOB"
}

# A shell job with only what it needs.
resource "emrflow_job" "cleanup" {
  project_id = emrflow_project.etl.id
  name       = "cleanup"
  type       = "SHELL"
  params     = "hdfs dfs -rm -r -skipTrash /tmp/etl/*"
}

# A Spark job in a folder, with retries, run settings and the files it needs.
resource "emrflow_job" "transform" {
  project_id         = emrflow_project.etl.id
  parent_category_id = emrflow_category.jobs.id
  name               = "transform"
  type               = "SPARK"
  description        = "Aggregates yesterday's orders"
  params             = "--class com.example.Transform --master yarn app.jar $${bizdate}"

  param_conf = jsonencode({ bizdate = "$${yyyyMMdd-1d}" })
  env_conf   = jsonencode({ JAVA_HOME = "/usr/lib/jvm/java-1.8.0" })
  run_conf = jsonencode({
    priority = 1
    userName = "hadoop"
    memory   = 2048
    cores    = 1
  })

  mode           = "YARN"
  fail_act       = "STOP"
  max_retry      = 3
  retry_interval = 120
  cluster_id     = "C-0000000000000001"

  resource {
    path  = "oss://my-bucket/jobs/transform-1.4.0.jar"
    alias = "app.jar"
  }
  resource {
    path = "oss://my-bucket/jobs/log4j.properties"
  }
}
