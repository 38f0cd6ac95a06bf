package graph_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// Builders for compact test graphs.

func start(id string) graph.Node { return graph.Node{ID: id, Type: graph.NodeStart} }
func end(id string) graph.Node   { return graph.Node{ID: id, Type: graph.NodeEnd} }
func job(id string) graph.Node {
	return graph.Node{ID: id, Type: graph.NodeJob, JobID: "FJ-" + fmt.Sprintf("%X", len(id)*7919), JobType: "SHELL"}
}
func edge(s, t string) graph.Edge { return graph.Edge{Source: s, Target: t} }
func at(n graph.Node, x, y float64) graph.Node {
	n.X, n.Y = &x, &y
	return n
}
func ptr(f float64) *float64 { return &f }

// chain returns START -> j1 -> ... -> jk -> END.
func chain(k int) *graph.Graph {
	g := &graph.Graph{Nodes: []graph.Node{start("s")}}
	prev := "s"
	for i := 1; i <= k; i++ {
		id := fmt.Sprintf("j%d", i)
		g.Nodes = append(g.Nodes, job(id))
		g.Edges = append(g.Edges, edge(prev, id))
		prev = id
	}
	g.Nodes = append(g.Nodes, end("e"))
	g.Edges = append(g.Edges, edge(prev, "e"))
	return g
}

// randomDAG returns a valid graph of n nodes (n >= 3): START, n-2 JOB nodes
// in layers of about sqrt(n), each with one to three parents in the layer
// above (or START), and END after every node without children. The same
// n and seed give the same graph.
func randomDAG(n int, seed uint64) *graph.Graph {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	types := graph.JobTypes()
	g := &graph.Graph{Nodes: make([]graph.Node, 0, n), Edges: make([]graph.Edge, 0, 3*n)}
	g.Nodes = append(g.Nodes, graph.Node{ID: "start", Type: graph.NodeStart, Label: "start"})
	width := 1
	for width*width < n {
		width++
	}
	hasChild := make([]bool, n)
	var prevLayer []int
	var layer []int
	for i := 1; i < n-1; i++ {
		id := fmt.Sprintf("node_%06d", i)
		g.Nodes = append(g.Nodes, graph.Node{
			ID: id, Type: graph.NodeJob, Label: "job " + id,
			JobID: fmt.Sprintf("FJ-%016X", uint64(i)*0x9E3779B97F4A7C15), JobType: types[i%len(types)],
		})
		if len(prevLayer) == 0 {
			g.Edges = append(g.Edges, edge("start", id))
			hasChild[0] = true
		} else {
			parents := 1 + rng.IntN(3)
			picked := map[int]bool{}
			for range parents {
				p := prevLayer[rng.IntN(len(prevLayer))]
				if picked[p] {
					continue
				}
				picked[p] = true
				g.Edges = append(g.Edges, edge(g.Nodes[p].ID, id))
				hasChild[p] = true
			}
		}
		layer = append(layer, i)
		if len(layer) == width {
			prevLayer, layer = layer, nil
		}
	}
	g.Nodes = append(g.Nodes, graph.Node{ID: "end", Type: graph.NodeEnd, Label: "end"})
	for i := 0; i < n-1; i++ {
		if !hasChild[i] {
			g.Edges = append(g.Edges, edge(g.Nodes[i].ID, "end"))
		}
	}
	return g
}

// clone deep-copies g, coordinates included.
func clone(g *graph.Graph) *graph.Graph {
	c := &graph.Graph{Nodes: append([]graph.Node(nil), g.Nodes...), Edges: append([]graph.Edge(nil), g.Edges...)}
	for i := range c.Nodes {
		if x := c.Nodes[i].X; x != nil {
			c.Nodes[i].X = ptr(*x)
		}
		if y := c.Nodes[i].Y; y != nil {
			c.Nodes[i].Y = ptr(*y)
		}
	}
	return c
}

// sameModel reports whether a and b are equal in order and content, and
// describes the first difference.
func sameModel(a, b *graph.Graph) (bool, string) {
	if len(a.Nodes) != len(b.Nodes) || len(a.Edges) != len(b.Edges) {
		return false, fmt.Sprintf("sizes %d/%d vs %d/%d", len(a.Nodes), len(a.Edges), len(b.Nodes), len(b.Edges))
	}
	for i := range a.Nodes {
		na, nb := a.Nodes[i], b.Nodes[i]
		if !sameCoord(na.X, nb.X) || !sameCoord(na.Y, nb.Y) {
			return false, fmt.Sprintf("node[%d] coordinates differ", i)
		}
		na.X, na.Y, nb.X, nb.Y = nil, nil, nil, nil
		if na != nb {
			return false, fmt.Sprintf("node[%d]: %+v vs %+v", i, na, nb)
		}
	}
	for j := range a.Edges {
		if a.Edges[j] != b.Edges[j] {
			return false, fmt.Sprintf("edge[%d]: %+v vs %+v", j, a.Edges[j], b.Edges[j])
		}
	}
	return true, ""
}

func sameCoord(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func mustEncode(t testing.TB, g *graph.Graph) []byte {
	t.Helper()
	b, err := graph.Encode(g)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return b
}

func mustDecode(t testing.TB, data []byte) *graph.Graph {
	t.Helper()
	g, err := graph.Decode(data)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return g
}
