package validate

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The alert events the API documents for flows.
const (
	EventFlowFailed    = "EMR-210401001" // a flow instance failed
	EventFlowSucceeded = "EMR-110401002" // a flow instance succeeded
	EventNodeFailed    = "EMR-110401015" // a node of a flow instance failed
)

// DocumentedAlertEvents lists the documented event ids, in the order of the API document.
func DocumentedAlertEvents() []string {
	return []string{EventFlowFailed, EventFlowSucceeded, EventNodeFailed}
}

var eventIDShape = regexp.MustCompile(`^EMR-[0-9]{9}$`)

// AlertEventID returns a validator for an alert event id: "EMR-" and nine digits is required; an
// id of that shape that is not one of the three documented ones is a warning only, since the
// service may know events its documentation does not list.
func AlertEventID() validator.String {
	const rule = `must be an alert event id "EMR-" followed by nine digits: ` +
		EventFlowFailed + ` (flow failed), ` + EventFlowSucceeded + ` (flow succeeded) or ` + EventNodeFailed + ` (node failed)`
	return StringRule("value "+rule, func(p path.Path, id string, diags *diag.Diagnostics) {
		switch {
		case !eventIDShape.MatchString(id):
			diags.AddAttributeError(p, "Invalid alert event id", fmt.Sprintf("%s is %q; it %s.", PathName(p), id, rule))
		case !slices.Contains(DocumentedAlertEvents(), id):
			diags.AddAttributeWarning(p, "Undocumented alert event id",
				fmt.Sprintf("%s is %q, which is not one of the documented events %s (flow failed), %s (flow succeeded), %s (node failed). The service may reject it.",
					PathName(p), id, EventFlowFailed, EventFlowSucceeded, EventNodeFailed))
		}
	})
}
