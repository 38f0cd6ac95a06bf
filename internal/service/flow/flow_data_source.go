package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

var (
	_ datasource.DataSource                     = (*flowDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*flowDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*flowDataSource)(nil)
)

type flowDataSource struct {
	client *emrapi.Client
}

// NewDataSource returns the emrflow_flow data source: one flow of a project, by id or by name.
func NewDataSource() datasource.DataSource {
	return &flowDataSource{}
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

func (d *flowDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow"
}

func (d *flowDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one EMR data-development workflow (flow) of a project by `id` or by `name` " +
			"(exactly one of them) and reads everything DescribeFlow returns. It is an error when no flow, or more " +
			"than one, matches.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "ID of the project (`FP-…`) that holds the flow.",
				Required:            true,
				Validators:          []validator.String{validate.IDPrefix("FP-")},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The flow's ID (`F-…`).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.IDPrefix("F-")},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The flow's exact name.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"region":         str("Region of the flow: the provider's region."),
			"description":    str("Description of the flow."),
			"cluster_id":     str("The cluster the flow runs on (`C-…`), or the cluster template (`CT-…`) when `create_cluster` is true."),
			"create_cluster": schema.BoolAttribute{MarkdownDescription: "Whether a cluster is created from the template `cluster_id` for each run.", Computed: true},
			"cron_expr":      str("Schedule, as a Quartz cron expression; null when the flow has none."),
			"start_schedule": schema.Int64Attribute{MarkdownDescription: "Start of the schedule, in milliseconds since the Unix epoch; null when unset.", Computed: true},
			"end_schedule":   schema.Int64Attribute{MarkdownDescription: "End of the schedule, in milliseconds since the Unix epoch; null when unset.", Computed: true},
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
							MarkdownDescription: "Alert contact groups told (`alertUserGroupIdList`); null when none.",
							ElementType:         types.StringType,
							Computed:            true,
						},
						"dingding_group_ids": schema.SetAttribute{
							MarkdownDescription: "DingTalk groups told (`alertDingDingGroupList`); null when none.",
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
			"gmt_create":           schema.Int64Attribute{MarkdownDescription: "Creation time, in milliseconds since the epoch.", Computed: true},
			"gmt_modified":         schema.Int64Attribute{MarkdownDescription: "Last modification time, in milliseconds since the epoch.", Computed: true},
		},
	}
}

func (d *flowDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *flowDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.client = client
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
		f, err = d.client.DescribeFlow(ctx, projectID, cfg.ID.ValueString())
		switch {
		case isMissingProject(err):
			addMissingProjectError(&resp.Diagnostics, projectID)
			return
		case emrapi.IsNotFound(err):
			resp.Diagnostics.AddAttributeError(path.Root("id"), "No such flow",
				fmt.Sprintf("No flow has the ID %q in project %s.", cfg.ID.ValueString(), projectID))
			return
		}
	} else {
		name := cfg.Name.ValueString()
		var all []emrapi.Flow
		all, err = d.client.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: projectID, Name: name})
		if isMissingProject(err) {
			addMissingProjectError(&resp.Diagnostics, projectID)
			return
		}
		if err == nil {
			matches := exactFlowNameMatches(all, name)
			switch len(matches) {
			case 0:
				resp.Diagnostics.AddAttributeError(path.Root("name"), "No such flow",
					fmt.Sprintf("No flow of project %s is named %q.", projectID, name))
				return
			case 1:
				// ListFlow items lack ParentFlowList: the flow is read again in full.
				f, err = d.client.DescribeFlow(ctx, projectID, matches[0].ID)
			default:
				resp.Diagnostics.AddAttributeError(path.Root("name"), "Several flows match",
					fmt.Sprintf("%d flows of project %s are named %q; look the flow up by id instead.", len(matches), projectID, name))
				return
			}
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the flow", framework.ErrorDetail(err, ""))
		return
	}
	m, diags := flowData(ctx, f, d.client.Region())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// exactFlowNameMatches keeps the flows whose name is exactly name: the API's Name filter may match
// more loosely than equality.
func exactFlowNameMatches(all []emrapi.Flow, name string) []emrapi.Flow {
	var out []emrapi.Flow
	for _, f := range all {
		if f.Name == name {
			out = append(out, f)
		}
	}
	return out
}

// isMissingProject tells whether err says that the project asked for does not exist. The
// client reports it as a flow not found (DescribeFlow) or as a plain API error (ListFlow); the
// API's message is what tells it, and the user must hear about the project, not the flow.
func isMissingProject(err error) bool {
	var apiErr *emrapi.Error
	return err != nil && emrapi.IsNotFound(err) && errors.As(err, &apiErr) &&
		strings.HasPrefix(apiErr.Message, "Project does not exist")
}

func addMissingProjectError(diags *diag.Diagnostics, projectID string) {
	diags.AddAttributeError(path.Root("project_id"), "No such project",
		fmt.Sprintf("No project has the ID %q.", projectID))
}

// flowData turns a flow read from the server into the data source's state. The field mappings
// are the resource's (the same helpers), so that a data source and a resource reading the same
// flow agree.
func flowData(ctx context.Context, f *emrapi.Flow, region string) (*flowDataModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := &flowDataModel{
		ID:                 types.StringValue(f.ID),
		ProjectID:          types.StringValue(f.ProjectID),
		Name:               types.StringValue(f.Name),
		Region:             types.StringValue(region),
		Description:        types.StringValue(f.Description),
		ClusterID:          types.StringValue(f.ClusterID),
		CreateCluster:      types.BoolValue(f.CreateCluster),
		CronExpr:           flex.StringOrNull(f.CronExpr),
		StartSchedule:      int64OrNull(f.StartSchedule),
		EndSchedule:        int64OrNull(f.EndSchedule),
		HostName:           flex.StringOrNull(f.HostName),
		ParentCategoryID:   flex.StringOrNull(f.CategoryID),
		GraphJSON:          jsontypes.NewNormalizedNull(),
		Status:             flex.StringOrNull(f.Status),
		Periodic:           types.BoolValue(f.Periodic),
		Namespace:          flex.StringOrNull(f.Namespace),
		LogArchiveLocation: flex.StringOrNull(f.LogArchiveLocation),
		GmtCreate:          types.Int64Value(f.GmtCreate),
		GmtModified:        types.Int64Value(f.GmtModified),
	}
	if strings.TrimSpace(f.Graph) != "" {
		m.GraphJSON = jsontypes.NewNormalizedValue(f.Graph)
	}
	parents, d := flattenStringSet(f.ParentFlowIDs)
	diags.Append(d...)
	m.ParentFlowIDs = parents

	alerts, d := flattenAlertList(ctx, f.AlertConf)
	diags.Append(d...)
	m.Alerts = alerts
	return m, diags
}

// flattenAlertList reads AlertConf as the resource does, as a list sorted by event id (event ids
// are unique), so that alerts can be picked by index in a stable order.
func flattenAlertList(ctx context.Context, conf string) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	empty := types.ListValueMust(alertObjectType, []attr.Value{})
	set, err := flattenAlerts(conf)
	if err != nil {
		diags.AddAttributeError(path.Root("alert"), "Cannot read the flow's alert configuration",
			fmt.Sprintf("The server returned an AlertConf that is not {\"items\":[...]}: %s", err))
		return empty, diags
	}
	var alerts []alertModel
	diags.Append(set.ElementsAs(ctx, &alerts, false)...)
	if diags.HasError() || len(alerts) == 0 {
		return empty, diags // a nil slice would give a null list; no alerts is an empty one
	}
	slices.SortFunc(alerts, func(a, b alertModel) int {
		return strings.Compare(a.EventID.ValueString(), b.EventID.ValueString())
	})
	list, d := types.ListValueFrom(ctx, alertObjectType, alerts)
	diags.Append(d...)
	return list, diags
}
