// Package projectuser holds the emrflow_project_user resource: one member of a data-development
// project, a RAM user who may view and develop the project's jobs and flows (console guide,
// "Manage a workflow project", User management).
package projectuser

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

// A RAM user name is 1 to 64 letters, digits, '.', '_' and '-' (RAM's own rule; DeleteFlowProjectUser's
// page calls it "子账号名称", the sub-account name), and a RAM user id is a number. The pages of
// CreateFlowProjectUser and ListFlowProjectUser are missing: the SDK has User.N.UserId and
// User.N.UserName on the create and AccountUserId and UserName in the list.
var (
	userNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	userIDPattern   = regexp.MustCompile(`^[0-9]{1,64}$`)
)

var (
	_ resource.Resource                = (*userResource)(nil)
	_ resource.ResourceWithConfigure   = (*userResource)(nil)
	_ resource.ResourceWithImportState = (*userResource)(nil)
	_ resource.ResourceWithIdentity    = (*userResource)(nil)
)

type userResource struct {
	client *emrapi.Client
}

// NewResource returns the emrflow_project_user resource.
func NewResource() resource.Resource {
	return &userResource{}
}

type userModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	UserID    types.String `tfsdk:"user_id"`
	UserName  types.String `tfsdk:"user_name"`
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
				MarkdownDescription: "The RAM user's ID (a number, e.g. `216959339000000000`; `AccountUserId` in ListFlowProjectUser).",
				Required:            true,
				PlanModifiers:       replace,
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

func (r *userResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	r.client = client
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
	res, err := createonce.Create(ctx, createonce.Op{
		Kind:         what,
		ResourceType: resourceType,
		Key:          fmt.Sprintf("named %q in project %s", name, projectID),
		Create: func(ctx context.Context) (string, error) {
			return name, r.client.CreateProjectUser(ctx, projectID, userID, name)
		},
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			u, err := r.client.FindProjectUser(ctx, projectID, name)
			if err != nil {
				return nil, err
			}
			var d createonce.Diff
			d.Check("user_id", u.UserID == "" || u.UserID == userID)
			return &createonce.Candidate{ID: name, ImportID: projectID + ":" + name, Created: createonce.Millis(u.GmtCreate), Differs: d}, nil
		},
	})
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
	u, err := r.client.FindProjectUser(ctx, state.ProjectID.ValueString(), state.UserName.ValueString())
	if framework.ReadFailed(ctx, err, what, importIDOf(&state), &resp.State, &resp.Diagnostics) {
		return
	}
	flatten(u, &state)
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
	err := r.client.DeleteProjectUser(ctx, state.ProjectID.ValueString(), state.UserName.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot remove the project user", framework.ErrorDetail(err, ""))
	}
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByIdentity(ctx, req, resp)
		return
	}
	projectID, name, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A project user is imported by its project and its user name, the key DeleteFlowProjectUser takes: %s.", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_name"), name)...)
}

// parseImportID splits "FP-…:<user name>".
func parseImportID(id string) (projectID, name string, err error) {
	const example = "FP-257A173659F5E1A2:alice"
	projectID, name, ok := strings.Cut(id, ":")
	switch {
	case !ok:
		return "", "", fmt.Errorf("expected <project id>:<user name> such as %s, got %q (no colon)", example, id)
	case !validate.HasIDPrefix(projectID, validate.ProjectPrefix):
		return "", "", fmt.Errorf("expected <project id>:<user name> such as %s, got %q: %q is not a project id (FP-…)", example, id, projectID)
	case !userNamePattern.MatchString(name):
		return "", "", fmt.Errorf("expected <project id>:<user name> such as %s, got %q: %q is not a RAM user name "+
			"(1 to 64 letters, digits, '.', '_' or '-')", example, id, name)
	}
	return projectID, name, nil
}

func (r *userResource) readInto(ctx context.Context, m *userModel, state *tfsdk.State, diags *diag.Diagnostics) {
	u, err := r.client.FindProjectUser(ctx, m.ProjectID.ValueString(), m.UserName.ValueString())
	if err != nil {
		diags.AddError("Cannot read the project user after adding it", framework.ErrorDetail(err,
			"The member was added and is recorded in the state; run `terraform apply` again to refresh it."))
		return
	}
	flatten(u, m)
	diags.Append(state.Set(ctx, m)...)
}

func importIDOf(m *userModel) string {
	return m.ProjectID.ValueString() + ":" + m.UserName.ValueString()
}

// flatten stores what ListFlowProjectUser holds; an answer without AccountUserId keeps the known id.
func flatten(u *emrapi.ProjectUser, m *userModel) {
	if u.ProjectID != "" {
		m.ProjectID = types.StringValue(u.ProjectID)
	}
	m.UserName = types.StringValue(u.UserName)
	if u.UserID != "" {
		m.UserID = types.StringValue(u.UserID)
	}
}
