package job

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// A job is identified by its project and its ID, because DescribeFlowJob needs both.
var jobIdentity = identity.ProjectScoped("job", validate.JobPrefix)

var _ resource.ResourceWithIdentity = (*jobResource)(nil)

func (r *jobResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = jobIdentity.Schema()
}

// setIdentity answers the identity from the first of states holding its ids; Create, Read and
// Update defer it, so that it holds whatever their bodies did (see identity.FromState).
var setIdentity = identity.FromState
