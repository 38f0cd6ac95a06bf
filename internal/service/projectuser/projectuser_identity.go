package projectuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
)

// The resource identity (Terraform >= 1.12): the project and the user name, the key the API removes
// a member by, so that an import block can say identity = { project_id = "FP-…", user_name = "alice" }.
var userIdentity = identity.Spec{Kind: "project user", Attrs: []identity.Attr{
	{Name: "project_id", Description: "The project (FP-…)."},
	{Name: "user_name", Description: "The RAM user name of the member."},
}}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = userIdentity.Schema()
}

// setIdentity records the identity of m; a client without identity support gives a nil target.
func setIdentity(ctx context.Context, target *tfsdk.ResourceIdentity, m *userModel, diags *diag.Diagnostics) {
	diags.Append(userIdentity.Write(ctx, target, m.ProjectID, m.UserName)...)
}
