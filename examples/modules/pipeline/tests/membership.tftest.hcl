# terraform test suite of the pipeline's cluster association and members (membership.tf). Like
# pipeline.tftest.hcl it runs against whatever endpoint the provider is pointed at (make
# module-test starts the emulator). Runs share one state, in order.

provider "emrflow" {}

variables {
  environment = "mm"
  cluster_id  = "C-0000000000000001"
  cron_expr   = "0 0 2 * * ?"
}

run "plan_associates_the_cluster_without_members" {
  command = plan

  assert {
    condition = (
      emrflow_project_cluster_setting.this.cluster_id == "C-0000000000000001" &&
      emrflow_project_cluster_setting.this.default_user == "hadoop" &&
      emrflow_project_cluster_setting.this.default_queue == "default"
    )
    error_message = "the setting does not associate the module's cluster with the defaults"
  }
  assert {
    condition     = length(emrflow_project_user.this) == 0
    error_message = "no member is expected by default"
  }
}

run "apply_associates_and_adds_members" {
  variables {
    members = [
      { user_id = "216959339000000001", user_name = "alice" },
      { user_id = "216959339000000002", user_name = "bob" },
    ]
  }

  assert {
    condition     = output.cluster_id == "C-0000000000000001" && emrflow_project_cluster_setting.this.project_id == output.project_id
    error_message = "the cluster is not associated with the module's project"
  }
  assert {
    condition     = output.member_names == tolist(["alice", "bob"])
    error_message = "the members are not alice and bob"
  }
  assert {
    condition     = emrflow_project_user.this["bob"].user_id == "216959339000000002"
    error_message = "bob has the wrong user id"
  }
}

run "members_and_submit_settings_change_in_place" {
  variables {
    submit_user  = "etl"
    submit_queue = "root.etl"
    members = [
      { user_id = "216959339000000002", user_name = "bob" },
    ]
  }

  assert {
    condition     = output.member_names == tolist(["bob"])
    error_message = "alice was not removed"
  }
  assert {
    condition = (
      emrflow_project_cluster_setting.this.default_user == "etl" &&
      emrflow_project_cluster_setting.this.default_queue == "root.etl"
    )
    error_message = "the submit user and queue did not change"
  }
  assert {
    condition     = output.project_id == run.apply_associates_and_adds_members.project_id
    error_message = "the changes replaced the project"
  }
}

run "rejects_a_member_with_an_account_suffix" {
  command = plan

  variables {
    members = [{ user_id = "1", user_name = "alice@123.onaliyun.com" }]
  }

  expect_failures = [var.members]
}

run "rejects_a_member_twice" {
  command = plan

  variables {
    members = [
      { user_id = "1", user_name = "alice" },
      { user_id = "2", user_name = "alice" },
    ]
  }

  expect_failures = [var.members]
}
