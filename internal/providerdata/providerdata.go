// Package providerdata is the glue between the provider's Configure and the resources: how a
// resource gets its API client, and how API errors become diagnostics a user can act on.
package providerdata

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// Client returns the API client the provider handed to a resource or data source. A nil
// providerData is normal (the framework configures resources before the provider during
// validation) and gives a nil client without error.
func Client(providerData any) (*emrapi.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	if providerData == nil {
		return nil, diags
	}
	client, ok := providerData.(*emrapi.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *emrapi.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil, diags
	}
	return client, diags
}

// ErrorDetail renders an API error for a diagnostic: the API's code, message and request id (the
// three things support asks for), then a hint of what to do, when there is one.
func ErrorDetail(err error, hint string) string {
	var b strings.Builder
	var apiErr *emrapi.Error
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, "The EMR API answered %s", apiErr.Action)
		if apiErr.Code != "" {
			fmt.Fprintf(&b, " with %s", apiErr.Code)
		}
		if apiErr.HTTPStatus != 0 {
			fmt.Fprintf(&b, " (HTTP %d)", apiErr.HTTPStatus)
		}
		if apiErr.Message != "" {
			fmt.Fprintf(&b, ": %s", apiErr.Message)
		}
		b.WriteString(".")
		if apiErr.RequestID != "" {
			fmt.Fprintf(&b, "\nRequest ID: %s", apiErr.RequestID)
		}
		if apiErr.Recommend != "" {
			fmt.Fprintf(&b, "\nRecommendation: %s", apiErr.Recommend)
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
