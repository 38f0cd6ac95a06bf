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
	client *emrapi.Client
}

// NewResource returns the emrflow_project resource.
func NewResource() resource.Resource {
	return &projectResource{}
}

type projectModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	ResourceGroupID types.String `tfsdk:"resource_group_id"`
}

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An EMR data-development project (`FP-…`): the container of flows, jobs and categories. " +
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
					stringvalidator.LengthBetween(1, maxNameLength),
					stringvalidator.RegexMatches(namePattern, namePatternHelp),
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

// replaceUnlessImported asks for a replacement when the resource group changes, except when the
// state has none because the project was imported: the API never returns the group, so an imported
// project would otherwise be replaced for no reason.
func replaceUnlessImported(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull()
}

func (r *projectResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	r.client = client
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
	res, err := r.create(ctx, emrapi.ProjectInput{
		Name:            plan.Name.ValueString(),
		Description:     plan.Description.ValueString(),
		ResourceGroupID: plan.ResourceGroupID.ValueString(),
	})
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

// create makes the project exactly once (see package createonce). A project's key is its name in
// the account; a project found under it after an unknown outcome is ours when its description
// reads back the same and it was created during this apply. The resource group is not compared:
// DescribeFlowProject does not return it.
func (r *projectResource) create(ctx context.Context, in emrapi.ProjectInput) (createonce.Result, error) {
	return createonce.Create(ctx, createonce.Op{
		Kind:         "project",
		ResourceType: "emrflow_project",
		Key:          fmt.Sprintf("named %q", in.Name),
		Create:       func(ctx context.Context) (string, error) { return r.client.CreateProject(ctx, in) },
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			p, err := r.client.FindProjectByName(ctx, in.Name)
			if err != nil {
				return nil, err
			}
			var diff createonce.Diff
			diff.Check("description", p.Description == in.Description)
			return &createonce.Candidate{ID: p.ID, ImportID: p.ID, Created: createonce.Millis(p.GmtCreate), Differs: diff}, nil
		},
	})
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var state projectModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, err := r.client.DescribeProject(ctx, state.ID.ValueString())
	if framework.ReadFailed(ctx, err, "project", state.ID.ValueString(), &resp.State, &resp.Diagnostics) {
		return
	}
	flatten(p, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, req.State)
	var plan projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.ModifyProject(ctx, plan.ID.ValueString(), emrapi.ProjectInput{
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueString(),
	})
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
	err := r.client.DeleteProject(ctx, state.ID.ValueString())
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the project", framework.ErrorDetail(err,
			"A project can only be deleted once its flows, jobs and categories are gone."))
	}
}

func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if projectIdentity.Import(ctx, req, resp) {
		return
	}
	if !projectIDPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Expected a project ID such as FP-257A173659F5E1A2, got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// readInto reads the project back after a write and stores what the server holds.
func (r *projectResource) readInto(ctx context.Context, m *projectModel, state *tfsdk.State, diags *diag.Diagnostics) {
	p, err := r.client.DescribeProject(ctx, m.ID.ValueString())
	if err != nil {
		diags.AddError("Cannot read the project after writing it", framework.ErrorDetail(err,
			"The project exists and is recorded in the state; run `terraform apply` again to refresh it."))
		return
	}
	flatten(p, m)
	diags.Append(state.Set(ctx, m)...)
}

func flatten(p *emrapi.Project, m *projectModel) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringValue(p.Description)
	// resource_group_id is not returned by DescribeFlowProject: it stays as configured.
}
