package listing

import (
	"context"
	"fmt"

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
		diags.AddAttributeError(path.Root("project_id"), "No such project", fmt.Sprintf("No project has the ID %q.", projectID))
		return
	}
	diags.AddError(summary, framework.ErrorDetail(err, detail))
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
