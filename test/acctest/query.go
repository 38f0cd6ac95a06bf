package acctest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// ProjectFixture creates a project through the API for a test whose configuration must name it
// literally: a `terraform query` file cannot refer to the resources of the configuration. It is
// deleted when the test ends, after Terraform destroyed what the test put in it.
func ProjectFixture(t *testing.T, name string) string {
	t.Helper()
	PreCheck(t)
	c := Client(t)
	id, err := c.CreateProject(t.Context(), emrapi.ProjectInput{Name: name, Description: "query fixture"})
	if err != nil {
		t.Fatalf("creating the fixture project: %v", err)
	}
	t.Cleanup(func() {
		// t.Context() is already cancelled when cleanups run.
		if err := c.DeleteProject(context.Background(), id); err != nil && !emrapi.IsNotFound(err) {
			t.Errorf("deleting the fixture project %s: %v", id, err)
		}
	})
	return id
}

// ConfigQuery is a `.tfquery.hcl` file: the provider block and the given list blocks.
func ConfigQuery(lists ...string) string {
	return "provider \"emrflow\" {}\n" + strings.Join(lists, "\n")
}

// ListBlock is one `list "emrflow_<typ>" "<label>"` block with the given config arguments;
// includeResource asks for the full objects, limit > 0 caps the results.
func ListBlock(typ, label string, includeResource bool, limit int, config string) string {
	extra := ""
	if includeResource {
		extra += "  include_resource = true\n"
	}
	if limit > 0 {
		extra += fmt.Sprintf("  limit = %d\n", limit)
	}
	return fmt.Sprintf(`
list "emrflow_%[1]s" %[2]q {
  provider = emrflow
%[3]s
  config {
%[4]s
  }
}
`, typ, label, extra, config)
}
