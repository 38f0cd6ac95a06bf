package graph_test

import (
	"fmt"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

var benchSizes = []int{100, 1000, 10000}

// benchGraph is a valid random DAG of n nodes, laid out so that Encode
// and Decode see coordinates, as they would in practice.
func benchGraph(n int) *graph.Graph {
	g := randomDAG(n, uint64(n))
	graph.Layout(g)
	return g
}

func BenchmarkDecode(b *testing.B) {
	for _, n := range benchSizes {
		data := mustEncode(b, benchGraph(n))
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := graph.Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, n := range benchSizes {
		g := benchGraph(n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := graph.Encode(g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range benchSizes {
		g := benchGraph(n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if issues := graph.Validate(g); issues != nil {
					b.Fatal(issues[0])
				}
			}
		})
	}
}

func BenchmarkLayout(b *testing.B) {
	for _, n := range benchSizes {
		g := randomDAG(n, uint64(n))
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				for i := range g.Nodes {
					g.Nodes[i].X, g.Nodes[i].Y = nil, nil
				}
				b.StartTimer()
				graph.Layout(g)
			}
		})
	}
}

// BenchmarkValidateLayout is what a plan pays for a graph block: validate,
// then place the nodes.
func BenchmarkValidateLayout(b *testing.B) {
	for _, n := range benchSizes {
		g := randomDAG(n, uint64(n))
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				for i := range g.Nodes {
					g.Nodes[i].X, g.Nodes[i].Y = nil, nil
				}
				b.StartTimer()
				if issues := graph.Validate(g); issues != nil {
					b.Fatal(issues[0])
				}
				graph.Layout(g)
			}
		})
	}
}

func BenchmarkSemanticallyEqual(b *testing.B) {
	for _, n := range benchSizes {
		data := mustEncode(b, benchGraph(n))
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if eq, err := graph.SemanticallyEqual(data, data); err != nil || !eq {
					b.Fatal(eq, err)
				}
			}
		})
	}
}
