package validate

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// StringRule returns a string validator that says description and applies check to a known,
// non-null value only: null is an attribute left unset (Required and Optional govern it), and an
// unknown value is validated again once it is known. This is what every string validator of the
// provider shares, so that one says only what it accepts and how it tells a bad value.
func StringRule(description string, check func(p path.Path, value string, diags *diag.Diagnostics)) validator.String {
	return stringRule{description: description, check: check}
}

type stringRule struct {
	description string
	markdown    string // "" when the description reads the same in Markdown
	check       func(p path.Path, value string, diags *diag.Diagnostics)
}

func (r stringRule) Description(context.Context) string { return r.description }

func (r stringRule) MarkdownDescription(context.Context) string {
	if r.markdown != "" {
		return r.markdown
	}
	return r.description
}

func (r stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	r.check(req.Path, req.ConfigValue.ValueString(), &resp.Diagnostics)
}
