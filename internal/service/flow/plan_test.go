package flow

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

func plannedNodes(t *testing.T, l types.List) []nodeModel {
	t.Helper()
	var blocks []graphModel
	var nodes []nodeModel
	if d := l.ElementsAs(context.Background(), &blocks, false); d.HasError() {
		t.Fatalf("graph: %v", d)
	}
	if d := blocks[0].Nodes.ElementsAs(context.Background(), &nodes, false); d.HasError() {
		t.Fatalf("nodes: %v", d)
	}
	return nodes
}

func TestLayoutPlannedGraph(t *testing.T) {
	t.Parallel()
	edges := []edgeModel{edge("s", "a"), edge("s", "b"), edge("a", "e"), edge("b", "e")}
	// cfg returns the configuration's nodes; plan the planned ones: a coordinate null in the
	// configuration is unknown in the plan (computed), one set in the configuration is the same.
	cfg := func(mod func([]nodeModel)) []nodeModel {
		n := []nodeModel{node("s", "START"), jobNode("a", "FJ-1"), jobNode("b", "FJ-2"), node("e", "END")}
		if mod != nil {
			mod(n)
		}
		return n
	}
	plan := func(config []nodeModel) []nodeModel {
		out := make([]nodeModel, len(config))
		for i, n := range config {
			out[i] = n
			if n.X.IsNull() {
				out[i].X = types.Float64Unknown()
			}
			if n.Y.IsNull() {
				out[i].Y = types.Float64Unknown()
			}
		}
		return out
	}
	// The expected layout: graph.Layout of the configured graph.
	want := &graph.Graph{Nodes: []graph.Node{{ID: "s", Type: "START"}, {ID: "a", Type: "JOB"}, {ID: "b", Type: "JOB"}, {ID: "e", Type: "END"}},
		Edges: []graph.Edge{{Source: "s", Target: "a"}, {Source: "s", Target: "b"}, {Source: "a", Target: "e"}, {Source: "b", Target: "e"}}}
	graph.Layout(want)

	t.Run("every node placed at plan time", func(t *testing.T) {
		t.Parallel()
		config := cfg(nil)
		got, diags := layoutPlannedGraph(context.Background(), graphList(t, plan(config), edges), graphList(t, config, edges))
		if diags.HasError() {
			t.Fatal(diags)
		}
		for i, n := range plannedNodes(t, got) {
			if n.X.IsUnknown() || n.Y.IsUnknown() || n.X.ValueFloat64() != *want.Nodes[i].X || n.Y.ValueFloat64() != *want.Nodes[i].Y {
				t.Errorf("node %s at (%v, %v), want (%v, %v)", n.ID, n.X, n.Y, *want.Nodes[i].X, *want.Nodes[i].Y)
			}
		}
		again, _ := layoutPlannedGraph(context.Background(), graphList(t, plan(config), edges), graphList(t, config, edges))
		if !again.Equal(got) {
			t.Error("the layout is not the same on a second plan")
		}
	})

	t.Run("configured and unknown coordinates are kept", func(t *testing.T) {
		t.Parallel()
		config := cfg(func(n []nodeModel) {
			n[1].X, n[1].Y = types.Float64Value(900), types.Float64Value(40)
			n[2].X, n[2].Y = types.Float64Unknown(), types.Float64Unknown() // from a value not known yet
		})
		got, diags := layoutPlannedGraph(context.Background(), graphList(t, plan(config), edges), graphList(t, config, edges))
		if diags.HasError() {
			t.Fatal(diags)
		}
		nodes := plannedNodes(t, got)
		if nodes[1].X.ValueFloat64() != 900 || nodes[1].Y.ValueFloat64() != 40 {
			t.Errorf("configured node moved to (%v, %v)", nodes[1].X, nodes[1].Y)
		}
		if !nodes[2].X.IsUnknown() || !nodes[2].Y.IsUnknown() {
			t.Errorf("a coordinate unknown in the configuration became (%v, %v)", nodes[2].X, nodes[2].Y)
		}
		if nodes[0].X.IsUnknown() || nodes[3].Y.IsUnknown() {
			t.Errorf("unplaced nodes not laid out: %+v", nodes)
		}
	})

	t.Run("a plan that knows every position is left alone", func(t *testing.T) {
		t.Parallel()
		config := cfg(nil)
		planned := cfg(func(n []nodeModel) { // the state's positions, e.g. moved in the console
			for i := range n {
				n[i].X, n[i].Y = types.Float64Value(float64(i)), types.Float64Value(float64(i))
			}
		})
		in := graphList(t, planned, edges)
		got, _ := layoutPlannedGraph(context.Background(), in, graphList(t, config, edges))
		if !got.Equal(in) {
			t.Error("known planned positions were changed")
		}
	})

	t.Run("unknown structure is left alone", func(t *testing.T) {
		t.Parallel()
		config := cfg(func(n []nodeModel) { n[0].ID = types.StringUnknown() })
		in := graphList(t, plan(config), edges)
		got, _ := layoutPlannedGraph(context.Background(), in, graphList(t, config, edges))
		if !got.Equal(in) {
			t.Error("a graph with an unknown node id was laid out")
		}
		if got, _ := layoutPlannedGraph(context.Background(), types.ListUnknown(graphObjectType), types.ListUnknown(graphObjectType)); !got.IsUnknown() {
			t.Error("an unknown graph block became known")
		}
	})
}
