// Package planmodifiers holds custom terraform-plugin-framework plan modifiers shared by the
// provider's resources.
package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// UseStateForUnknownUnlessChanged is UseStateForUnknown for a computed value that the server
// derives from other attributes: the prior state value is kept in the plan (so that plans do not
// show "(known after apply)" for it on every update) unless one of the attributes it depends on
// changes, in which case the value stays unknown because the server may change it too. For
// example a flow's status and periodic flag depend on its cron expression.
func UseStateForUnknownUnlessChanged(dependsOn ...path.Path) UseStateUnlessChanged {
	return UseStateUnlessChanged{dependsOn: dependsOn}
}

// UseStateForUnknownUnlessSetOrUnset is UseStateForUnknownUnlessChanged for a value that depends
// only on whether the attributes it depends on are set: the prior value is kept when they change
// from one value to another, and only left unknown when one goes from null to a value or back.
// A flow's status and periodic flag change when its cron expression is added or removed, not when
// it is edited.
func UseStateForUnknownUnlessSetOrUnset(dependsOn ...path.Path) UseStateUnlessChanged {
	return UseStateUnlessChanged{dependsOn: dependsOn, presenceOnly: true}
}

// UseStateUnlessChanged is the modifier UseStateForUnknownUnlessChanged returns; it works for
// string and bool attributes.
type UseStateUnlessChanged struct {
	dependsOn    []path.Path
	presenceOnly bool // only a change between null and non-null counts
}

var (
	_ planmodifier.String = UseStateUnlessChanged{}
	_ planmodifier.Bool   = UseStateUnlessChanged{}
)

func (m UseStateUnlessChanged) Description(context.Context) string {
	if m.presenceOnly {
		return fmt.Sprintf("Once set, the value is kept in plans unless %v is set or unset.", m.dependsOn)
	}
	return fmt.Sprintf("Once set, the value is kept in plans unless %v changes.", m.dependsOn)
}

func (m UseStateUnlessChanged) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

// keep tells whether the prior state value should be planned: there is one, the planned value is
// unknown because it is computed (not because the configuration is unknown), and none of the
// attributes it depends on changes.
func (m UseStateUnlessChanged) keep(ctx context.Context, stateVal, planVal, configVal attr.Value, state tfsdk.State, plan tfsdk.Plan, diags *diag.Diagnostics) bool {
	if stateVal.IsNull() || !planVal.IsUnknown() || configVal.IsUnknown() {
		return false
	}
	for _, p := range m.dependsOn {
		var before, after attr.Value
		diags.Append(state.GetAttribute(ctx, p, &before)...)
		diags.Append(plan.GetAttribute(ctx, p, &after)...)
		if diags.HasError() || before == nil || after == nil || after.IsUnknown() {
			return false
		}
		if m.presenceOnly {
			if before.IsNull() != after.IsNull() {
				return false
			}
			continue
		}
		if !before.Equal(after) {
			return false
		}
	}
	return true
}

func (m UseStateUnlessChanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if m.keep(ctx, req.StateValue, req.PlanValue, req.ConfigValue, req.State, req.Plan, &resp.Diagnostics) {
		resp.PlanValue = req.StateValue
	}
}

func (m UseStateUnlessChanged) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if m.keep(ctx, req.StateValue, req.PlanValue, req.ConfigValue, req.State, req.Plan, &resp.Diagnostics) {
		resp.PlanValue = req.StateValue
	}
}

// NullWhenUnconfigured plans null for an optional and computed string that the configuration
// leaves unset, when the server is known to answer null (empty) for it then. Without it the
// framework plans "(known after apply)" on every update. A flow's parent_category_id is such an
// attribute: unset means the project's root, which the API reports as an empty category.
func NullWhenUnconfigured() planmodifier.String { return nullWhenUnconfigured{} }

type nullWhenUnconfigured struct{}

func (nullWhenUnconfigured) Description(context.Context) string {
	return "When the configuration leaves the value unset, the plan holds null."
}

func (m nullWhenUnconfigured) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (nullWhenUnconfigured) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.ConfigValue.IsNull() && !req.Plan.Raw.IsNull() {
		resp.PlanValue = types.StringNull()
	}
}

// collection is what types.List and types.Set share for Emptied.
type collection interface {
	Elements() []attr.Value
	IsUnknown() bool
}

// Emptied reports whether a collection that has elements in the state has none in a known plan:
// the change a write cannot make when the API cannot be told "none" (its pages document only
// name.N items, and a gateway may ignore a bare, empty name parameter), so that the resource is
// replaced instead, which is right whatever the gateway does.
func Emptied(state, plan collection) bool {
	return len(state.Elements()) > 0 && !plan.IsUnknown() && len(plan.Elements()) == 0
}
