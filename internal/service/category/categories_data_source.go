package category

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// NewListDataSource returns the emrflow_categories data source: the folders of a project,
// filtered by type and parent folder.
func NewListDataSource() datasource.DataSource {
	return listing.NewDataSource(listing.DataSourceSpec[categoriesDataModel]{TypeName: "categories", Schema: categoriesSchema(), Read: readCategories})
}

type categoriesDataModel struct {
	ProjectID  types.String              `tfsdk:"project_id"`
	Type       types.String              `tfsdk:"type"`
	ParentID   types.String              `tfsdk:"parent_id"`
	IDs        types.List                `tfsdk:"ids"`
	Categories []categoriesItemDataModel `tfsdk:"categories"`
}

type categoriesItemDataModel struct {
	ID          types.String `tfsdk:"id"`
	ProjectID   types.String `tfsdk:"project_id"`
	Name        types.String `tfsdk:"name"`
	Type        types.String `tfsdk:"type"`
	ParentID    types.String `tfsdk:"parent_id"`
	GmtCreate   types.Int64  `tfsdk:"gmt_create"`
	GmtModified types.Int64  `tfsdk:"gmt_modified"`
}

func categoriesSchema() schema.Schema {
	str := listing.ComputedString
	return schema.Schema{
		MarkdownDescription: "Lists the folders (`FC-…`) of a data-development project, walking every page of " +
			"ListFlowCategory: all of them, or those directly in `parent_id`, of either type or of `type`. Only " +
			"folders are listed (the API's list also holds the flows and jobs in them, as files). Matching nothing " +
			"is not an error.",
		Attributes: map[string]schema.Attribute{
			"project_id": listing.ProjectIDArgument("The project (`FP-…`) whose folders are listed."),
			"type": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Only the folders of flows (`%s`), of jobs (`%s`) or of ad hoc queries (`%s`).",
					typeFlow, typeJob, typeAdhoc),
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(typeFlow, typeJob, typeAdhoc)},
			},
			"parent_id": schema.StringAttribute{
				MarkdownDescription: "Only the folders directly in this folder (`FC-…`). Unset: every folder of the project.",
				Optional:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.FolderPrefix)},
			},
			"ids": listing.IDsAttribute("IDs of the matching folders, in the API's order."),
			"categories": listing.ItemsAttribute("The matching folders, in the same order as `ids`.", map[string]schema.Attribute{
				"id":           str("The folder's ID (`FC-…`)."),
				"project_id":   str("The project (`FP-…`) that holds the folder."),
				"name":         str("The folder's name."),
				"type":         str("What the folder holds: `FLOW` or `JOB`."),
				"parent_id":    str("The folder (`FC-…`) this one is in; null at the project's root."),
				"gmt_create":   listing.GmtCreate,
				"gmt_modified": listing.GmtModified,
			}),
		},
	}
}

// readCategories lists the folders of the project (every page of ListFlowCategory) that match
// the filters.
func readCategories(ctx context.Context, client *emrapi.Client, cfg *categoriesDataModel, diags *diag.Diagnostics) {
	projectID, parentID, typ := cfg.ProjectID.ValueString(), cfg.ParentID.ValueString(), cfg.Type.ValueString()
	all, err := client.ListCategories(ctx, emrapi.ListCategoriesInput{ProjectID: projectID, ParentID: parentID})
	if err != nil {
		listing.ListFailed(diags, err, projectID, "Cannot list the folders", "")
		return
	}
	// Files (the flows and jobs in a folder) are left out; so is what the API returns beyond the
	// filters, should it ignore one.
	keep := func(c *emrapi.Category) bool {
		return (c.CategoryType == "" || c.CategoryType == "FOLDER") &&
			(typ == "" || c.Type == typ) &&
			(parentID == "" || parentOf(c) == parentID)
	}
	var d diag.Diagnostics
	cfg.IDs, cfg.Categories, d = listing.Results(ctx, all, keep, func(c *emrapi.Category) string { return c.ID }, categoriesItem)
	diags.Append(d...)
}

// parentOf is the folder c is in, "" at the project's root (whose "root_parent" is no parent).
func parentOf(c *emrapi.Category) string {
	if c.ParentID == "root_parent" {
		return ""
	}
	return c.ParentID
}

func categoriesItem(c *emrapi.Category) categoriesItemDataModel {
	return categoriesItemDataModel{
		ID:          types.StringValue(c.ID),
		ProjectID:   types.StringValue(c.ProjectID),
		Name:        types.StringValue(c.Name),
		Type:        types.StringValue(c.Type),
		ParentID:    flex.StringOrNull(parentOf(c)),
		GmtCreate:   types.Int64Value(c.GmtCreate),
		GmtModified: types.Int64Value(c.GmtModified),
	}
}
