package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

var roleARNPattern = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9._@/-]+$`)

// endpointValidator checks an endpoint at plan time with the client's own parser, so that the
// plan-time and configure-time rules cannot drift apart.
type endpointValidator struct{}

func (endpointValidator) Description(context.Context) string {
	return "an endpoint of the form scheme://host[:port], e.g. https://emr.aliyuncs.com or http://127.0.0.1:18080"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v endpointValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, _, err := emrapi.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint",
			err.Error()+"; expected "+v.Description(ctx)+".")
	}
}
