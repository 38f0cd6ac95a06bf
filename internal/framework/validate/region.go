package validate

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/sentence"
)

// Region returns a validator for a region id (the provider's region, a flow's region) by the one
// rule, emrapi.CheckRegion, whatever the endpoint, so that a typo such as cn-hangzou is an error at
// plan time rather than a region every flow would be replaced into.
func Region() validator.String {
	return StringRule("value must be a region of EMR, e.g. cn-hangzhou or ap-southeast-1", func(p path.Path, v string, diags *diag.Diagnostics) {
		if err := emrapi.CheckRegion(v); err != nil {
			diags.AddAttributeError(p, "Invalid region", sentence.End(fmt.Sprintf("%s: %s", p, err)))
		}
	})
}
