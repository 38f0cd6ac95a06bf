package clustersetting

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// expandClusterSettingInput turns the planned setting into the API's input. The defaults are always known (schema
// defaults); the whitelists are known sets (their default is the empty set).
func expandClusterSettingInput(m *settingModel) (emrapi.ClusterSettingInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := emrapi.ClusterSettingInput{
		ProjectID:    m.ProjectID.ValueString(),
		ClusterID:    m.ClusterID.ValueString(),
		DefaultUser:  m.DefaultUser.ValueString(),
		DefaultQueue: m.DefaultQueue.ValueString(),
	}
	for _, l := range []struct {
		name string
		set  types.Set
		dst  *[]string
	}{{"users", m.Users, &in.Users}, {"queues", m.Queues, &in.Queues}, {"hosts", m.Hosts, &in.Hosts}} {
		items, known := setStrings(l.set)
		if !known {
			diags.AddAttributeError(path.Root(l.name), "Unknown value", l.name+" must be known when the setting is written.")
			continue
		}
		*l.dst = items
	}
	return in, diags
}

// flattenClusterSetting stores what the server holds. An empty default is the API's default (the guide: a
// blank queue submits to the default queue); the page's sample answer shows DefaultQueue
// "undefined", a blank set by the console's script, read the same way.
func flattenClusterSetting(s *emrapi.ClusterSetting, m *settingModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if s.ProjectID != "" {
		m.ProjectID = types.StringValue(s.ProjectID)
	}
	if s.ClusterID != "" {
		m.ClusterID = types.StringValue(s.ClusterID)
	}
	m.DefaultUser = types.StringValue(orDefault(s.DefaultUser, defaultUser))
	m.DefaultQueue = types.StringValue(normalQueue(s.DefaultQueue))
	for _, l := range []struct {
		items []string
		dst   *types.Set
	}{{s.Users, &m.Users}, {s.Queues, &m.Queues}, {s.Hosts, &m.Hosts}} {
		v, d := types.SetValueFrom(context.Background(), types.StringType, nonNil(l.items))
		diags.Append(d...)
		*l.dst = v
	}
	return diags
}

func normalQueue(q string) string {
	if q == "undefined" {
		return defaultQueue
	}
	return orDefault(q, defaultQueue)
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func nonNil(items []string) []string {
	if items == nil {
		return []string{}
	}
	return items
}

// setStrings returns the elements of a set of strings, sorted; known is false when the set or
// one of its elements is unknown. A null set has no elements.
func setStrings(s types.Set) (items []string, known bool) {
	if s.IsUnknown() {
		return nil, false
	}
	for _, e := range s.Elements() {
		str, ok := e.(types.String)
		if !ok || str.IsUnknown() {
			return nil, false
		}
		items = append(items, str.ValueString())
	}
	slices.Sort(items)
	return items, true
}
