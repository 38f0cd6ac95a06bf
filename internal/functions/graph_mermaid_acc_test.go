package functions_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

var needFunctions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}

// wantMermaid is the picture of the three-node graph both tests below draw.
const wantMermaid = "flowchart TD\n" +
	"    n_end(((\"end\")))\n" +
	"    n_extract[\"Extract orders<br/>SHELL\"]\n" +
	"    n_start((\"start\"))\n" +
	"    n_extract --> n_end\n" +
	"    n_start --> n_extract\n"

// TestAccGraphMermaid_literal: the nodes as a user writes them in a graph block, attributes left
// out, give the Mermaid text through the real CLI.
func TestAccGraphMermaid_literal(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   needFunctions,
		Steps: []resource.TestStep{{
			Config: `
output "dag" {
  value = provider::emrflow::graph_mermaid({
    start   = { type = "START" }
    extract = { type = "JOB", job_id = "FJ-0123456789AB", job_type = "SHELL", label = "Extract orders", depends_on = ["start"] }
    end     = { type = "END", depends_on = ["extract"] }
  })
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("dag", knownvalue.StringExact(wantMermaid)),
			},
		}},
	})
}

// TestAccGraphMermaid_resource: emrflow_flow.x.graph.nodes (every attribute present, unset ones
// null) gives the same text; on the first plan, with the job not created yet, the output is
// unknown rather than an error.
func TestAccGraphMermaid_resource(t *testing.T) {
	project := acctest.RandomName("mermaid")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   needFunctions,
		Steps: []resource.TestStep{{
			Config: acctest.ConfigProject(project) + `
resource "emrflow_job" "extract" {
  project_id = emrflow_project.test.id
  name       = "extract"
  type       = "SHELL"
  params     = "echo extract"
}

resource "emrflow_flow" "test" {
  project_id  = emrflow_project.test.id
  cluster_id  = "` + acctest.ClusterID() + `"
  name        = "mermaid"
  description = "drawn as Mermaid"
  graph {
    nodes = {
      start   = { type = "START" }
      extract = { type = "JOB", job_id = emrflow_job.extract.id, job_type = emrflow_job.extract.type, label = "Extract orders", depends_on = ["start"] }
      end     = { type = "END", depends_on = ["extract"] }
    }
  }
}

output "dag" {
  value = provider::emrflow::graph_mermaid(emrflow_flow.test.graph.nodes)
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("dag")},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("dag", knownvalue.StringExact(wantMermaid)),
			},
		}},
	})
}

// TestAccGraphMermaid_invalid: an argument that is not a valid graph fails the plan, naming the
// node and what is wrong with it; an argument of the wrong kind says what to pass.
func TestAccGraphMermaid_invalid(t *testing.T) {
	for _, tc := range []struct {
		name, nodes string
		want        *regexp.Regexp
	}{
		{
			name:  "dependency on a missing node",
			nodes: `{ start = { type = "START" }, end = { type = "END", depends_on = ["extract"] } }`,
			want:  regexp.MustCompile(`(?s)not a valid flow graph:.*nodes\["end"\]\.depends_on:.*"extract"`),
		},
		{
			name:  "JOB node without a job",
			nodes: `{ start = { type = "START" }, load = { type = "JOB", depends_on = ["start"] }, end = { type = "END", depends_on = ["load"] } }`,
			want:  regexp.MustCompile(`(?s)nodes\["load"\]\.job_id:.*needs\s+a\s+job_id`),
		},
		{
			name:  "attribute that nodes do not have",
			nodes: `{ start = { type = "START", colour = "red" } }`,
			want:  regexp.MustCompile(`(?s)nodes\["start"\]\.colour\s+is\s+not\s+a\s+node\s+attribute`),
		},
		{
			name:  "not an object",
			nodes: `"start -> end"`,
			want:  regexp.MustCompile(`(?s)nodes\s+must\s+be\s+an\s+object\s+or\s+a\s+map\s+keyed\s+by\s+node\s+id`),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				TerraformVersionChecks:   needFunctions,
				Steps: []resource.TestStep{{
					Config:      "output \"dag\" {\n  value = provider::emrflow::graph_mermaid(" + tc.nodes + ")\n}\n",
					ExpectError: tc.want,
				}},
			})
		})
	}
}
