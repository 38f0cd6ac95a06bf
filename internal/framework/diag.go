package framework

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// ErrorDetail renders an API error for a diagnostic: the API's code, message and request id (the
// three things support asks for), then a hint of what to do, when there is one. When the API error
// is wrapped, what the wrapper says (for example that a create's outcome is unknown and what to
// check) comes first, and only a hint about a reference the server could not resolve is added.
func ErrorDetail(err error, hint string) string {
	var b strings.Builder
	var transportErr *emrapi.TransportError
	var apiErr *emrapi.Error
	if errors.As(err, &transportErr) {
		// Nothing answered, or something that is not the API did: "The EMR API answered" would
		// send the user looking at the API. The error names the endpoint and where it was set; the
		// advice says what to do about it, before any advice of the caller.
		b.WriteString(err.Error())
		b.WriteString(".\n\n")
		b.WriteString(transportErr.Advice())
	} else if errors.As(err, &apiErr) {
		// A CredentialError says what its *Error says: it is not a wrapper with a message of its own.
		var credErr *emrapi.CredentialError
		bareCredErr := errors.As(err, &credErr) && err == error(credErr)
		wrapped := err != error(apiErr) && !bareCredErr
		if wrapped {
			b.WriteString(err.Error())
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "The EMR API answered %s", apiErr.Action)
		if apiErr.Code != "" {
			fmt.Fprintf(&b, " with %s", apiErr.Code)
		}
		if apiErr.HTTPStatus != 0 {
			fmt.Fprintf(&b, " (HTTP %d)", apiErr.HTTPStatus)
		}
		if apiErr.Message != "" {
			// The sentence ends here with a period of its own: the API's often ends with one.
			fmt.Fprintf(&b, ": %s", strings.TrimSuffix(apiErr.Message, "."))
		}
		b.WriteString(".")
		if apiErr.RequestID != "" {
			fmt.Fprintf(&b, "\nRequest ID: %s", apiErr.RequestID)
		}
		if apiErr.Recommend != "" {
			fmt.Fprintf(&b, "\nRecommendation: %s", apiErr.Recommend)
		}
		var advised emrapi.Advised
		if errors.As(err, &advised) && advised.Advice() != "" {
			// Refused credentials: which one to check, and where it came from.
			b.WriteString("\n\n")
			b.WriteString(advised.Advice())
		} else if hint == "" && (!wrapped || !emrapi.IsRetryable(apiErr)) {
			// A wrapper of a temporary failure says itself what to do (look the object up, wait
			// for the deadline); the generic "run it again" would contradict it.
			hint = defaultHint(apiErr)
		}
	} else {
		b.WriteString(err.Error())
	}
	if hint != "" {
		b.WriteString("\n\n")
		b.WriteString(hint)
	}
	return b.String()
}

// defaultHint is the hint of an API error when the caller has none of its own.
func defaultHint(e *emrapi.Error) string {
	if hint := emrapi.ReferenceHint(e); hint != "" {
		return hint
	}
	if emrapi.IsRetryable(e) {
		return "This failure is temporary (flow control, a server error or the network) and lasted through the provider's retries: " +
			"run the command again, or raise max_retries in the provider block."
	}
	return ""
}

// ReadBackFailed tells that reading an object back after a successful write failed (a resource's
// readInto): what names it ("folder"). The object exists and its id is in the state, so another
// apply refreshes it.
func ReadBackFailed(diags *diag.Diagnostics, what string, err error) {
	diags.AddError("Cannot read the "+what+" after writing it", ErrorDetail(err,
		"The "+what+" exists and is recorded in the state; run `terraform apply` again to refresh it."))
}

// ReadFailed handles the error of the Describe call in a resource's Read. An object that no longer
// exists is removed from the state, so that Terraform plans to create it again; any other error
// becomes a diagnostic. It returns true when Read must stop (on both), false when err is nil.
func ReadFailed(ctx context.Context, err error, what, id string, state *tfsdk.State, diags *diag.Diagnostics) bool {
	switch {
	case err == nil:
		return false
	case emrapi.IsNotFound(err):
		tflog.Warn(ctx, what+" no longer exists; removing it from state", map[string]any{"id": id})
		state.RemoveResource(ctx)
	default:
		diags.AddError("Cannot read the "+what, ErrorDetail(err, ""))
	}
	return true
}
