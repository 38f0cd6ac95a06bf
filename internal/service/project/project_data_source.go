package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

var (
	_ datasource.DataSource                     = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*projectDataSource)(nil)
)

type projectDataSource struct {
	framework.DataSourceWithClient
}

// NewDataSource returns the emrflow_project data source: one project, by id or by name.
func NewDataSource() datasource.DataSource {
	return &projectDataSource{}
}

// projectDataModel is also one project of emrflow_projects.
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
			"id": listing.LookupID("The project's ID (`FP-…`).",
				stringvalidator.RegexMatches(projectIDPattern, "must look like FP-<letters and digits>")),
			"name":         listing.LookupName("project"),
			"description":  listing.ComputedString("The project's description."),
			"user_id":      listing.ComputedString("The account that owns the project."),
			"gmt_create":   listing.GmtCreate,
			"gmt_modified": listing.GmtModified,
		},
	}
}

func (d *projectDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return listing.LookupByIDOrName()
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
		p, err = d.Client().DescribeProject(ctx, cfg.ID.ValueString())
		if emrapi.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "No such project",
				fmt.Sprintf("No project has the ID %q.", cfg.ID.ValueString()))
			return
		}
	} else {
		var matches []emrapi.Project
		matches, err = findProjectsByName(ctx, d.Client(), cfg.Name.ValueString())
		if err == nil {
			ids := make([]string, len(matches))
			for i := range matches {
				ids[i] = matches[i].ID
			}
			if _, ok := listing.OneNamed(&resp.Diagnostics, ids, "project", "", cfg.Name.ValueString()); !ok {
				return
			}
			p = &matches[0]
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the project", framework.ErrorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenProjectData(p))...)
}
