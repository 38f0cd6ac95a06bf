package category

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// A category is identified by its project and its ID, because DescribeFlowCategory needs both.
var categoryIdentity = identity.ProjectScoped("category", validate.FolderPrefix)

var _ resource.ResourceWithIdentity = (*categoryResource)(nil)

func (r *categoryResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = categoryIdentity.Schema()
}

// setIdentity answers the identity from the first of states holding its ids; Create, Read and
// Update defer it, so that it holds whatever their bodies did (see identity.FromState).
var setIdentity = identity.FromState
