package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListDataSource returns the emrflow_projects data source: every project whose name matches a
// regular expression (all of them without one).
func NewListDataSource() datasource.DataSource {
	return listing.NewDataSource(listing.DataSourceSpec[projectsDataModel]{TypeName: "projects", Schema: projectsSchema(), Read: readProjects})
}

type projectsDataModel struct {
	NameRegex types.String       `tfsdk:"name_regex"`
	IDs       types.List         `tfsdk:"ids"`
	Projects  []projectDataModel `tfsdk:"projects"`
}

func projectsSchema() schema.Schema {
	str := listing.ComputedString
	return schema.Schema{
		MarkdownDescription: "Lists EMR data-development projects, walking every page of ListFlowProject. " +
			"Matching nothing is not an error.",
		Attributes: map[string]schema.Attribute{
			"name_regex": listing.NameRegexArgument("project"),
			"ids":        listing.IDsAttribute("IDs of the matching projects, in the API's order."),
			"projects": listing.ItemsAttribute("The matching projects.", map[string]schema.Attribute{
				"id":           str("The project's ID."),
				"name":         str("The project's name."),
				"description":  str("The project's description."),
				"user_id":      str("The account that owns the project."),
				"gmt_create":   listing.GmtCreate,
				"gmt_modified": listing.GmtModified,
			}),
		},
	}
}

// readProjects lists the projects of the region (every page of ListFlowProject) whose names match
// name_regex.
func readProjects(ctx context.Context, client *emrapi.Client, cfg *projectsDataModel, diags *diag.Diagnostics) {
	re, d := listing.NameRegex(cfg.NameRegex)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	all, err := client.ListProjects(ctx, emrapi.ListProjectsInput{})
	if err != nil {
		diags.AddError("Cannot list projects", framework.ErrorDetail(err, ""))
		return
	}
	keep := func(p *emrapi.Project) bool { return re == nil || re.MatchString(p.Name) }
	cfg.IDs, cfg.Projects, d = listing.Results(ctx, all, keep,
		func(p *emrapi.Project) string { return p.ID },
		func(p *emrapi.Project) projectDataModel { return *flattenProjectData(p) })
	diags.Append(d...)
}
