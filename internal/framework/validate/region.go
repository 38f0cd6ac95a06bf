package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/sentence"
)

// Region returns a validator for a region id (the provider's region, a flow's region) by the one
// rule, emrapi.CheckRegion, whatever the endpoint, so that a typo such as cn-hangzou is an error at
// plan time rather than a region every flow would be replaced into.
func Region() validator.String { return regionValidator{} }

type regionValidator struct{}

func (regionValidator) Description(context.Context) string {
	return "value must be a region of EMR, e.g. cn-hangzhou or ap-southeast-1"
}

func (v regionValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regionValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := emrapi.CheckRegion(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid region", sentence.End(fmt.Sprintf("%s: %s", req.Path, err)))
	}
}
