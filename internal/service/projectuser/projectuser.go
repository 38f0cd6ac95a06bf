// Package projectuser holds the emrflow_project_user resource: one member of a data-development
// project, a RAM user who may view and develop the project's jobs and flows (console guide,
// "Manage a workflow project", User management).
package projectuser

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

const (
	resourceType = "emrflow_project_user"
	what         = "project user"
)

var (
	_ resource.Resource                = (*userResource)(nil)
	_ resource.ResourceWithConfigure   = (*userResource)(nil)
	_ resource.ResourceWithImportState = (*userResource)(nil)
	_ resource.ResourceWithIdentity    = (*userResource)(nil)
)

type userResource struct {
	framework.ResourceWithClient
}

// NewResource returns the emrflow_project_user resource.
func NewResource() resource.Resource {
	return &userResource{}
}

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_user"
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Makes a RAM user a member of a data-development project, so that the user can view and " +
			"develop the project's jobs and flows (CreateFlowProjectUser, ListFlowProjectUser, DeleteFlowProjectUser). " +
			"Only the account's owner can add members (console guide).\n\n" +
			"The API has no call to change a member: changing any attribute removes the member and adds it again.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`).",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "The RAM user's ID (a number, e.g. `216959339000000000`; `AccountUserId` in ListFlowProjectUser). " +
					"Changing it replaces the member; after an import from a list answer without `AccountUserId`, the " +
					"configured id is recorded in place, without a call.",
				Required: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(userIDChanged,
					"Changing a known user id replaces the member.", "Changing a known user id replaces the member.")},
				Validators: []validator.String{stringvalidator.RegexMatches(userIDPattern,
					"must be a RAM user ID: digits only, as the RAM console shows it (e.g. 216959339000000000)")},
			},
			"user_name": schema.StringAttribute{
				MarkdownDescription: "The RAM user's name (without `@<account>`), unique among the project's members: " +
					"the API removes a member by this name.",
				Required:      true,
				PlanModifiers: replace,
				Validators: []validator.String{stringvalidator.RegexMatches(userNamePattern,
					"must be a RAM user name: 1 to 64 letters, digits, '.', '_' or '-', without the @<account> suffix")},
			},
		},
	}
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, userID, name := plan.ProjectID.ValueString(), plan.UserID.ValueString(), plan.UserName.ValueString()
	ctx, cancel, err := createonce.Begin(ctx, what)
	if err != nil {
		resp.Diagnostics.AddError("Project user not added", err.Error())
		return
	}
	defer cancel()
	res, err := createProjectUser(ctx, r.Client(), projectID, userID, name)
	if err != nil {
		resp.Diagnostics.AddError("Cannot add the project user", framework.ErrorDetail(err, createonce.Hint(err)))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &plan, &resp.Diagnostics)
	tflog.Info(ctx, "project user added", map[string]any{"project_id": projectID, "user_name": name, "adopted": res.Adopted})
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The identity is set first: the framework wants one after every Read, even one that removes
	// the resource (a CLI older than 1.12 keeps none to carry over).
	setIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
	u, err := r.Client().FindProjectUser(ctx, state.ProjectID.ValueString(), state.UserName.ValueString())
	if framework.ReadFailed(ctx, err, what, importIDOf(&state), &resp.State, &resp.Diagnostics) {
		return
	}
	flattenProjectUser(u, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never called with a change (every attribute replaces the member); it stores the plan.
func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &plan, &resp.Diagnostics)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.Client().DeleteProjectUser(ctx, state.ProjectID.ValueString(), state.UserName.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot remove the project user", framework.ErrorDetail(err, ""))
	}
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	// An import block's identity; with neither an identity nor an id, the id's parse error says
	// what an import id looks like.
	if userIdentity.Import(ctx, req, resp) {
		return
	}
	projectID, name, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A project user is imported by its project id and its user name, written <project id>:<user name>: %s.", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_name"), name)...)
}

func (r *userResource) readInto(ctx context.Context, m *userModel, state *tfsdk.State, diags *diag.Diagnostics) {
	u, err := r.Client().FindProjectUser(ctx, m.ProjectID.ValueString(), m.UserName.ValueString())
	if err != nil {
		diags.AddError("Cannot read the project user after adding it", framework.ErrorDetail(err,
			"The member was added and is recorded in the state; run `terraform apply` again to refresh it."))
		return
	}
	flattenProjectUser(u, m)
	diags.Append(state.Set(ctx, m)...)
}

func importIDOf(m *userModel) string {
	return m.ProjectID.ValueString() + ":" + m.UserName.ValueString()
}
