package validate

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// URLScheme returns a validator for a location that must start with one of the schemes, such as
// a job resource's path (oss:// or hdfs://), with something after the scheme. Schemes are given
// without "://" and matched exactly (the API is case-sensitive).
func URLScheme(scheme string, more ...string) validator.String {
	return urlSchemeValidator{schemes: append([]string{scheme}, more...)}
}

type urlSchemeValidator struct {
	schemes []string
}

func (v urlSchemeValidator) list() string {
	q := make([]string, len(v.schemes))
	for i, s := range v.schemes {
		q[i] = s + "://"
	}
	return strings.Join(q, " or ")
}

func (v urlSchemeValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be a location starting with %s", v.list())
}

func (v urlSchemeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v urlSchemeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	for _, scheme := range v.schemes {
		if rest, ok := strings.CutPrefix(s, scheme+"://"); ok && rest != "" {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid location",
		fmt.Sprintf("%s must start with %s followed by a path (e.g. %q), got %q.",
			req.Path, v.list(), v.schemes[0]+"://bucket/path/app.jar", s))
}
