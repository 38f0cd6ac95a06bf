package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var roleARNPattern = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9._@/-]+$`)

// endpointValidator checks an endpoint at plan time with the client's own parser, so that the
// plan-time and configure-time rules cannot drift apart.
func endpointValidator() validator.String {
	const rule = "an endpoint of the form scheme://host[:port], e.g. https://emr.aliyuncs.com or http://127.0.0.1:18080"
	return validate.StringRule(rule, func(p path.Path, v string, diags *diag.Diagnostics) {
		if _, _, err := emrapi.ParseEndpoint(v); err != nil {
			diags.AddAttributeError(p, "Invalid endpoint", err.Error()+"; expected "+rule+".")
		}
	})
}
