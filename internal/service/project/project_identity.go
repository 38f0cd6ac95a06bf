package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
)

// A project is identified by its own ID (Terraform >= 1.12: import blocks with identity = { id = "FP-…" }).
var projectIdentity = identity.Project()

var _ resource.ResourceWithIdentity = (*projectResource)(nil)

func (r *projectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = projectIdentity.Schema()
}

// setIdentity answers the identity from the first of states holding its ids; Create, Read and
// Update defer it, so that it holds whatever their bodies did (see identity.FromState).
var setIdentity = identity.FromState
