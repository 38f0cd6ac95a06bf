package functions_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// TestAccEpochMs calls the function through the real CLI: a value, and values used where a flow
// takes them. Provider-defined functions came with Terraform 1.8.
func TestAccEpochMs(t *testing.T) {
	project := acctest.RandomName("epoch")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				Config: acctest.ConfigProject(project) + `
resource "emrflow_flow" "test" {
  project_id     = emrflow_project.test.id
  cluster_id     = "` + acctest.ClusterID() + `"
  name           = "epoch"
  description    = "schedule from dates"
  cron_expr      = "0 0 2 * * ?"
  start_schedule = provider::emrflow::epoch_ms("2026-01-01T02:00:00+08:00")
  end_schedule   = provider::emrflow::epoch_ms("2027-01-01T00:00:00Z")
}

output "ms" {
  value = provider::emrflow::epoch_ms("2026-01-01T02:00:00+08:00")
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("ms", knownvalue.Int64Exact(1767204000000)),
					statecheck.ExpectKnownValue("emrflow_flow.test", tfjsonpath.New("start_schedule"), knownvalue.Int64Exact(1767204000000)),
					statecheck.ExpectKnownValue("emrflow_flow.test", tfjsonpath.New("end_schedule"), knownvalue.Int64Exact(1798761600000)),
				},
			},
		},
	})
}

// TestAccEpochMs_badTimestamp: a timestamp without "T" and time zone fails the plan with the
// expected form in the message.
func TestAccEpochMs_badTimestamp(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{{
			Config: `
output "ms" {
  value = provider::emrflow::epoch_ms("2026-01-01 02:00")
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid value for "timestamp" parameter: "2026-01-01 02:00" is not an RFC\s+3339\s+timestamp.*2026-01-01T02:00:00\+08:00`),
		}},
	})
}
