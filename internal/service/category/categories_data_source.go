package category

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ datasource.DataSource              = (*categoriesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*categoriesDataSource)(nil)
)

type categoriesDataSource struct {
	client *emrapi.Client
}

// NewListDataSource returns the emrflow_categories data source: the folders of a project,
// filtered by type and parent folder.
func NewListDataSource() datasource.DataSource {
	return &categoriesDataSource{}
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

func (d *categoriesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_categories"
}

func (d *categoriesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the folders (`FC-…`) of a data-development project, walking every page of " +
			"ListFlowCategory: all of them, or those directly in `parent_id`, of either type or of `type`. Only " +
			"folders are listed (the API's list also holds the flows and jobs in them, as files). Matching nothing " +
			"is not an error.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`) whose folders are listed.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Only the folders of flows (`%s`), of jobs (`%s`) or of ad hoc queries (`%s`).",
					typeFlow, typeJob, typeAdhoc),
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(typeFlow, typeJob, typeAdhoc)},
			},
			"parent_id": schema.StringAttribute{
				MarkdownDescription: "Only the folders directly in this folder (`FC-…`). Unset: every folder of the project.",
				Optional:            true,
				Validators:          []validator.String{validate.IDPrefix(categoryIDPrefix)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the matching folders, in the API's order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"categories": schema.ListNestedAttribute{
				MarkdownDescription: "The matching folders, in the same order as `ids`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":           str("The folder's ID (`FC-…`)."),
						"project_id":   str("The project (`FP-…`) that holds the folder."),
						"name":         str("The folder's name."),
						"type":         str("What the folder holds: `FLOW` or `JOB`."),
						"parent_id":    str("The folder (`FC-…`) this one is in; null at the project's root."),
						"gmt_create":   schema.Int64Attribute{MarkdownDescription: "Creation time, in milliseconds since the epoch.", Computed: true},
						"gmt_modified": schema.Int64Attribute{MarkdownDescription: "Last modification time, in milliseconds since the epoch.", Computed: true},
					},
				},
			},
		},
	}
}

func (d *categoriesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.client = client
}

func (d *categoriesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg categoriesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, parentID, typ := cfg.ProjectID.ValueString(), cfg.ParentID.ValueString(), cfg.Type.ValueString()
	all, err := d.client.ListCategories(ctx, emrapi.ListCategoriesInput{ProjectID: projectID, ParentID: parentID})
	if err != nil {
		var apiErr *emrapi.Error
		if errors.As(err, &apiErr) && strings.HasPrefix(apiErr.Message, "Project does not exist") {
			resp.Diagnostics.AddAttributeError(path.Root("project_id"), "No such project", fmt.Sprintf("No project has the ID %q.", projectID))
			return
		}
		resp.Diagnostics.AddError("Cannot list the folders", framework.ErrorDetail(err, ""))
		return
	}
	ids := []string{}
	cfg.Categories = []categoriesItemDataModel{}
	for _, c := range all {
		// Files (the flows and jobs in a folder) are left out; so is what the API returns beyond
		// the filters, should it ignore one. The root's "root_parent" is no parent.
		parent := c.ParentID
		if parent == "root_parent" {
			parent = ""
		}
		switch {
		case c.CategoryType != "" && c.CategoryType != "FOLDER",
			typ != "" && c.Type != typ,
			parentID != "" && parent != parentID:
			continue
		}
		ids = append(ids, c.ID)
		cfg.Categories = append(cfg.Categories, categoriesItemDataModel{
			ID:          types.StringValue(c.ID),
			ProjectID:   types.StringValue(c.ProjectID),
			Name:        types.StringValue(c.Name),
			Type:        types.StringValue(c.Type),
			ParentID:    flex.StringOrNull(parent),
			GmtCreate:   types.Int64Value(c.GmtCreate),
			GmtModified: types.Int64Value(c.GmtModified),
		})
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	cfg.IDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
