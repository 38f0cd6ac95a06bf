package validate

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// URLScheme returns a validator for a location that must start with one of the schemes, such as
// a job resource's path (oss:// or hdfs://), with something after the scheme. Schemes are given
// without "://" and matched exactly (the API is case-sensitive).
func URLScheme(scheme string, more ...string) validator.String {
	schemes := append([]string{scheme}, more...)
	q := make([]string, len(schemes))
	for i, s := range schemes {
		q[i] = s + "://"
	}
	list := strings.Join(q, " or ")
	return StringRule("value must be a location starting with "+list, func(p path.Path, s string, diags *diag.Diagnostics) {
		for _, scheme := range schemes {
			if rest, ok := strings.CutPrefix(s, scheme+"://"); ok && rest != "" {
				return
			}
		}
		diags.AddAttributeError(p, "Invalid location",
			fmt.Sprintf("%s must start with %s followed by a path (e.g. %q), got %q.", p, list, schemes[0]+"://bucket/path/app.jar", s))
	})
}
