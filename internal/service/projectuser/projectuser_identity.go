package projectuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The resource identity (Terraform >= 1.12): the project and the user name, the key the API removes
// a member by, so that an import block can say identity = { project_id = "FP-…", user_name = "alice" }.

type identityModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	UserName  types.String `tfsdk:"user_name"`
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"project_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The project (FP-…).",
			},
			"user_name": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The RAM user name of the member.",
			},
		},
	}
}

// setIdentity records the identity of m; a client without identity support gives a nil target.
func setIdentity(ctx context.Context, target *tfsdk.ResourceIdentity, m *userModel, diags *diag.Diagnostics) {
	if target == nil {
		return
	}
	diags.Append(target.Set(ctx, identityModel{ProjectID: m.ProjectID, UserName: m.UserName})...)
}

// importByIdentity imports from an import block's identity.
func importByIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("project_id"), path.Root("project_id"), req, resp)
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("user_name"), path.Root("user_name"), req, resp)
}
