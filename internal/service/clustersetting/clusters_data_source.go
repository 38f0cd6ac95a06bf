package clustersetting

import (
	"context"
	"fmt"

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
	_ datasource.DataSource              = (*clustersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*clustersDataSource)(nil)
)

type clustersDataSource struct {
	client *emrapi.Client
}

// NewClustersDataSource returns the emrflow_clusters data source: the clusters a project may use
// (ListFlowCluster), or every cluster of the region that data development may use
// (ListFlowClusterAll).
func NewClustersDataSource() datasource.DataSource {
	return &clustersDataSource{}
}

type clustersDataModel struct {
	ProjectID types.String       `tfsdk:"project_id"`
	IDs       types.List         `tfsdk:"ids"`
	Clusters  []clusterDataModel `tfsdk:"clusters"`
}

type clusterDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Type        types.String `tfsdk:"type"`
	Status      types.String `tfsdk:"status"`
	ChargeType  types.String `tfsdk:"charge_type"`
	CreateTime  types.Int64  `tfsdk:"create_time"`
	RunningTime types.Int64  `tfsdk:"running_time"`
	ExpiredTime types.Int64  `tfsdk:"expired_time"`
}

func (d *clustersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_clusters"
}

func (d *clustersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	num := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists clusters for data development. With `project_id`: the clusters the project may use, " +
			"those associated with it by a cluster setting (ListFlowCluster). Without: every cluster of the provider's " +
			"region that data development can use, which an `emrflow_project_cluster_setting` may associate " +
			"(ListFlowClusterAll; clusters that temporary jobs create are not among them). Matching nothing is not an error.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`) whose usable clusters are listed. Unset: all clusters of the region.",
				Optional:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the clusters, in the API's order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"clusters": schema.ListNestedAttribute{
				MarkdownDescription: "The clusters, in the same order as `ids`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":           str("The cluster's ID (`C-…`)."),
						"name":         str("The cluster's name."),
						"type":         str("The cluster type, e.g. `HADOOP`."),
						"status":       str("The cluster's status, e.g. `IDLE`."),
						"charge_type":  str("The billing method: `PostPaid` or `PrePaid`; null when not given."),
						"create_time":  num("Creation time, in milliseconds since the epoch."),
						"running_time": num("How long the cluster has run, in seconds."),
						"expired_time": num("When a subscription cluster expires, in milliseconds since the epoch; null when not given."),
					},
				},
			},
		},
	}
}

func (d *clustersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	client, diags := framework.Client(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.client = client
}

func (d *clustersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg clustersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		clusters []emrapi.Cluster
		err      error
	)
	if cfg.ProjectID.IsNull() {
		clusters, err = d.client.ListAllFlowClusters(ctx)
	} else {
		clusters, err = d.client.ListFlowClusters(ctx, cfg.ProjectID.ValueString())
	}
	if emrapi.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("project_id"), "No such project",
			fmt.Sprintf("No project has the ID %q.", cfg.ProjectID.ValueString()))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot list the clusters", framework.ErrorDetail(err, ""))
		return
	}
	ids := []string{}
	cfg.Clusters = []clusterDataModel{}
	for _, c := range clusters {
		ids = append(ids, c.ID)
		expired := types.Int64Null()
		if c.ExpiredTime != 0 {
			expired = types.Int64Value(c.ExpiredTime)
		}
		cfg.Clusters = append(cfg.Clusters, clusterDataModel{
			ID:          types.StringValue(c.ID),
			Name:        types.StringValue(c.Name),
			Type:        types.StringValue(c.Type),
			Status:      types.StringValue(c.Status),
			ChargeType:  flex.StringOrNull(c.ChargeType),
			CreateTime:  types.Int64Value(c.CreateTime),
			RunningTime: types.Int64Value(c.RunningTime),
			ExpiredTime: expired,
		})
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	cfg.IDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
