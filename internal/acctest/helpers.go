package acctest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// ErrorRegexp matches a diagnostic whatever the line wrapping of Terraform's output: each space of
// pattern matches any run of white space.
func ErrorRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// ImportIDFunc gives the import id of resource n made of its attributes joined by ":", the
// shape of the ids of objects the API reads by two keys ("FP-…:alice", "FP-…:C-…").
func ImportIDFunc(n string, attrs ...string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[n]
		if !ok {
			return "", fmt.Errorf("%s not in state", n)
		}
		parts := make([]string, len(attrs))
		for i, a := range attrs {
			parts[i] = rs.Primary.Attributes[a]
		}
		return strings.Join(parts, ":"), nil
	}
}
