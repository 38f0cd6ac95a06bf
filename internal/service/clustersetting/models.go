package clustersetting

import "github.com/hashicorp/terraform-plugin-framework/types"

// settingModel is the emrflow_project_cluster_setting resource.
type settingModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	ClusterID    types.String `tfsdk:"cluster_id"`
	DefaultUser  types.String `tfsdk:"default_user"`
	DefaultQueue types.String `tfsdk:"default_queue"`
	Users        types.Set    `tfsdk:"users"`
	Queues       types.Set    `tfsdk:"queues"`
	Hosts        types.Set    `tfsdk:"hosts"`
}
