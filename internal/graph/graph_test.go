package graph_test

import (
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

func TestOrderLike(t *testing.T) {
	t.Parallel()
	config := &graph.Graph{
		Nodes: []graph.Node{start("s"), job("a"), job("b"), end("e")},
		Edges: []graph.Edge{edge("s", "a"), edge("s", "b"), edge("a", "e"), edge("b", "e")},
	}
	// As a server might return it: reordered, with a node and an edge the
	// configuration does not have.
	server := &graph.Graph{
		Nodes: []graph.Node{end("e"), job("extra1"), job("b"), start("s"), job("extra2"), job("a")},
		Edges: []graph.Edge{edge("b", "e"), edge("x", "y"), edge("a", "e"), edge("s", "b"), edge("s", "a")},
	}
	graph.OrderLike(server, config)
	want := &graph.Graph{
		Nodes: []graph.Node{start("s"), job("a"), job("b"), end("e"), job("extra1"), job("extra2")},
		Edges: []graph.Edge{edge("s", "a"), edge("s", "b"), edge("a", "e"), edge("b", "e"), edge("x", "y")},
	}
	if ok, diff := sameModel(server, want); !ok {
		t.Errorf("OrderLike: %s\ngot %+v", diff, server)
	}
	graph.OrderLike(nil, config) // no panic
	graph.OrderLike(server, nil)
}
