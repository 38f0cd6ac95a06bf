package graph_test

import (
	"bytes"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// FuzzDecode checks that Decode never panics on any input and that, for
// every input it accepts, decode → encode → decode is stable: the second
// model equals the first, re-encoding gives the same bytes, and
// SemanticallyEqual agrees. Validate and Layout must not panic on whatever
// Decode accepts. The committed corpus is in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add(seedGraph(f))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"nodes":[{"id":"a","x":"1.5","y":null}],"edges":[{"source":"a","target":"a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g1, err := graph.Decode(data)
		if err != nil {
			if g1 != nil {
				t.Fatalf("Decode returned a graph with error %v", err)
			}
			return
		}
		enc1, err := graph.Encode(g1)
		if err != nil {
			t.Fatalf("Encode of a decoded graph failed: %v", err)
		}
		g2, err := graph.Decode(enc1)
		if err != nil {
			t.Fatalf("Decode of Encode output failed: %v\n%s", err, enc1)
		}
		if ok, diff := sameModel(g1, g2); !ok {
			t.Fatalf("decode(encode(g)) != g: %s\n%s", diff, enc1)
		}
		enc2, err := graph.Encode(g2)
		if err != nil || !bytes.Equal(enc1, enc2) {
			t.Fatalf("Encode is not stable (%v):\n%s\n%s", err, enc1, enc2)
		}
		if eq, err := graph.SemanticallyEqual(data, enc1); err != nil || !eq {
			t.Fatalf("SemanticallyEqual(input, encoded) = %v, %v", eq, err)
		}
		_ = graph.Validate(g1)
		graph.Layout(g1)
		for i, n := range g1.Nodes {
			if n.X == nil || n.Y == nil {
				t.Fatalf("Layout left node[%d] unplaced", i)
			}
		}
	})
}
