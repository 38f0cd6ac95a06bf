package flow

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// A flow is identified by its project and its ID, because DescribeFlow needs both and does
// not return the project (Terraform >= 1.12: identity = { project_id = "FP-…", id = "F-…" }).
var flowIdentity = identity.ProjectScoped("flow", validate.FlowPrefix)

var _ resource.ResourceWithIdentity = (*flowResource)(nil)

func (r *flowResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = flowIdentity.Schema()
}

// setIdentity answers the identity from the first of states holding its ids; Create, Read and
// Update defer it, so that it holds whatever their bodies did (see identity.FromState).
var setIdentity = identity.FromState
