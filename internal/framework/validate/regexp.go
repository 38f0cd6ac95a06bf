package validate

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Regexp returns a validator that rejects a string that does not compile as a Go (RE2) regular
// expression, such as a data source's name_regex, at plan time.
func Regexp() validator.String {
	return StringRule("a regular expression in RE2 syntax", func(p path.Path, v string, diags *diag.Diagnostics) {
		if _, err := regexp.Compile(v); err != nil {
			diags.AddAttributeError(p, "Invalid regular expression",
				fmt.Sprintf("%s; expected a regular expression in RE2 syntax (https://github.com/google/re2/wiki/Syntax).", err))
		}
	})
}
