package job

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/flex"
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

// expand turns the planned job into the API's input. Null optional values become "" (unset, or
// cleared by ModifyFlowJob); Type is left for Create, the only call that takes it. alertConf is
// the job's AlertConf as last read, carried over because the resource does not manage it.
func expand(ctx context.Context, m *jobModel, alertConf string) (emrapi.JobInput, diag.Diagnostics) {
	in := emrapi.JobInput{
		ProjectID:         m.ProjectID.ValueString(),
		Name:              m.Name.ValueString(),
		Description:       m.Description.ValueString(),
		Params:            m.Params.ValueString(),
		ParamConf:         m.ParamConf.ValueString(),
		CustomVariables:   m.CustomVariables.ValueString(),
		EnvConf:           m.EnvConf.ValueString(),
		RunConf:           m.RunConf.ValueString(),
		MonitorConf:       m.MonitorConf.ValueString(),
		Mode:              m.Mode.ValueString(),
		FailAct:           m.FailAct.ValueString(),
		MaxRetry:          m.MaxRetry.ValueInt64(),
		RetryInterval:     m.RetryInterval.ValueInt64(),
		RetryPolicy:       m.RetryPolicy.ValueString(),
		MaxRunningTimeSec: m.MaxRunningTimeSec.ValueInt64(),
		ClusterID:         m.ClusterID.ValueString(),
		Adhoc:             m.Adhoc.ValueBool(),
		ParentCategory:    m.ParentCategoryID.ValueString(),
		AlertConf:         alertConf,
	}
	if m.Resources.IsNull() || m.Resources.IsUnknown() {
		return in, nil
	}
	var blocks []resourceModel
	diags := m.Resources.ElementsAs(ctx, &blocks, false)
	for _, b := range blocks {
		in.Resources = append(in.Resources, emrapi.JobResource{Path: b.Path.ValueString(), Alias: b.Alias.ValueString()})
	}
	return in, diags
}

// flatten stores what DescribeFlowJob returned in m. Strings the API leaves "" when unset become
// null, JSON strings keep the server's text (the framework keeps the configured text when the two
// are semantically equal), and parent_category_id mirrors CategoryId exactly, "" for the root.
func flatten(ctx context.Context, j *emrapi.Job, m *jobModel) diag.Diagnostics {
	m.ID = types.StringValue(j.ID)
	if j.ProjectID != "" {
		m.ProjectID = types.StringValue(j.ProjectID)
	}
	m.Name = types.StringValue(j.Name)
	if j.Type != "" { // the type cannot change; an answer without it keeps the known one
		m.Type = types.StringValue(j.Type)
	}
	m.Description = flex.StringOrNull(j.Description)
	m.Params = flex.StringOrNull(j.Params)
	m.ParamConf = jsonValue(j.ParamConf)
	m.CustomVariables = jsonValue(j.CustomVariables)
	m.EnvConf = jsonValue(j.EnvConf)
	m.RunConf = jsonValue(j.RunConf)
	m.MonitorConf = jsonValue(j.MonitorConf)
	// The provider always sends Mode and FailAct; an empty answer can only mean the server's own
	// default, which is the schema's default.
	m.Mode = types.StringValue(orDefault(j.Mode, defaultMode))
	m.FailAct = types.StringValue(orDefault(j.FailAct, defaultFailAct))
	m.MaxRetry = types.Int64Value(j.MaxRetry)
	m.RetryInterval = types.Int64Value(j.RetryInterval)
	m.RetryPolicy = flex.StringOrNull(j.RetryPolicy)
	m.MaxRunningTimeSec = types.Int64Value(j.MaxRunningTimeSec)
	m.ClusterID = flex.StringOrNull(j.ClusterID)
	m.Adhoc = types.BoolValue(j.Adhoc)
	m.ParentCategoryID = types.StringValue(j.CategoryID)

	// A block list is never null in a configuration: no blocks is an empty list.
	blocks := make([]resourceModel, 0, len(j.Resources))
	for _, res := range j.Resources {
		blocks = append(blocks, resourceModel{Path: types.StringValue(res.Path), Alias: flex.StringOrNull(res.Alias)})
	}
	list, diags := types.ListValueFrom(ctx, resourceObjectType, blocks)
	m.Resources = list
	return diags
}

func jsonValue(s string) jsontypes.Normalized {
	if s == "" {
		return jsontypes.NewNormalizedNull()
	}
	return jsontypes.NewNormalizedValue(s)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// The job's AlertConf lives in the resource's private state, JSON-encoded as the framework wants.

func setAlertConf(ctx context.Context, private privateState, alertConf string) diag.Diagnostics {
	b, err := json.Marshal(alertConf)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Cannot record the job's alert configuration", err.Error())
		return diags
	}
	return private.SetKey(ctx, privateAlertConf, b)
}

// privateGetter is what Update's request can read private data from.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func getAlertConf(ctx context.Context, private privateGetter) (string, diag.Diagnostics) {
	b, diags := private.GetKey(ctx, privateAlertConf)
	if diags.HasError() || len(b) == 0 {
		return "", diags
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		diags.AddError("Cannot read the job's recorded alert configuration",
			fmt.Sprintf("The private state holds %q: %s. This is a bug in the provider; please report it.", b, err))
	}
	return s, diags
}
