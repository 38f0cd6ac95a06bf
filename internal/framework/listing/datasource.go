package listing

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// This file holds what the plural data sources (emrflow_flows, emrflow_jobs, …) share: every one
// answers `ids` and a list of items in the API's order, matching nothing is not an error, and a
// missing project is told on project_id.

// Results turns what the API returned into a plural data source's ids and items: the objects keep
// holds (all of them when keep is nil), in the API's order. Matching nothing gives empty lists, not
// null ones, so that `length(data.x.ids)` works.
func Results[T, I any](ctx context.Context, objs []T, keep func(*T) bool, id func(*T) string, item func(*T) I) (types.List, []I, diag.Diagnostics) {
	ids := []string{}
	items := []I{}
	for i := range objs {
		o := &objs[i]
		if keep != nil && !keep(o) {
			continue
		}
		ids = append(ids, id(o))
		items = append(items, item(o))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	return list, items, diags
}

// ListFailed tells a failed list call of a data source: on project_id when the project does not
// exist (the user's configuration names it), as an error with summary and detail otherwise.
func ListFailed(diags *diag.Diagnostics, err error, projectID, summary, detail string) {
	if emrapi.IsProjectNotFound(err) {
		NoSuchProject(diags, projectID)
		return
	}
	diags.AddError(summary, framework.ErrorDetail(err, detail))
}

// NoSuchProject tells on project_id that the project a data source's configuration names does not
// exist (emrapi.IsProjectNotFound): the user must hear about the project, not about what was
// asked for in it.
func NoSuchProject(diags *diag.Diagnostics, projectID string) {
	diags.AddAttributeError(path.Root("project_id"), "No such project", fmt.Sprintf("No project has the ID %q.", projectID))
}

// ProjectIDArgument is the required project_id of a data source, described by desc.
func ProjectIDArgument(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc,
		Required:            true,
		Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
	}
}

// NameRegexArgument is the optional name_regex of a data source; kind names one object ("flow").
// Apply it with NameRegex.
func NameRegexArgument(kind string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "A regular expression (RE2 syntax) the " + kind + " names must match.",
		Optional:            true,
		Validators:          []validator.String{validate.Regexp()},
	}
}

// IDsAttribute is the computed `ids` of a plural data source.
func IDsAttribute(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
}

// ItemsAttribute is the computed list of items of a plural data source, one object of attrs each.
func ItemsAttribute(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
	}
}

// ComputedString is a computed string attribute of a data source.
func ComputedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// ComputedInt64 is a computed number attribute of a data source.
func ComputedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}

// GmtCreate and GmtModified are the API's timestamps, which every listed object carries.
var (
	GmtCreate   = ComputedInt64("Creation time, in milliseconds since the epoch.")
	GmtModified = ComputedInt64("Last modification time, in milliseconds since the epoch.")
)

// DataSourceSpec is what is particular to one plural data source: M is its tfsdk model, holding
// the arguments and the computed ids and items.
type DataSourceSpec[M any] struct {
	// TypeName is the data source type without the provider prefix ("flows").
	TypeName string
	Schema   schema.Schema
	// Read fills in cfg, the configuration as read, from the API; an error in diags leaves the
	// state unset.
	Read func(ctx context.Context, client *emrapi.Client, cfg *M, diags *diag.Diagnostics)
}

// DataSource is a plural data source served from a DataSourceSpec.
type DataSource[M any] struct {
	framework.DataSourceWithClient
	spec DataSourceSpec[M]
}

var (
	_ datasource.DataSource              = (*DataSource[struct{}])(nil)
	_ datasource.DataSourceWithConfigure = (*DataSource[struct{}])(nil)
)

// NewDataSource returns the data source of spec.
func NewDataSource[M any](spec DataSourceSpec[M]) datasource.DataSource {
	return &DataSource[M]{spec: spec}
}

// Metadata implements datasource.DataSource.
func (d *DataSource[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.spec.TypeName
}

// Schema implements datasource.DataSource.
func (d *DataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.spec.Schema
}

// Read implements datasource.DataSource: the configuration in, the spec's Read, the state out.
func (d *DataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg M
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d.spec.Read(ctx, d.Client(), &cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
