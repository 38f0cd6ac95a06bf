// Package rpccost measures what one plugin-protocol call costs the provider, call by call, in
// process: the RPCs Terraform sends for every resource of a `terraform plan` (UpgradeResourceState,
// ReadResource, ValidateResourceConfig, PlanResourceChange) against the real emrflow_flow, against a
// resource with the same schema and no code, and against resources of 1 to 40 string attributes
// (how the framework's cost grows with the size of a schema). Its tests hold the harness; see
// benchmark/ANALYSIS.md for what it found and how to run it under valgrind.
package rpccost
