package validate

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// EmptyOr returns a validator that accepts the empty string and otherwise applies v. It is for
// attributes where "" is meaningful, such as a parent folder id where "" is the root.
func EmptyOr(v validator.String) validator.String { return emptyOrValidator{inner: v} }

type emptyOrValidator struct {
	inner validator.String
}

func (v emptyOrValidator) Description(ctx context.Context) string {
	return `value must be "" or ` + trimValuePrefix(v.inner.Description(ctx))
}

func (v emptyOrValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v emptyOrValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && req.ConfigValue.ValueString() == "" {
		return
	}
	v.inner.ValidateString(ctx, req, resp)
}

// trimValuePrefix turns "value must be X" into "X", so that descriptions compose.
func trimValuePrefix(s string) string {
	const prefix = "value must be "
	if len(s) > len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):]
	}
	return s
}
