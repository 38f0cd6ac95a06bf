package validate

import (
	"context"
	"fmt"
	"regexp"
	"slices"

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
func AlertEventID() validator.String { return alertEventIDValidator{} }

type alertEventIDValidator struct{}

func (alertEventIDValidator) Description(context.Context) string {
	return fmt.Sprintf(`value must be an alert event id "EMR-" followed by nine digits: %s (flow failed), %s (flow succeeded) or %s (node failed)`,
		EventFlowFailed, EventFlowSucceeded, EventNodeFailed)
}

func (v alertEventIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v alertEventIDValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	switch {
	case !eventIDShape.MatchString(id):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid alert event id",
			fmt.Sprintf("%s is %q; it %s.", PathName(req.Path), id, v.Description(ctx)[len("value "):]))
	case !slices.Contains(DocumentedAlertEvents(), id):
		resp.Diagnostics.AddAttributeWarning(req.Path, "Undocumented alert event id",
			fmt.Sprintf("%s is %q, which is not one of the documented events %s (flow failed), %s (flow succeeded), %s (node failed). The service may reject it.",
				PathName(req.Path), id, EventFlowFailed, EventFlowSucceeded, EventNodeFailed))
	}
}
