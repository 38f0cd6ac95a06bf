package validate

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

// IDPrefix returns a validator for a string attribute holding an EMR id that must start with one
// of the given prefixes ("FP-", "F-", ...) followed by at least one letter or digit. The check is
// about shape only; whether the object exists is for the API to say.
func IDPrefix(prefix string, more ...string) validator.String {
	prefixes := append([]string{prefix}, more...)
	return StringRule(fmt.Sprintf("value must be an id starting with %s followed by letters and digits", quotedList(prefixes)),
		func(p path.Path, id string, diags *diag.Diagnostics) {
			if !HasIDPrefix(id, prefixes...) {
				diags.AddAttributeError(p, "Invalid id",
					fmt.Sprintf("%s must be an id starting with %s followed by letters and digits (e.g. %q), got %q.",
						PathName(p), quotedList(prefixes), prefixes[0]+"7A39731FE719", id))
			}
		})
}

// HasIDPrefix reports whether id is one of the prefixes followed by one or more ASCII letters or
// digits (vocab.HasIDPrefix).
func HasIDPrefix(id string, prefixes ...string) bool { return vocab.HasIDPrefix(id, prefixes...) }

// quotedList renders prefixes as `"FP-"` or `"C-" or "CT-"`.
func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " or ")
}
