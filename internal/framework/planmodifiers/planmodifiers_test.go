package planmodifiers_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/planmodifiers"
)

var testSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"cron_expr": schema.StringAttribute{Optional: true},
	"status":    schema.StringAttribute{Optional: true, Computed: true},
	"periodic":  schema.BoolAttribute{Computed: true},
}}

var objType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"cron_expr": tftypes.String, "status": tftypes.String, "periodic": tftypes.Bool,
}}

// object builds a value of the test schema; a nil cron is null.
func object(cron *string, status, periodic tftypes.Value) tftypes.Value {
	return tftypes.NewValue(objType, map[string]tftypes.Value{
		"cron_expr": tftypes.NewValue(tftypes.String, cron),
		"status":    status,
		"periodic":  periodic,
	})
}

func ptr(s string) *string { return &s }

func TestUseStateForUnknownUnlessChanged(t *testing.T) {
	t.Parallel()
	unknownS := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	unknownB := tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
	stopped := tftypes.NewValue(tftypes.String, "STOP_SCHEDULE")
	cases := []struct {
		name       string
		state      tftypes.Value // nil-typed = no state (create)
		plan       tftypes.Value
		configVal  types.String
		presence   bool // UseStateForUnknownUnlessSetOrUnset instead of ...UnlessChanged
		wantStatus types.String
		wantBool   types.Bool
	}{
		{
			name:       "dependency unchanged: state kept",
			state:      object(ptr("0 0 * * * ?"), stopped, tftypes.NewValue(tftypes.Bool, true)),
			plan:       object(ptr("0 0 * * * ?"), unknownS, unknownB),
			configVal:  types.StringNull(),
			wantStatus: types.StringValue("STOP_SCHEDULE"),
			wantBool:   types.BoolValue(true),
		},
		{
			name:       "dependency changed: stays unknown",
			state:      object(ptr("0 0 * * * ?"), stopped, tftypes.NewValue(tftypes.Bool, true)),
			plan:       object(nil, unknownS, unknownB),
			configVal:  types.StringNull(),
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolUnknown(),
		},
		{
			name:       "create: stays unknown",
			state:      tftypes.NewValue(objType, nil),
			plan:       object(nil, unknownS, unknownB),
			configVal:  types.StringNull(),
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolUnknown(),
		},
		{
			name:       "unknown in the configuration: stays unknown",
			state:      object(nil, stopped, tftypes.NewValue(tftypes.Bool, false)),
			plan:       object(nil, unknownS, unknownB),
			configVal:  types.StringUnknown(),
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolValue(false),
		},
		{
			name:       "dependency edited: stays unknown",
			state:      object(ptr("0 0 * * * ?"), stopped, tftypes.NewValue(tftypes.Bool, true)),
			plan:       object(ptr("0 30 * * * ?"), unknownS, unknownB),
			configVal:  types.StringNull(),
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolUnknown(),
		},
		{
			name:       "presence only, dependency edited: state kept",
			state:      object(ptr("0 0 * * * ?"), stopped, tftypes.NewValue(tftypes.Bool, true)),
			plan:       object(ptr("0 30 * * * ?"), unknownS, unknownB),
			configVal:  types.StringNull(),
			presence:   true,
			wantStatus: types.StringValue("STOP_SCHEDULE"),
			wantBool:   types.BoolValue(true),
		},
		{
			name:       "presence only, dependency removed: stays unknown",
			state:      object(ptr("0 0 * * * ?"), stopped, tftypes.NewValue(tftypes.Bool, true)),
			plan:       object(nil, unknownS, unknownB),
			configVal:  types.StringNull(),
			presence:   true,
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolUnknown(),
		},
		{
			name:       "presence only, dependency added: stays unknown",
			state:      object(nil, stopped, tftypes.NewValue(tftypes.Bool, false)),
			plan:       object(ptr("0 0 * * * ?"), unknownS, unknownB),
			configVal:  types.StringNull(),
			presence:   true,
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolUnknown(),
		},
		{
			name:       "presence only, dependency unknown: stays unknown",
			state:      object(ptr("0 0 * * * ?"), stopped, tftypes.NewValue(tftypes.Bool, true)),
			plan:       tftypes.NewValue(objType, map[string]tftypes.Value{"cron_expr": unknownS, "status": unknownS, "periodic": unknownB}),
			configVal:  types.StringNull(),
			presence:   true,
			wantStatus: types.StringUnknown(),
			wantBool:   types.BoolUnknown(),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := planmodifiers.UseStateForUnknownUnlessChanged(path.Root("cron_expr"))
			if tc.presence {
				m = planmodifiers.UseStateForUnknownUnlessSetOrUnset(path.Root("cron_expr"))
			}
			ctx := context.Background()
			state := tfsdk.State{Schema: testSchema, Raw: tc.state}
			plan := tfsdk.Plan{Schema: testSchema, Raw: tc.plan}
			var stateStatus, planStatus types.String
			var stateBool, planBool types.Bool
			state.GetAttribute(ctx, path.Root("status"), &stateStatus)
			plan.GetAttribute(ctx, path.Root("status"), &planStatus)
			state.GetAttribute(ctx, path.Root("periodic"), &stateBool)
			plan.GetAttribute(ctx, path.Root("periodic"), &planBool)

			sreq := planmodifier.StringRequest{Path: path.Root("status"), State: state, Plan: plan,
				StateValue: stateStatus, PlanValue: planStatus, ConfigValue: tc.configVal}
			sresp := planmodifier.StringResponse{PlanValue: planStatus}
			m.PlanModifyString(ctx, sreq, &sresp)
			if sresp.Diagnostics.HasError() || !sresp.PlanValue.Equal(tc.wantStatus) {
				t.Errorf("status planned %v (%v), want %v", sresp.PlanValue, sresp.Diagnostics, tc.wantStatus)
			}

			breq := planmodifier.BoolRequest{Path: path.Root("periodic"), State: state, Plan: plan,
				StateValue: stateBool, PlanValue: planBool, ConfigValue: types.BoolNull()}
			bresp := planmodifier.BoolResponse{PlanValue: planBool}
			m.PlanModifyBool(ctx, breq, &bresp)
			if bresp.Diagnostics.HasError() || !bresp.PlanValue.Equal(tc.wantBool) {
				t.Errorf("periodic planned %v (%v), want %v", bresp.PlanValue, bresp.Diagnostics, tc.wantBool)
			}
		})
	}
}

func TestNullWhenUnconfigured(t *testing.T) {
	t.Parallel()
	plan := tfsdk.Plan{Schema: testSchema, Raw: object(nil, tftypes.NewValue(tftypes.String, tftypes.UnknownValue), tftypes.NewValue(tftypes.Bool, true))}
	destroy := tfsdk.Plan{Schema: testSchema, Raw: tftypes.NewValue(objType, nil)}
	cases := []struct {
		name   string
		plan   tfsdk.Plan
		config types.String
		in     types.String
		want   types.String
	}{
		{"unset: null instead of unknown", plan, types.StringNull(), types.StringUnknown(), types.StringNull()},
		{"unset with a prior value: null (the server moves it back)", plan, types.StringNull(), types.StringValue("FC-1"), types.StringNull()},
		{"configured: kept", plan, types.StringValue("FC-1"), types.StringValue("FC-1"), types.StringValue("FC-1")},
		{"unknown in the configuration: kept unknown", plan, types.StringUnknown(), types.StringUnknown(), types.StringUnknown()},
		{"destroy: untouched", destroy, types.StringNull(), types.StringUnknown(), types.StringUnknown()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := planmodifier.StringRequest{Path: path.Root("status"), Plan: tc.plan, ConfigValue: tc.config, PlanValue: tc.in}
			resp := planmodifier.StringResponse{PlanValue: tc.in}
			planmodifiers.NullWhenUnconfigured().PlanModifyString(context.Background(), req, &resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}

func TestEmptied(t *testing.T) {
	str := func(s ...string) []attr.Value {
		out := []attr.Value{}
		for _, v := range s {
			out = append(out, types.StringValue(v))
		}
		return out
	}
	set := func(s ...string) types.Set { return types.SetValueMust(types.StringType, str(s...)) }
	list := func(s ...string) types.List { return types.ListValueMust(types.StringType, str(s...)) }
	cases := []struct {
		name        string
		state, plan interface {
			Elements() []attr.Value
			IsUnknown() bool
		}
		want bool
	}{
		{"set emptied", set("a"), set(), true},
		{"set emptied to null", set("a", "b"), types.SetNull(types.StringType), true},
		{"set changed", set("a"), set("b"), false},
		{"set unknown", set("a"), types.SetUnknown(types.StringType), false},
		{"set was empty", set(), set(), false},
		{"set from null", types.SetNull(types.StringType), set(), false},
		{"list emptied", list("a"), list(), true},
		{"list grown", list("a"), list("a", "b"), false},
	}
	for _, tc := range cases {
		if got := planmodifiers.Emptied(tc.state, tc.plan); got != tc.want {
			t.Errorf("%s: Emptied = %v, want %v", tc.name, got, tc.want)
		}
	}
}
