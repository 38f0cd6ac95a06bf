package job

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
)

// expandJobInput turns the planned job into the API's input. Null optional values become "" (unset, or
// cleared by ModifyFlowJob); Type is left for Create, the only call that takes it, and the client
// sends ParentCategory and Adhoc on create only (ModifyFlowJob does not document them). alertConf is
// the job's AlertConf as last read, carried over because the resource does not manage it.
func expandJobInput(ctx context.Context, m *jobModel, alertConf string) (emrapi.JobInput, diag.Diagnostics) {
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

// flattenJob stores what DescribeFlowJob returned in m, which holds the prior values: the plan after
// a write, the state on a refresh, only the ids after an import. Nothing documents what the server
// answers for a setting the configuration left out (the one sample answer omits them), so every
// rule here holds for an answer that omits it, empties it ("", "{}"), fills in a default, or
// re-serialises its JSON:
//
//   - free text and JSON settings the configuration leaves out (null) stay null whatever the
//     server answers: that answer is its default, not a change. Drift in them is therefore not
//     seen; a configured one is read back, and keeps its configured text while the server's means
//     the same (flex.SameJSON: key order, spacing, numbers or booleans as strings);
//   - enumerations and numbers always have a value (the schema's default when left out), and the
//     provider always sends it: an empty answer is the API's default, anything else is the value;
//   - parent_category_id left out (or "", the root) stays so: a server that answers the id of a
//     root folder for a job at the root must not plan a replacement;
//   - cluster_id is never read: neither the documentation nor the SDK's types have it in
//     DescribeFlowJob's answer, so what the configuration says is kept;
//   - resource blocks keep their configured order when the server answers the same set of
//     files in another order.
//
// An import (prior name null) has no prior values: what the server answers is taken, with empty
// answers as null.
func flattenJob(ctx context.Context, j *emrapi.Job, m *jobModel) diag.Diagnostics {
	importing := m.Name.IsNull() || m.Name.IsUnknown()
	m.ID = types.StringValue(j.ID)
	if j.ProjectID != "" {
		m.ProjectID = types.StringValue(j.ProjectID)
	}
	if j.Name != "" || importing {
		m.Name = types.StringValue(j.Name)
	}
	if j.Type != "" { // the type cannot change; an answer without it keeps the known one
		m.Type = types.StringValue(j.Type)
	}
	m.Description = settleString(m.Description, j.Description, importing)
	m.Params = settleString(m.Params, j.Params, importing)
	m.RetryPolicy = settleString(m.RetryPolicy, j.RetryPolicy, importing)
	m.ParamConf = settleJSON(m.ParamConf, j.ParamConf, importing)
	m.CustomVariables = settleJSON(m.CustomVariables, j.CustomVariables, importing)
	m.EnvConf = settleJSON(m.EnvConf, j.EnvConf, importing)
	m.RunConf = settleJSON(m.RunConf, j.RunConf, importing)
	m.MonitorConf = settleJSON(m.MonitorConf, j.MonitorConf, importing)
	m.Mode = types.StringValue(orDefault(j.Mode, defaultMode))
	m.FailAct = types.StringValue(orDefault(j.FailAct, defaultFailAct))
	m.MaxRetry = types.Int64Value(j.MaxRetry)
	m.RetryInterval = types.Int64Value(j.RetryInterval)
	m.MaxRunningTimeSec = types.Int64Value(j.MaxRunningTimeSec)
	m.Adhoc = types.BoolValue(j.Adhoc)
	if importing {
		m.ClusterID = types.StringNull()
	}
	m.ParentCategoryID = settleCategory(m.ParentCategoryID, j.CategoryID, importing)

	var prior []resourceModel
	diags := diag.Diagnostics{}
	if !m.Resources.IsNull() && !m.Resources.IsUnknown() {
		diags.Append(m.Resources.ElementsAs(ctx, &prior, false)...)
	}
	blocks := settleResources(prior, j.Resources)
	list, d := types.ListValueFrom(ctx, resourceObjectType, blocks)
	diags.Append(d...)
	m.Resources = list
	return diags
}

// settleString reads back a free-text setting (see flattenJob).
func settleString(prior types.String, server string, importing bool) types.String {
	switch {
	case importing || prior.IsUnknown():
		return flex.StringOrNull(server)
	case prior.IsNull(), prior.ValueString() == server:
		return prior
	default:
		return flex.StringOrNull(server)
	}
}

// settleJSON reads back a JSON setting (see flattenJob).
func settleJSON(prior jsontypes.Normalized, server string, importing bool) jsontypes.Normalized {
	empty := flex.EmptyJSON(server)
	switch {
	case importing || prior.IsUnknown():
		if empty {
			return jsontypes.NewNormalizedNull()
		}
		return jsontypes.NewNormalizedValue(server)
	case prior.IsNull(), flex.SameJSON(prior.ValueString(), server):
		return prior
	case empty && flex.EmptyJSON(prior.ValueString()):
		// A configured {} that the server answers as "" (or the reverse) holds nothing either way.
		return prior
	case empty:
		return jsontypes.NewNormalizedNull()
	default:
		return jsontypes.NewNormalizedValue(server)
	}
}

// settleCategory reads back parent_category_id (see flattenJob): left out or "" (the root), it stays
// so; a configured folder is read back, "" meaning the job was moved to the root.
func settleCategory(prior types.String, server string, importing bool) types.String {
	switch {
	case importing || prior.IsUnknown():
		return flex.StringOrNull(server)
	case prior.IsNull(), prior.ValueString() == "", prior.ValueString() == server:
		return prior
	default:
		return flex.StringOrNull(server)
	}
}

// settleResources reads back the resource blocks: the configured ones, in their order, when the
// server holds the same files (in any order); the server's otherwise.
func settleResources(prior []resourceModel, server []emrapi.JobResource) []resourceModel {
	read := make([]resourceModel, 0, len(server))
	for _, res := range server {
		read = append(read, resourceModel{Path: types.StringValue(res.Path), Alias: flex.StringOrNull(res.Alias)})
	}
	if len(prior) > 0 && sameResources(prior, server) {
		return prior
	}
	return read // never nil: no blocks is an empty list, not null
}

// sameResources tells whether prior and server name the same files with the same aliases, in any
// order (an empty alias is no alias).
func sameResources(prior []resourceModel, server []emrapi.JobResource) bool {
	if len(prior) != len(server) {
		return false
	}
	count := make(map[emrapi.JobResource]int, len(prior))
	for _, p := range prior {
		if p.Path.IsUnknown() || p.Alias.IsUnknown() {
			return false
		}
		count[emrapi.JobResource{Path: p.Path.ValueString(), Alias: p.Alias.ValueString()}]++
	}
	for _, s := range server {
		if count[s] == 0 {
			return false
		}
		count[s]--
	}
	return true
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// flattenJobData maps a job for the emrflow_job data source as the resource reads it: the API's ""
// for an unset optional field is null.
func flattenJobData(j *emrapi.Job) *jobDataModel {
	return &jobDataModel{
		ID:                types.StringValue(j.ID),
		ProjectID:         types.StringValue(j.ProjectID),
		Name:              types.StringValue(j.Name),
		Type:              types.StringValue(j.Type),
		Description:       types.StringValue(j.Description),
		Params:            flex.StringOrNull(j.Params),
		ParamConf:         flex.StringOrNull(j.ParamConf),
		CustomVariables:   flex.StringOrNull(j.CustomVariables),
		EnvConf:           flex.StringOrNull(j.EnvConf),
		RunConf:           flex.StringOrNull(j.RunConf),
		MonitorConf:       flex.StringOrNull(j.MonitorConf),
		Mode:              flex.StringOrNull(j.Mode),
		FailAct:           flex.StringOrNull(j.FailAct),
		MaxRetry:          types.Int64Value(j.MaxRetry),
		RetryInterval:     types.Int64Value(j.RetryInterval),
		RetryPolicy:       flex.StringOrNull(j.RetryPolicy),
		MaxRunningTimeSec: types.Int64Value(j.MaxRunningTimeSec),
		ClusterID:         flex.StringOrNull(j.ClusterID),
		Adhoc:             types.BoolValue(j.Adhoc),
		ParentCategoryID:  flex.StringOrNull(j.CategoryID),
		GmtCreate:         types.Int64Value(j.GmtCreate),
		GmtModified:       types.Int64Value(j.GmtModified),
	}
}
