package job

import (
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// jobModel is the emrflow_job resource's data.
type jobModel struct {
	ID                types.String         `tfsdk:"id"`
	ProjectID         types.String         `tfsdk:"project_id"`
	Name              types.String         `tfsdk:"name"`
	Type              types.String         `tfsdk:"type"`
	Description       types.String         `tfsdk:"description"`
	Params            types.String         `tfsdk:"params"`
	ParamConf         jsontypes.Normalized `tfsdk:"param_conf"`
	CustomVariables   jsontypes.Normalized `tfsdk:"custom_variables"`
	EnvConf           jsontypes.Normalized `tfsdk:"env_conf"`
	RunConf           jsontypes.Normalized `tfsdk:"run_conf"`
	MonitorConf       jsontypes.Normalized `tfsdk:"monitor_conf"`
	Mode              types.String         `tfsdk:"mode"`
	FailAct           types.String         `tfsdk:"fail_act"`
	MaxRetry          types.Int64          `tfsdk:"max_retry"`
	RetryInterval     types.Int64          `tfsdk:"retry_interval"`
	RetryPolicy       types.String         `tfsdk:"retry_policy"`
	MaxRunningTimeSec types.Int64          `tfsdk:"max_running_time_sec"`
	ClusterID         types.String         `tfsdk:"cluster_id"`
	Adhoc             types.Bool           `tfsdk:"adhoc"`
	ParentCategoryID  types.String         `tfsdk:"parent_category_id"`
	Resources         types.List           `tfsdk:"resource"` // of resourceModel
}

// resourceModel is one `resource` block.
type resourceModel struct {
	Path  types.String `tfsdk:"path"`
	Alias types.String `tfsdk:"alias"`
}

// resourceObjectType is the object type of a `resource` block.
var resourceObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"path":  types.StringType,
	"alias": types.StringType,
}}
