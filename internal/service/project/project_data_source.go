package project

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ datasource.DataSource                     = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*projectDataSource)(nil)
)

type projectDataSource struct {
	client *emrapi.Client
}

// NewDataSource returns the emrflow_project data source: one project, by id or by name.
func NewDataSource() datasource.DataSource {
	return &projectDataSource{}
}

type projectDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	UserID      types.String `tfsdk:"user_id"`
	GmtCreate   types.Int64  `tfsdk:"gmt_create"`
	GmtModified types.Int64  `tfsdk:"gmt_modified"`
}

func (d *projectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (d *projectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one EMR data-development project by `id` or by `name` (exactly one of them). " +
			"It is an error when no project, or more than one, matches.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The project's ID (`FP-…`).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(projectIDPattern, "must look like FP-<letters and digits>")},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The project's exact name.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description":  schema.StringAttribute{MarkdownDescription: "The project's description.", Computed: true},
			"user_id":      schema.StringAttribute{MarkdownDescription: "The account that owns the project.", Computed: true},
			"gmt_create":   schema.Int64Attribute{MarkdownDescription: "Creation time, in milliseconds since the epoch.", Computed: true},
			"gmt_modified": schema.Int64Attribute{MarkdownDescription: "Last modification time, in milliseconds since the epoch.", Computed: true},
		},
	}
}

func (d *projectDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *projectDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.client = client
}

func (d *projectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var p *emrapi.Project
	var err error
	if !cfg.ID.IsNull() {
		p, err = d.client.DescribeProject(ctx, cfg.ID.ValueString())
		if emrapi.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "No such project",
				fmt.Sprintf("No project has the ID %q.", cfg.ID.ValueString()))
			return
		}
	} else {
		var all []emrapi.Project
		all, err = d.client.ListProjects(ctx, emrapi.ListProjectsInput{Name: cfg.Name.ValueString()})
		if err == nil {
			matches := exactNameMatches(all, cfg.Name.ValueString())
			switch len(matches) {
			case 0:
				resp.Diagnostics.AddAttributeError(path.Root("name"), "No such project",
					fmt.Sprintf("No project is named %q.", cfg.Name.ValueString()))
				return
			case 1:
				p = &matches[0]
			default:
				resp.Diagnostics.AddAttributeError(path.Root("name"), "Several projects match",
					fmt.Sprintf("%d projects are named %q; look the project up by id instead.", len(matches), cfg.Name.ValueString()))
				return
			}
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the project", framework.ErrorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, projectData(p))...)
}

// exactNameMatches keeps the projects whose name is exactly name: the API's Name filter may match
// more loosely than equality.
func exactNameMatches(all []emrapi.Project, name string) []emrapi.Project {
	var out []emrapi.Project
	for _, p := range all {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

func projectData(p *emrapi.Project) *projectDataModel {
	return &projectDataModel{
		ID:          types.StringValue(p.ID),
		Name:        types.StringValue(p.Name),
		Description: types.StringValue(p.Description),
		UserID:      types.StringValue(p.UserID),
		GmtCreate:   types.Int64Value(p.GmtCreate),
		GmtModified: types.Int64Value(p.GmtModified),
	}
}

var (
	_ datasource.DataSource              = (*projectsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)
)

type projectsDataSource struct {
	client *emrapi.Client
}

// NewListDataSource returns the emrflow_projects data source: every project whose name matches a
// regular expression (all of them without one).
func NewListDataSource() datasource.DataSource {
	return &projectsDataSource{}
}

type projectsDataModel struct {
	NameRegex types.String       `tfsdk:"name_regex"`
	IDs       types.List         `tfsdk:"ids"`
	Projects  []projectDataModel `tfsdk:"projects"`
}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists EMR data-development projects, walking every page of ListFlowProject. " +
			"Matching nothing is not an error.",
		Attributes: map[string]schema.Attribute{
			"name_regex": schema.StringAttribute{
				MarkdownDescription: "A regular expression (RE2 syntax) the project names must match.",
				Optional:            true,
				Validators:          []validator.String{validate.Regexp()},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching projects, in the API's order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"projects": schema.ListNestedAttribute{
				MarkdownDescription: "The matching projects.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":           schema.StringAttribute{MarkdownDescription: "The project's ID.", Computed: true},
						"name":         schema.StringAttribute{MarkdownDescription: "The project's name.", Computed: true},
						"description":  schema.StringAttribute{MarkdownDescription: "The project's description.", Computed: true},
						"user_id":      schema.StringAttribute{MarkdownDescription: "The account that owns the project.", Computed: true},
						"gmt_create":   schema.Int64Attribute{MarkdownDescription: "Creation time, in milliseconds since the epoch.", Computed: true},
						"gmt_modified": schema.Int64Attribute{MarkdownDescription: "Last modification time, in milliseconds since the epoch.", Computed: true},
					},
				},
			},
		},
	}
}

func (d *projectsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.client = client
}

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var re *regexp.Regexp
	if !cfg.NameRegex.IsNull() {
		// Validated at plan time; compiled again here because validation may have seen an unknown.
		var err error
		if re, err = regexp.Compile(cfg.NameRegex.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", err.Error())
			return
		}
	}
	all, err := d.client.ListProjects(ctx, emrapi.ListProjectsInput{})
	if err != nil {
		resp.Diagnostics.AddError("Cannot list projects", framework.ErrorDetail(err, ""))
		return
	}
	ids := []string{}
	cfg.Projects = []projectDataModel{}
	for i := range all {
		if re != nil && !re.MatchString(all[i].Name) {
			continue
		}
		ids = append(ids, all[i].ID)
		cfg.Projects = append(cfg.Projects, *projectData(&all[i]))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	cfg.IDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
