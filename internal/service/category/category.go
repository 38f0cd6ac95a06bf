// Package category holds the emrflow_category resource: a folder (`FC-…`) of flows or of jobs in a
// data-development project.
package category

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
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

const (
	// maxNameLength is not documented; it is generous so that the API has the last word.
	maxNameLength = 128
	typeFlow      = "FLOW"
	typeJob       = "JOB"
	typeAdhoc     = "ADHOC"
)

var (
	_ resource.Resource                = (*categoryResource)(nil)
	_ resource.ResourceWithConfigure   = (*categoryResource)(nil)
	_ resource.ResourceWithImportState = (*categoryResource)(nil)
)

// categoryResource gets its API client from the embedded base (r.Client()).
type categoryResource struct {
	framework.ResourceWithClient
}

// NewResource returns the emrflow_category resource.
func NewResource() resource.Resource {
	return &categoryResource{}
}

func (r *categoryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_category"
}

func (r *categoryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A folder (`FC-…`) of a data-development project that holds flows or jobs, and may " +
			"nest in another folder of the same kind. Managed with CreateFlowCategory, DescribeFlowCategory, " +
			"ModifyFlowCategory and DeleteFlowCategory.\n\n" +
			"A folder can only be deleted once it is empty. When a folder and what it holds are destroyed " +
			"together, Terraform deletes the content first. Anything else in the folder (made in the console, " +
			"for example) makes the delete fail with the API's `Category is not empty` error. To keep the " +
			"content but delete the folder, take two applies: first move the content out (change its " +
			"`parent_category_id` or `parent_id`), then remove the folder, because in a single apply Terraform " +
			"deletes the removed folder before it updates what referred to it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The folder's ID, e.g. `FC-5BD9575E3462B1A7`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`) the folder belongs to. Changing it replaces the folder.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the folder, unique within its parent folder. Renaming is done in place.",
				Required:            true,
				Validators:          []validator.String{validate.ObjectName(maxNameLength)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("What the folder holds: `%s` (flows), `%s` (jobs) or `%s` (ad hoc "+
					"queries), the three types CreateFlowCategory's documentation lists. Changing it replaces the folder.",
					typeFlow, typeJob, typeAdhoc),
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(typeFlow, typeJob, typeAdhoc)},
			},
			"parent_id": schema.StringAttribute{
				MarkdownDescription: "The folder (`FC-…`) this one is in; the project's root when left out. Changing " +
					"it moves the folder (and everything in it) in place.",
				Optional:   true,
				Validators: []validator.String{validate.IDPrefix(validate.FolderPrefix)},
			},
		},
	}
}

func (r *categoryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan categoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := expandCategoryInput(&plan)
	in.Type = plan.Type.ValueString()
	// Ctrl-C stops the apply before the create is sent; once sent, it is seen through.
	ctx, cancel, err := createonce.Begin(ctx, "folder")
	if err != nil {
		resp.Diagnostics.AddError("Folder not created", err.Error())
		return
	}
	defer cancel()
	res, err := createCategory(ctx, r.Client(), in)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the folder", framework.ErrorDetail(err, createonce.Hint(err)))
		return
	}
	id := res.ID
	plan.ID = types.StringValue(id)
	// The id goes to state before anything else can fail, so that a failing read never orphans
	// the folder.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	tflog.Info(ctx, "folder created", map[string]any{"id": id, "project_id": in.ProjectID, "adopted": res.Adopted})
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

func (r *categoryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var state categoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := r.Client().DescribeCategory(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if framework.ReadFailed(ctx, err, "folder", state.ID.ValueString(), &resp.State, &resp.Diagnostics) {
		return
	}
	flattenCategory(c, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *categoryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var plan categoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.Client().ModifyCategory(ctx, plan.ID.ValueString(), expandCategoryInput(&plan)); err != nil {
		resp.Diagnostics.AddError("Cannot update the folder", framework.ErrorDetail(err,
			"Folder names are unique within their parent folder, and a folder cannot be moved into itself or "+
				"into one of its own sub-folders."))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

func (r *categoryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state categoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.Client().DeleteCategory(ctx, state.ProjectID.ValueString(), state.ID.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		hint := ""
		if emrapi.IsNotEmpty(err) {
			hint = fmt.Sprintf("A folder can only be deleted once it is empty. Something that Terraform does not "+
				"manage is still in folder %s (a flow, a job or a sub-folder made in the console or by another "+
				"configuration), or a resource of this configuration that is being moved out of it: move or delete "+
				"it, then apply again.", state.ID.ValueString())
		}
		resp.Diagnostics.AddError("Cannot delete the folder", framework.ErrorDetail(err, hint))
	}
}

func (r *categoryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if categoryIdentity.Import(ctx, req, resp) {
		return
	}
	projectID, id, err := validate.ParseProjectScopedID(req.ID, validate.FolderPrefix)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A folder is imported by its project and its own ID, because the API reads a folder "+
				"only together with its project: %s.", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// readInto reads the folder back after a write and stores what the server holds.
func (r *categoryResource) readInto(ctx context.Context, m *categoryModel, state *tfsdk.State, diags *diag.Diagnostics) {
	c, err := r.Client().DescribeCategory(ctx, m.ProjectID.ValueString(), m.ID.ValueString())
	if err != nil {
		framework.ReadBackFailed(diags, "folder", err)
		return
	}
	flattenCategory(c, m)
	diags.Append(state.Set(ctx, m)...)
}
