// Package project holds the emrflow_project resource and its data sources.
package project

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
	maxNameLength        = 64
	maxDescriptionLength = 1024
)

var (
	_ resource.Resource                = (*projectResource)(nil)
	_ resource.ResourceWithConfigure   = (*projectResource)(nil)
	_ resource.ResourceWithImportState = (*projectResource)(nil)
)

type projectResource struct {
	framework.ResourceWithClient
}

// NewResource returns the emrflow_project resource.
func NewResource() resource.Resource {
	return &projectResource{}
}

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An EMR data-development project (`FP-…`): the container of flows, jobs and folders (`emrflow_category`). " +
			"Managed with CreateFlowProject, DescribeFlowProject, ModifyFlowProject and DeleteFlowProject.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The project's ID, e.g. `FP-257A173659F5E1A2`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the project, unique in the account. Renaming is done in place.",
				Required:            true,
				Validators: []validator.String{
					// LengthBetween counts bytes, as it always has for a project name.
					stringvalidator.LengthBetween(1, maxNameLength),
					validate.NameShape(),
				},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the project (the API requires one).",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, maxDescriptionLength)},
			},
			"resource_group_id": schema.StringAttribute{
				MarkdownDescription: "Resource group the project belongs to, e.g. `rg-acfmzabjyop****`. " +
					"Changing it replaces the project. The API does not return it, so after an import it is " +
					"taken from the configuration without a replacement.",
				Optional: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplaceIf(replaceUnlessImported,
						"Changing the resource group replaces the project.",
						"Changing the resource group replaces the project."),
				},
				Validators: []validator.String{
					stringvalidator.RegexMatches(resourceGroupPattern, "must look like rg-<letters and digits>"),
				},
			},
		},
	}
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Ctrl-C stops the apply before the create is sent; once sent, it is seen through.
	ctx, cancel, err := createonce.Begin(ctx, "project")
	if err != nil {
		resp.Diagnostics.AddError("Project not created", err.Error())
		return
	}
	defer cancel()
	res, err := createProject(ctx, r.Client(), expandProjectInput(&plan))
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the project", framework.ErrorDetail(err, createonce.Hint(err)))
		return
	}
	id := res.ID
	plan.ID = types.StringValue(id)
	// The id goes to state before anything else can fail, so that a failing read never orphans
	// the project.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	tflog.Info(ctx, "project created", map[string]any{"id": id, "adopted": res.Adopted})
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var state projectModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, err := r.Client().DescribeProject(ctx, state.ID.ValueString())
	if framework.ReadFailed(ctx, err, "project", state.ID.ValueString(), &resp.State, &resp.Diagnostics) {
		return
	}
	flattenProject(p, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var plan projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// ModifyFlowProject sends the name and description only: the resource group replaces.
	err := r.Client().ModifyProject(ctx, plan.ID.ValueString(), expandProjectInput(&plan))
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the project", framework.ErrorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.Client().DeleteProject(ctx, state.ID.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the project", framework.ErrorDetail(err,
			"A project can only be deleted once its flows, jobs and folders are gone."))
	}
}

func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if projectIdentity.Import(ctx, req, resp) {
		return
	}
	if !validate.HasIDPrefix(req.ID, validate.ProjectPrefix) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Expected a project ID such as %s257A173659F5E1A2, got %q.", validate.ProjectPrefix, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// readInto reads the project back after a write and stores what the server holds.
func (r *projectResource) readInto(ctx context.Context, m *projectModel, state *tfsdk.State, diags *diag.Diagnostics) {
	p, err := r.Client().DescribeProject(ctx, m.ID.ValueString())
	if err != nil {
		framework.ReadBackFailed(diags, "project", err)
		return
	}
	flattenProject(p, m)
	diags.Append(state.Set(ctx, m)...)
}
