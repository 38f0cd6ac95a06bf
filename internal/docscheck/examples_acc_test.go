package docscheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

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
	applyExample(t, readmeExample(t).code)
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
			applyExample(t, string(src))
		})
	}
}

func applyExample(t *testing.T, config string) {
	t.Helper()
	if acctest.IsReal() {
		// The examples name the emulator's seeded clusters.
		t.Skip("the examples run against the emulator only")
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config}},
	})
}
