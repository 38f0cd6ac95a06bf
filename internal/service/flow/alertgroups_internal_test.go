package flow

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestAlertGroupsUnsetAsEmpty: an alert's group list the configuration leaves unset is planned
// as []; a configured one (known, [] or unknown) is left as planned.
func TestAlertGroupsUnsetAsEmpty(t *testing.T) {
	empty := types.SetValueMust(types.StringType, []attr.Value{})
	unknown := types.SetUnknown(types.StringType)
	null := types.SetNull(types.StringType)
	alert := func(event string, users, dingding types.Set) attr.Value {
		return types.ObjectValueMust(alertAttrTypes, map[string]attr.Value{
			"event_id": types.StringValue(event), "enabled": types.BoolValue(true),
			"user_group_ids": users, "dingding_group_ids": dingding,
		})
	}
	set := func(elems ...attr.Value) types.Set { return types.SetValueMust(alertObjectType, elems) }
	cases := []struct {
		name               string
		config, plan, want types.Set
	}{
		{"unset groups planned unknown", set(alert("E-1", null, null)), set(alert("E-1", unknown, unknown)), set(alert("E-1", empty, empty))},
		{"unset groups planned null", set(alert("E-1", null, stringSet("ADG-1"))), set(alert("E-1", null, stringSet("ADG-1"))),
			set(alert("E-1", empty, stringSet("ADG-1")))},
		{"[] and values kept", set(alert("E-1", empty, stringSet("ADG-1"))), set(alert("E-1", empty, stringSet("ADG-1"))),
			set(alert("E-1", empty, stringSet("ADG-1")))},
		{"unknown from the configuration kept", set(alert("E-1", unknown, null)), set(alert("E-1", unknown, unknown)),
			set(alert("E-1", unknown, empty))},
		{"no alerts", types.SetNull(alertObjectType), types.SetNull(alertObjectType), types.SetNull(alertObjectType)},
	}
	for _, tc := range cases {
		req := planmodifier.SetRequest{ConfigValue: tc.config, PlanValue: tc.plan}
		resp := planmodifier.SetResponse{PlanValue: tc.plan}
		alertGroupsUnsetAsEmpty{}.PlanModifySet(context.Background(), req, &resp)
		if resp.Diagnostics.HasError() || !resp.PlanValue.Equal(tc.want) {
			t.Errorf("%s: planned %v (%v), want %v", tc.name, resp.PlanValue, resp.Diagnostics, tc.want)
		}
	}
}
