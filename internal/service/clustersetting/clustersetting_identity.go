package clustersetting

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The resource identity (Terraform >= 1.12): the two ids the API reads a setting by, so that an
// import block can say identity = { project_id = "FP-…", cluster_id = "C-…" }.

type identityModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	ClusterID types.String `tfsdk:"cluster_id"`
}

func (r *settingResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"project_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The project (FP-…).",
			},
			"cluster_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The associated cluster (C-…).",
			},
		},
	}
}

// setIdentity records the identity of m; a client without identity support gives a nil target.
func setIdentity(ctx context.Context, target *tfsdk.ResourceIdentity, m *settingModel, diags *diag.Diagnostics) {
	if target == nil {
		return
	}
	diags.Append(target.Set(ctx, identityModel{ProjectID: m.ProjectID, ClusterID: m.ClusterID})...)
}

// importByIdentity imports from an import block's identity.
func importByIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("project_id"), path.Root("project_id"), req, resp)
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("cluster_id"), path.Root("cluster_id"), req, resp)
}
