package clustersetting

import (
	"context"
	"fmt"

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

// NewClustersDataSource returns the emrflow_clusters data source: the clusters a project may use
// (ListFlowCluster), or every cluster of the region that data development may use
// (ListFlowClusterAll).
func NewClustersDataSource() datasource.DataSource {
	return listing.NewDataSource(listing.DataSourceSpec[clustersDataModel]{TypeName: "clusters", Schema: clustersSchema(), Read: readClusters})
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

func clustersSchema() schema.Schema {
	str, num := listing.ComputedString, listing.ComputedInt64
	return schema.Schema{
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
			"ids": listing.IDsAttribute("IDs of the clusters, in the API's order."),
			"clusters": listing.ItemsAttribute("The clusters, in the same order as `ids`.", map[string]schema.Attribute{
				"id":           str("The cluster's ID (`C-…`)."),
				"name":         str("The cluster's name."),
				"type":         str("The cluster type, e.g. `HADOOP`."),
				"status":       str("The cluster's status, e.g. `IDLE`."),
				"charge_type":  str("The billing method: `PostPaid` or `PrePaid`; null when not given."),
				"create_time":  num("Creation time, in milliseconds since the epoch."),
				"running_time": num("How long the cluster has run, in seconds."),
				"expired_time": num("When a subscription cluster expires, in milliseconds since the epoch; null when not given."),
			}),
		},
	}
}

// readClusters lists the clusters of the project, or of the region without one.
func readClusters(ctx context.Context, client *emrapi.Client, cfg *clustersDataModel, diags *diag.Diagnostics) {
	var (
		clusters []emrapi.Cluster
		err      error
		complete = true
	)
	if cfg.ProjectID.IsNull() {
		clusters, complete, err = client.ListAllFlowClusters(ctx)
	} else {
		clusters, err = client.ListFlowClusters(ctx, cfg.ProjectID.ValueString())
	}
	if err != nil {
		listing.ListFailed(diags, err, cfg.ProjectID.ValueString(), "Cannot list the clusters", "")
		return
	}
	if !complete {
		diags.AddWarning("Incomplete list of clusters", fmt.Sprintf("ListFlowClusterAll counts more clusters than it "+
			"answered (it documents no paging parameters), so ids and clusters hold only the %d it answered. "+
			"A cluster missing from them may still be usable.", len(clusters)))
	}
	var d diag.Diagnostics
	cfg.IDs, cfg.Clusters, d = listing.Results(ctx, clusters, nil, func(c *emrapi.Cluster) string { return c.ID }, clusterItem)
	diags.Append(d...)
}

func clusterItem(c *emrapi.Cluster) clusterDataModel {
	return clusterDataModel{
		ID:          types.StringValue(c.ID),
		Name:        types.StringValue(c.Name),
		Type:        types.StringValue(c.Type),
		Status:      types.StringValue(c.Status),
		ChargeType:  flex.StringOrNull(c.ChargeType),
		CreateTime:  types.Int64Value(c.CreateTime),
		RunningTime: types.Int64Value(c.RunningTime),
		ExpiredTime: flex.Int64OrNull(c.ExpiredTime),
	}
}
