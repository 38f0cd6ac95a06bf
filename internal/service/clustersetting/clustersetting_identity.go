package clustersetting

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
)

// The resource identity (Terraform >= 1.12): the two ids the API reads a setting by, so that an
// import block can say identity = { project_id = "FP-…", cluster_id = "C-…" }.
var settingIdentity = identity.Spec{Kind: "cluster setting", Attrs: []identity.Attr{
	{Name: "project_id", Description: "The project (FP-…)."},
	{Name: "cluster_id", Description: "The associated cluster (C-…)."},
}}

func (r *settingResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = settingIdentity.Schema()
}

// setIdentity records the identity of m; a client without identity support gives a nil target.
func setIdentity(ctx context.Context, target *tfsdk.ResourceIdentity, m *settingModel, diags *diag.Diagnostics) {
	diags.Append(settingIdentity.Write(ctx, target, m.ProjectID, m.ClusterID)...)
}
