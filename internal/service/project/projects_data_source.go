package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ datasource.DataSource              = (*projectsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)
)

type projectsDataSource struct {
	framework.DataSourceWithClient
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

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	re, diags := listing.NameRegex(cfg.NameRegex)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.Client().ListProjects(ctx, emrapi.ListProjectsInput{})
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
		cfg.Projects = append(cfg.Projects, *flattenProjectData(&all[i]))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	cfg.IDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
