package validate

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NotEmpty returns a validator for an optional string attribute that the API stores as "" when
// unset: an explicit "" would be read back as null (unset) and make Terraform report an
// inconsistent result, so it is refused at plan time with the advice to leave the attribute out.
func NotEmpty() validator.String {
	return StringRule("value must not be empty; leave the attribute out to unset it", func(p path.Path, v string, diags *diag.Diagnostics) {
		if v == "" {
			diags.AddAttributeError(p, "Empty value",
				fmt.Sprintf("%s must not be empty: leave the attribute out (or set it to null) to unset it.", p))
		}
	})
}
