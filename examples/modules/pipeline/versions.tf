terraform {
  # terraform test with run blocks, expect_failures and variable validation messages.
  required_version = ">= 1.6.0"

  required_providers {
    emrflow = {
      source = "emrflow/emrflow"
    }
  }
}
