package docscheck

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/acctest"
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
