package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NotEmpty returns a validator for an optional string attribute that the API stores as "" when
// unset: an explicit "" would be read back as null (unset) and make Terraform report an
// inconsistent result, so it is refused at plan time with the advice to leave the attribute out.
func NotEmpty() validator.String { return notEmptyValidator{} }

type notEmptyValidator struct{}

func (notEmptyValidator) Description(context.Context) string {
	return "value must not be empty; leave the attribute out to unset it"
}

func (v notEmptyValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (notEmptyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty value",
		fmt.Sprintf("%s must not be empty: leave the attribute out (or set it to null) to unset it.", req.Path))
}
