package docscheck

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/emrflow/terraform-provider-emrflow/test/acctest"
)

// The complete examples are applied as they are published, against the emulator: a user who
// pastes one must get a working apply, and an empty plan after it (resource.Test checks both).
// They run one after another (not in parallel): they use fixed names, like "etl", and the
// emulator refuses a second project of the same name.

// TestAccExamples_readme applies the README's complete example, read from README.md itself.
func TestAccExamples_readme(t *testing.T) {
	// The README names the provider's real source, emrflow/emrflow: the test framework must
	// reattach the in-process provider under that address, not its default hashicorp/emrflow.
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "emrflow")
	applyExample(t, readmeExample(t).code, flowsCanRun(t))
}

// flowsCanRun checks that every flow of the state can run: its project has a cluster setting
// for its cluster (or it creates its cluster from a template). A flow without one applies, and
// then every run of it is refused.
func flowsCanRun(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		flows := 0
		for name, rs := range s.RootModule().Resources {
			if rs.Type != "emrflow_flow" {
				continue
			}
			flows++
			a := rs.Primary.Attributes
			if a["create_cluster"] == "true" {
				continue
			}
			if _, err := acctest.Client(t).DescribeClusterSetting(t.Context(), a["project_id"], a["cluster_id"]); err != nil {
				return fmt.Errorf("%s cannot run: project %s has no setting for cluster %s: %w", name, a["project_id"], a["cluster_id"], err)
			}
		}
		if flows == 0 {
			return errors.New("the example has no flow")
		}
		return nil
	}
}

// TestAccExamples_resources applies each resource page's main example,
// examples/resources/<type>/resource.tf.
func TestAccExamples_resources(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "examples", "resources", "*", "resource.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Fatalf("found %d resource examples, want one per resource", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			applyExample(t, string(src), nil)
		})
	}
}

// TestAccExamples_functions applies the function examples that are complete configurations
// (examples/functions/<name>/function.tf that declare what they use), and checks the Mermaid
// text that graph_mermaid's page shows is the text its example gives.
func TestAccExamples_functions(t *testing.T) {
	f := filepath.Join(repoRoot, "examples", "functions", "graph_mermaid", "function.tf")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(repoRoot, "templates", "functions", "graph_mermaid.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	want := mermaidShownOn(t, string(page))
	if acctest.IsReal() {
		t.Skip("the examples run against the emulator only")
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{{
			Config: string(src),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("daily_dag", knownvalue.StringExact(want)),
			},
		}},
	})
}

// mermaidShownOn returns the text of the first ```mermaid block of a page, which must equal the
// ```text block the page shows as the output.
func mermaidShownOn(t *testing.T, page string) string {
	t.Helper()
	block := func(fence string) string {
		_, rest, ok := strings.Cut(page, "\n"+fence+"\n")
		if !ok {
			t.Fatalf("graph_mermaid's page has no %s block", fence)
		}
		body, _, ok := strings.Cut(rest, "\n```\n")
		if !ok {
			t.Fatalf("graph_mermaid's page: %s block not closed", fence)
		}
		return body + "\n"
	}
	text, picture := block("```text"), block("```mermaid")
	if text != picture {
		t.Fatalf("graph_mermaid's page shows an output that is not its picture:\n%s\nvs\n%s", text, picture)
	}
	return text
}

func applyExample(t *testing.T, config string, check resource.TestCheckFunc) {
	t.Helper()
	if acctest.IsReal() {
		// The examples name the emulator's seeded clusters.
		t.Skip("the examples run against the emulator only")
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, Check: check}},
	})
}
