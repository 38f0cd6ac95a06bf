package flow

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ datasource.DataSource                     = (*flowDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*flowDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*flowDataSource)(nil)
)

type flowDataSource struct {
	framework.DataSourceWithClient
}

// NewDataSource returns the emrflow_flow data source: one flow of a project, by id or by name.
func NewDataSource() datasource.DataSource {
	return &flowDataSource{}
}

func (d *flowDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow"
}

func (d *flowDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := listing.ComputedString
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one EMR data-development workflow (flow) of a project by `id` or by `name` " +
			"(exactly one of them) and reads everything DescribeFlow returns. It is an error when no flow, or more " +
			"than one, matches.",
		Attributes: map[string]schema.Attribute{
			"project_id":     listing.ProjectIDArgument("ID of the project (`FP-…`) that holds the flow."),
			"id":             listing.LookupID("The flow's ID (`F-…`).", validate.IDPrefix(validate.FlowPrefix)),
			"name":           listing.LookupName("flow"),
			"region":         str("Region of the flow: the provider's region."),
			"description":    str("Description of the flow."),
			"cluster_id":     str("The cluster the flow runs on (`C-…`), or the cluster template (`CT-…`) when `create_cluster` is true."),
			"create_cluster": schema.BoolAttribute{MarkdownDescription: "Whether a cluster is created from the template `cluster_id` for each run.", Computed: true},
			"cron_expr":      str("Schedule, as a Quartz cron expression; null when the flow has none."),
			"start_schedule": listing.ComputedInt64("Start of the schedule, in milliseconds since the Unix epoch; null when unset."),
			"end_schedule":   listing.ComputedInt64("End of the schedule, in milliseconds since the Unix epoch; null when unset."),
			"host_name":      str("Host the flow's node instances run on; null when unset."),
			"parent_flow_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the flows (`F-…`) this flow depends on; null when none.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"parent_category_id": str("ID of the folder (`FC-…`) that holds the flow; null at the project's root."),
			"graph_json": schema.StringAttribute{
				MarkdownDescription: "The DAG as the server stores it, in the console's JSON (`{\"nodes\":[...],\"edges\":[...]}`, " +
					"with the UI fields the server adds); null when the flow has no graph. Read it with `jsondecode()`.",
				CustomType: jsontypes.NormalizedType{},
				Computed:   true,
			},
			"alert": schema.ListNestedAttribute{
				MarkdownDescription: "The flow's alerts, one per event, sorted by `event_id`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"event_id": str("The event, e.g. `EMR-210401001` (flow failed)."),
						"enabled":  schema.BoolAttribute{MarkdownDescription: "Whether the alert is on.", Computed: true},
						"user_group_ids": schema.SetAttribute{
							MarkdownDescription: "Alert contact groups told (`alertUserGroupIdList`); `[]` when none.",
							ElementType:         types.StringType,
							Computed:            true,
						},
						"dingding_group_ids": schema.SetAttribute{
							MarkdownDescription: "DingTalk groups told (`alertDingDingGroupList`); `[]` when none.",
							ElementType:         types.StringType,
							Computed:            true,
						},
					},
				},
			},
			"status":               str("Scheduling status: `STOP_SCHEDULE` or `UNDER_SCHEDULE`."),
			"periodic":             schema.BoolAttribute{MarkdownDescription: "Whether the flow runs on a schedule.", Computed: true},
			"namespace":            str("Namespace of the flow; null when unset."),
			"log_archive_location": str("Where the logs of the flow's runs are archived; null when unset."),
			"gmt_create":           listing.GmtCreate,
			"gmt_modified":         listing.GmtModified,
		},
	}
}

func (d *flowDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return listing.LookupByIDOrName()
}

func (d *flowDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg flowDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	var f *emrapi.Flow
	var err error
	if !cfg.ID.IsNull() {
		f, err = d.Client().DescribeFlow(ctx, projectID, cfg.ID.ValueString())
		switch {
		case emrapi.IsProjectNotFound(err):
			listing.NoSuchProject(&resp.Diagnostics, projectID)
			return
		case emrapi.IsNotFound(err):
			resp.Diagnostics.AddAttributeError(path.Root("id"), "No such flow",
				fmt.Sprintf("No flow has the ID %q in project %s.", cfg.ID.ValueString(), projectID))
			return
		}
	} else {
		name := cfg.Name.ValueString()
		var matches []emrapi.Flow
		matches, err = findFlowsByName(ctx, d.Client(), projectID, name)
		if emrapi.IsProjectNotFound(err) {
			listing.NoSuchProject(&resp.Diagnostics, projectID)
			return
		}
		if err == nil {
			ids := make([]string, len(matches))
			for i := range matches {
				ids[i] = matches[i].ID
			}
			id, ok := listing.OneNamed(&resp.Diagnostics, ids, "flow", " of project "+projectID, name)
			if !ok {
				return
			}
			// ListFlow items lack ParentFlowList: the flow is read again in full.
			f, err = d.Client().DescribeFlow(ctx, projectID, id)
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the flow", framework.ErrorDetail(err, ""))
		return
	}
	m, diags := flattenFlowData(ctx, f, d.Client().Region())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// flowDataModel is the emrflow_flow data source's configuration and state. The graph is shown as
// the server holds it (graph_json): a data source has no configuration whose order or form it
// should keep, and the raw JSON loses nothing.
type flowDataModel struct {
	ID                 types.String         `tfsdk:"id"`
	ProjectID          types.String         `tfsdk:"project_id"`
	Name               types.String         `tfsdk:"name"`
	Region             types.String         `tfsdk:"region"`
	Description        types.String         `tfsdk:"description"`
	ClusterID          types.String         `tfsdk:"cluster_id"`
	CreateCluster      types.Bool           `tfsdk:"create_cluster"`
	CronExpr           types.String         `tfsdk:"cron_expr"`
	StartSchedule      types.Int64          `tfsdk:"start_schedule"`
	EndSchedule        types.Int64          `tfsdk:"end_schedule"`
	HostName           types.String         `tfsdk:"host_name"`
	ParentFlowIDs      types.Set            `tfsdk:"parent_flow_ids"`
	ParentCategoryID   types.String         `tfsdk:"parent_category_id"`
	GraphJSON          jsontypes.Normalized `tfsdk:"graph_json"`
	Alerts             types.List           `tfsdk:"alert"` // of alertModel, sorted by event id
	Status             types.String         `tfsdk:"status"`
	Periodic           types.Bool           `tfsdk:"periodic"`
	Namespace          types.String         `tfsdk:"namespace"`
	LogArchiveLocation types.String         `tfsdk:"log_archive_location"`
	GmtCreate          types.Int64          `tfsdk:"gmt_create"`
	GmtModified        types.Int64          `tfsdk:"gmt_modified"`
}
