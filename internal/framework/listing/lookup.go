package listing

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// This file holds what the singular data sources (emrflow_flow, emrflow_job, emrflow_project)
// share: one object looked up by `id` or by exact `name`, exactly one of them, and an error on
// name when no object or several have it.

// LookupID is the optional `id` of a singular data source, read back when the lookup is by name.
func LookupID(desc string, v validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Computed: true, Validators: []validator.String{v}}
}

// LookupName is the optional `name` of a singular data source; kind names the object ("job").
func LookupName(kind string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The " + kind + "'s exact name.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// LookupByIDOrName is the config validator of a singular data source: exactly one of id and name.
func LookupByIDOrName() []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

// OneNamed returns the one id of ids, those of the objects named exactly name, or false after
// telling on `name` that none or several are: kind names the object ("job"), where says where it
// was looked for (" of project FP-…"; "" for the projects of the region).
func OneNamed(diags *diag.Diagnostics, ids []string, kind, where, name string) (string, bool) {
	switch len(ids) {
	case 1:
		return ids[0], true
	case 0:
		diags.AddAttributeError(path.Root("name"), "No such "+kind,
			fmt.Sprintf("No %s%s is named %q.", kind, where, name))
	default:
		diags.AddAttributeError(path.Root("name"), "Several "+kind+"s match",
			fmt.Sprintf("%d %ss%s are named %q (%s); look the %s up by id instead.",
				len(ids), kind, where, name, strings.Join(ids, ", "), kind))
	}
	return "", false
}
