package flow

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// planOf is the plan of a configured graph: a coordinate null in the configuration is unknown in
// the plan (computed), one set in the configuration is the same.
func planOf(t *testing.T, config types.Object) types.Object {
	t.Helper()
	nodes := map[string]types.Object{}
	for id, a := range graphNodes(t, config) {
		b := map[string]attr.Value{}
		for k, v := range a {
			b[k] = v
		}
		for _, c := range []string{"x", "y"} {
			if b[c].IsNull() {
				b[c] = types.Float64Unknown()
			}
		}
		nodes[id] = types.ObjectValueMust(nodeAttrTypes, b)
	}
	return graphOf(nodes)
}

func coords(t *testing.T, g types.Object, id string) (types.Float64, types.Float64) {
	t.Helper()
	n := graphNodes(t, g)[id]
	return as[types.Float64](t, n["x"]), as[types.Float64](t, n["y"])
}

func diamond(mod func(map[string]types.Object)) types.Object {
	n := map[string]types.Object{"s": startNode(), "a": jobNode("FJ-1", "s"), "b": jobNode("FJ-2", "s"), "e": endNode("a", "b")}
	if mod != nil {
		mod(n)
	}
	return graphOf(n)
}

// TestNeedsLayout: ModifyPlan reads the configuration's and the state's graphs only when the plan has
// a position to place; a graph whose positions are all known (a no-change plan) has none.
func TestNeedsLayout(t *testing.T) {
	t.Parallel()
	config := diamond(nil)
	placed, _ := layoutPlannedGraph(planOf(t, config), config, types.ObjectNull(graphAttrTypes))
	for name, tc := range map[string]struct {
		planned types.Object
		want    bool
	}{
		"positions unknown": {planOf(t, config), true},
		"positions known":   {placed, false},
		"null graph":        {types.ObjectNull(graphAttrTypes), false},
		"unknown graph":     {types.ObjectUnknown(graphAttrTypes), false},
	} {
		if got := needsLayout(tc.planned); got != tc.want {
			t.Errorf("%s: needsLayout = %v, want %v", name, got, tc.want)
		}
	}
}

func TestLayoutPlannedGraph(t *testing.T) {
	t.Parallel()
	// The expected layout: graph.Layout of the configured graph (nodes in id order).
	want := graph.FromKeyed(map[string]graph.KeyedNode{
		"s": {Node: graph.Node{Type: "START"}}, "a": {Node: graph.Node{Type: "JOB"}, DependsOn: []string{"s"}},
		"b": {Node: graph.Node{Type: "JOB"}, DependsOn: []string{"s"}}, "e": {Node: graph.Node{Type: "END"}, DependsOn: []string{"a", "b"}},
	})
	graph.Layout(want)
	null := types.ObjectNull(graphAttrTypes)

	t.Run("every node placed at plan time", func(t *testing.T) {
		t.Parallel()
		config := diamond(nil)
		got, changed := layoutPlannedGraph(planOf(t, config), config, null)
		if !changed {
			t.Fatal("nothing placed")
		}
		for _, n := range want.Nodes {
			x, y := coords(t, got, n.ID)
			if x.IsUnknown() || y.IsUnknown() || x.ValueFloat64() != *n.X || y.ValueFloat64() != *n.Y {
				t.Errorf("node %s at (%v, %v), want (%v, %v)", n.ID, x, y, *n.X, *n.Y)
			}
		}
		again, _ := layoutPlannedGraph(planOf(t, config), config, null)
		if !again.Equal(got) {
			t.Error("the layout is not the same on a second plan")
		}
	})

	t.Run("existing nodes keep the state's positions, a new one is placed around them", func(t *testing.T) {
		t.Parallel()
		state, _ := layoutPlannedGraph(planOf(t, diamond(nil)), diamond(nil), null)
		// Moved in the console: the state has the server's position.
		nodes := map[string]types.Object{}
		for id, a := range graphNodes(t, state) {
			nodes[id] = types.ObjectValueMust(nodeAttrTypes, a)
		}
		moved := graphNodes(t, state)["a"]
		moved["x"] = types.Float64Value(1234)
		nodes["a"] = types.ObjectValueMust(nodeAttrTypes, moved)
		state = graphOf(nodes)

		// Insert c between a and e.
		config := diamond(func(n map[string]types.Object) {
			n["c"] = jobNode("FJ-3", "a")
			n["e"] = endNode("b", "c")
		})
		got, _ := layoutPlannedGraph(planOf(t, config), config, state)
		for _, id := range []string{"s", "a", "b", "e"} {
			gx, gy := coords(t, got, id)
			sx, sy := coords(t, state, id)
			if !gx.Equal(sx) || !gy.Equal(sy) {
				t.Errorf("node %s moved from (%v, %v) to (%v, %v)", id, sx, sy, gx, gy)
			}
		}
		if x, y := coords(t, got, "c"); x.IsUnknown() || y.IsUnknown() || x.IsNull() {
			t.Errorf("new node c at (%v, %v), want a position", x, y)
		}
	})

	t.Run("configured and unknown coordinates are kept", func(t *testing.T) {
		t.Parallel()
		config := diamond(func(n map[string]types.Object) {
			n["a"] = nodeObj("JOB", []string{"s"}, map[string]attr.Value{"job_id": types.StringValue("FJ-1"), "job_type": types.StringValue("SHELL"),
				"x": types.Float64Value(900), "y": types.Float64Value(40)})
			n["b"] = nodeObj("JOB", []string{"s"}, map[string]attr.Value{"job_id": types.StringValue("FJ-2"), "job_type": types.StringValue("SHELL"),
				"x": types.Float64Unknown(), "y": types.Float64Unknown()}) // from a value not known yet
		})
		got, _ := layoutPlannedGraph(planOf(t, config), config, null)
		if x, y := coords(t, got, "a"); x.ValueFloat64() != 900 || y.ValueFloat64() != 40 {
			t.Errorf("configured node moved to (%v, %v)", x, y)
		}
		if x, y := coords(t, got, "b"); !x.IsUnknown() || !y.IsUnknown() {
			t.Errorf("a coordinate unknown in the configuration became (%v, %v)", x, y)
		}
		if x, _ := coords(t, got, "s"); x.IsUnknown() {
			t.Error("unplaced nodes not laid out")
		}
	})

	t.Run("a plan that knows every position is left alone", func(t *testing.T) {
		t.Parallel()
		config := diamond(nil)
		planned, _ := layoutPlannedGraph(planOf(t, config), config, null)
		if _, changed := layoutPlannedGraph(planned, config, null); changed {
			t.Error("known planned positions were changed")
		}
	})

	t.Run("unknown structure is left alone", func(t *testing.T) {
		t.Parallel()
		config := diamond(func(n map[string]types.Object) {
			n["a"] = nodeObj("JOB", nil, map[string]attr.Value{"depends_on": types.SetUnknown(types.StringType)})
		})
		if _, changed := layoutPlannedGraph(planOf(t, config), config, null); changed {
			t.Error("a graph with an unknown depends_on was laid out")
		}
		unknown := types.ObjectUnknown(graphAttrTypes)
		if got, _ := layoutPlannedGraph(unknown, unknown, null); !got.IsUnknown() {
			t.Error("an unknown graph block became known")
		}
	})
}

func TestNeedsSettingCheck(t *testing.T) {
	s, null := types.StringValue, types.StringNull()
	unknown := types.StringUnknown()
	cases := map[string]struct {
		c    settingCheck
		want bool
	}{
		"create":                 {settingCheck{s("FP-1"), s("C-1"), null, null, types.BoolValue(false)}, true},
		"no change":              {settingCheck{s("FP-1"), s("C-1"), s("FP-1"), s("C-1"), types.BoolValue(false)}, false},
		"cluster changes":        {settingCheck{s("FP-1"), s("C-2"), s("FP-1"), s("C-1"), types.BoolValue(false)}, true},
		"project changes":        {settingCheck{s("FP-2"), s("C-1"), s("FP-1"), s("C-1"), types.BoolValue(false)}, true},
		"project unknown":        {settingCheck{unknown, s("C-1"), null, null, types.BoolValue(false)}, false},
		"cluster unknown":        {settingCheck{s("FP-1"), unknown, null, null, types.BoolValue(false)}, false},
		"template cluster":       {settingCheck{s("FP-1"), s("CT-1"), null, null, types.BoolValue(true)}, false},
		"create_cluster unknown": {settingCheck{s("FP-1"), s("C-1"), null, null, types.BoolUnknown()}, false},
		"create_cluster unset":   {settingCheck{s("FP-1"), s("C-1"), null, null, types.BoolNull()}, true},
		"back from a template":   {settingCheck{s("FP-1"), s("C-1"), s("FP-1"), s("CT-1"), types.BoolValue(false)}, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := needsSettingCheck(tc.c); got != tc.want {
				t.Fatalf("needsSettingCheck = %v, want %v", got, tc.want)
			}
		})
	}
}
