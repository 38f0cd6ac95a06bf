package graph_test

import (
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

const nodeHeight = 34

func width(n graph.Node) float64 {
	if n.Type == graph.NodeStart || n.Type == graph.NodeEnd {
		return 80
	}
	return 170
}

// checkLayout lays out a copy of g and checks the properties every layout
// must have; it returns the laid-out copy.
func checkLayout(t *testing.T, g *graph.Graph) *graph.Graph {
	t.Helper()
	before := clone(g)
	got := clone(g)
	graph.Layout(got)

	// Deterministic.
	again := clone(g)
	graph.Layout(again)
	if ok, diff := sameModel(got, again); !ok {
		t.Errorf("two layouts differ: %s", diff)
	}

	fixed := make([]bool, len(g.Nodes))
	byID := map[string]int{}
	for i, n := range before.Nodes {
		fixed[i] = n.X != nil && n.Y != nil
		if _, dup := byID[n.ID]; !dup {
			byID[n.ID] = i
		}
	}
	for i, n := range got.Nodes {
		if n.X == nil || n.Y == nil || math.IsNaN(*n.X) || math.IsNaN(*n.Y) || math.IsInf(*n.X, 0) || math.IsInf(*n.Y, 0) {
			t.Fatalf("node[%d] %q not placed: %v %v", i, n.ID, n.X, n.Y)
		}
		if b := before.Nodes[i]; (b.X != nil && *b.X != *n.X) || (b.Y != nil && *b.Y != *n.Y) {
			t.Errorf("node[%d] %q moved from (%v, %v) to (%v, %v)", i, n.ID, b.X, b.Y, *n.X, *n.Y)
		}
	}

	// No overlaps between a placed node and any other node (fixed nodes
	// may overlap each other: that is the user's choice). Sweep by x.
	idx := make([]int, len(got.Nodes))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return *got.Nodes[idx[a]].X < *got.Nodes[idx[b]].X })
	for a := range idx {
		na := got.Nodes[idx[a]]
		for b := a + 1; b < len(idx); b++ {
			nb := got.Nodes[idx[b]]
			if *nb.X-*na.X >= 170 {
				break
			}
			if fixed[idx[a]] && fixed[idx[b]] {
				continue
			}
			if math.Abs(*na.X-*nb.X) < (width(na)+width(nb))/2 && math.Abs(*na.Y-*nb.Y) < nodeHeight {
				t.Errorf("node[%d] %q at (%v, %v) overlaps node[%d] %q at (%v, %v)",
					idx[a], na.ID, *na.X, *na.Y, idx[b], nb.ID, *nb.X, *nb.Y)
			}
		}
	}

	// A placed node is below its parents.
	for _, e := range got.Edges {
		s, sok := byID[e.Source]
		d, dok := byID[e.Target]
		if !sok || !dok || s == d || fixed[d] {
			continue
		}
		if *got.Nodes[s].Y >= *got.Nodes[d].Y {
			t.Errorf("edge %s -> %s: parent y %v is not above child y %v", e.Source, e.Target, *got.Nodes[s].Y, *got.Nodes[d].Y)
		}
	}
	return got
}

// checkLayers checks the properties of a layout with no fixed node: START
// alone on top, END nodes together at the bottom, layers centred on one
// axis.
func checkLayers(t *testing.T, g *graph.Graph) {
	t.Helper()
	var startY, minY, maxY = math.NaN(), math.Inf(1), math.Inf(-1)
	var endYs []float64
	rows := map[float64][]float64{}
	for _, n := range g.Nodes {
		minY, maxY = min(minY, *n.Y), max(maxY, *n.Y)
		rows[*n.Y] = append(rows[*n.Y], *n.X)
		switch n.Type {
		case graph.NodeStart:
			startY = *n.Y
		case graph.NodeEnd:
			endYs = append(endYs, *n.Y)
		}
	}
	if startY != minY || len(rows[startY]) != 1 {
		t.Errorf("START at y %v is not alone on top (top y %v, %d nodes there)", startY, minY, len(rows[startY]))
	}
	for _, y := range endYs {
		if y != maxY {
			t.Errorf("END at y %v is not on the bottom layer (y %v)", y, maxY)
		}
	}
	var axis float64
	for y, xs := range rows {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range xs {
			lo, hi = min(lo, x), max(hi, x)
		}
		mid := (lo + hi) / 2
		if axis == 0 {
			axis = mid
		}
		if mid != axis {
			t.Errorf("layer at y %v is centred on %v, not on %v", y, mid, axis)
		}
		if lo < 100 {
			t.Errorf("layer at y %v reaches x %v, left of the canvas margin", y, lo)
		}
	}
}

func TestLayoutShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    *graph.Graph
	}{
		{"seed without coordinates", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("j"), end("e")},
			Edges: []graph.Edge{edge("s", "j"), edge("j", "e")},
		}},
		{"start and end only", &graph.Graph{Nodes: []graph.Node{start("s"), end("e")}, Edges: []graph.Edge{edge("s", "e")}}},
		{"chain of 10", chain(10)},
		{"diamond", &graph.Graph{
			Nodes: []graph.Node{end("e"), job("c"), job("b"), job("a"), start("s")},
			Edges: []graph.Edge{edge("s", "a"), edge("s", "b"), edge("a", "c"), edge("b", "c"), edge("c", "e")},
		}},
		{"wide fan of 30", func() *graph.Graph {
			g := &graph.Graph{Nodes: []graph.Node{start("s"), end("e")}}
			for i := range 30 {
				id := fmt.Sprintf("f%d", i)
				g.Nodes = append(g.Nodes, job(id))
				g.Edges = append(g.Edges, edge("s", id), edge(id, "e"))
			}
			return g
		}()},
		{"ends at different depths", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), end("early"), end("late")},
			Edges: []graph.Edge{edge("s", "a"), edge("a", "early"), edge("a", "b"), edge("b", "c"), edge("c", "late")},
		}},
		{"job deeper than the only END", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), end("e")},
			Edges: []graph.Edge{edge("s", "a"), edge("a", "e"), edge("a", "b"), edge("b", "c")},
		}},
		{"skip edges", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), end("e")},
			Edges: []graph.Edge{edge("s", "a"), edge("a", "b"), edge("b", "c"), edge("s", "c"), edge("a", "e"), edge("c", "e")},
		}},
		{"disconnected job", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("lonely"), end("e")},
			Edges: []graph.Edge{edge("s", "a"), edge("a", "e")},
		}},
		{"random 200", randomDAG(200, 42)},
		{"random 1000", randomDAG(1000, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if issues := graph.Validate(tt.g); issues != nil {
				t.Fatalf("test graph is not valid:\n%s", issuesText(issues))
			}
			got := checkLayout(t, tt.g)
			checkLayers(t, got)
		})
	}
}

func TestLayoutLayers(t *testing.T) {
	t.Parallel()
	// Layer = longest path from START; END on the bottom.
	g := &graph.Graph{
		Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), end("early"), end("late")},
		Edges: []graph.Edge{edge("s", "a"), edge("a", "b"), edge("b", "c"), edge("s", "c"), edge("a", "early"), edge("c", "late")},
	}
	graph.Layout(g)
	want := map[string]float64{"s": 100, "a": 200, "b": 300, "c": 400, "early": 500, "late": 500}
	for _, n := range g.Nodes {
		if *n.Y != want[n.ID] {
			t.Errorf("%s at y %v, want %v", n.ID, *n.Y, want[n.ID])
		}
	}

	// END goes below a job that does not lead to it.
	g = &graph.Graph{
		Nodes: []graph.Node{start("s"), job("a"), end("e"), job("b"), job("c")},
		Edges: []graph.Edge{edge("s", "a"), edge("a", "e"), edge("a", "b"), edge("b", "c")},
	}
	graph.Layout(g)
	want = map[string]float64{"s": 100, "a": 200, "b": 300, "c": 400, "e": 500}
	for _, n := range g.Nodes {
		if *n.Y != want[n.ID] {
			t.Errorf("%s at y %v, want %v", n.ID, *n.Y, want[n.ID])
		}
	}
}

func TestLayoutOrdersByParents(t *testing.T) {
	t.Parallel()
	// c is listed before d, but its parent b is right of d's parent a:
	// d goes left of c. Ties (both under s) keep configuration order.
	g := &graph.Graph{
		Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), job("d"), end("e")},
		Edges: []graph.Edge{edge("s", "a"), edge("s", "b"), edge("b", "c"), edge("a", "d"), edge("c", "e"), edge("d", "e")},
	}
	graph.Layout(g)
	x := map[string]float64{}
	for _, n := range g.Nodes {
		x[n.ID] = *n.X
	}
	if !(x["a"] < x["b"]) {
		t.Errorf("a (%v) is not left of b (%v)", x["a"], x["b"])
	}
	if !(x["d"] < x["c"]) {
		t.Errorf("d (%v) is not left of c (%v)", x["d"], x["c"])
	}
	if x["a"] != 400 || x["b"] != 600 || x["s"] != 500 || x["e"] != 500 {
		t.Errorf("positions %v, want a 400, b 600, s and e 500", x)
	}
}

func TestLayoutKeepsFixedNodes(t *testing.T) {
	t.Parallel()
	// Fixed nodes right where the layout would put others.
	g := &graph.Graph{
		Nodes: []graph.Node{
			start("s"), job("a"), at(job("blocker"), 500, 200), job("b"), at(job("c"), 620, 300), end("e"),
		},
		Edges: []graph.Edge{edge("s", "a"), edge("s", "b"), edge("a", "c"), edge("b", "c"), edge("c", "e"), edge("s", "blocker"), edge("blocker", "e")},
	}
	got := checkLayout(t, g)
	for _, n := range got.Nodes {
		t.Logf("%s: (%v, %v)", n.ID, *n.X, *n.Y)
	}

	// A fixed START far down: everything placed goes below it.
	g2 := chain(3)
	g2.Nodes[0] = at(g2.Nodes[0], 300, 900)
	got2 := checkLayout(t, g2)
	if y := *got2.Nodes[1].Y; y <= 900 {
		t.Errorf("child of a START fixed at y 900 placed at y %v", y)
	}

	// Everything fixed: nothing changes.
	g3 := mustDecode(t, seedGraph(t))
	checkLayout(t, g3)

	// A wall of fixed nodes across the first layer.
	g4 := randomDAG(60, 5)
	for i := range 12 {
		g4.Nodes = append(g4.Nodes, at(graph.Node{ID: fmt.Sprintf("wall%d", i), Type: graph.NodeJob, JobID: "FJ-1", JobType: "SHELL"}, float64(150*i), 210))
	}
	checkLayout(t, g4)
}

func TestLayoutPartialCoordinates(t *testing.T) {
	t.Parallel()
	g := chain(2)
	g.Nodes[1].X = ptr(1234)
	g.Nodes[2].Y = ptr(777)
	graph.Layout(g)
	if *g.Nodes[1].X != 1234 || g.Nodes[1].Y == nil {
		t.Errorf("node with x only: (%v, %v)", *g.Nodes[1].X, g.Nodes[1].Y)
	}
	if *g.Nodes[2].Y != 777 || g.Nodes[2].X == nil {
		t.Errorf("node with y only: (%v, %v)", g.Nodes[2].X, *g.Nodes[2].Y)
	}
}

func TestLayoutInvalidGraphs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    *graph.Graph
	}{
		{"nil", nil},
		{"empty", &graph.Graph{}},
		{"cycle", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("b"), job("c"), end("e")},
			Edges: []graph.Edge{edge("s", "a"), edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "e")},
		}},
		{"only a cycle", &graph.Graph{
			Nodes: []graph.Node{job("a"), job("b")},
			Edges: []graph.Edge{edge("a", "b"), edge("b", "a")},
		}},
		{"edges into START and out of END, self-loop, dangling", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), end("e")},
			Edges: []graph.Edge{edge("a", "s"), edge("e", "a"), edge("a", "a"), edge("a", "ghost"), edge("", "e")},
		}},
		{"duplicate ids and edges", &graph.Graph{
			Nodes: []graph.Node{start("s"), job("a"), job("a"), end("e"), end("e")},
			Edges: []graph.Edge{edge("s", "a"), edge("s", "a"), edge("a", "e")},
		}},
		{"no START", &graph.Graph{Nodes: []graph.Node{job("a"), end("e")}, Edges: []graph.Edge{edge("a", "e")}}},
		{"fixed NaN and huge", &graph.Graph{
			Nodes: []graph.Node{at(start("s"), math.NaN(), 1), at(job("a"), 1e300, -1e300), job("b"), end("e")},
			Edges: []graph.Edge{edge("s", "a"), edge("a", "b"), edge("b", "e")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			graph.Layout(tt.g) // must not panic
			if tt.g == nil {
				return
			}
			for i, n := range tt.g.Nodes {
				if n.X == nil || n.Y == nil {
					t.Errorf("node[%d] not placed", i)
				}
			}
		})
	}
	// Without NaN, the structural properties that do not need validity hold.
	for _, tt := range tests[2:7] {
		t.Run("properties/"+tt.name, func(t *testing.T) {
			g := clone(tt.g)
			for i := range g.Nodes {
				g.Nodes[i].X, g.Nodes[i].Y = nil, nil
			}
			checkLayoutNoParentCheck(t, g)
		})
	}
}

// checkLayoutNoParentCheck runs checkLayout on a graph whose edges may go
// upwards (cycles, edges into START), dropping those edges first.
func checkLayoutNoParentCheck(t *testing.T, g *graph.Graph) {
	t.Helper()
	laid := clone(g)
	graph.Layout(laid)
	y := map[string]float64{}
	for _, n := range laid.Nodes {
		if _, dup := y[n.ID]; !dup {
			y[n.ID] = *n.Y
		}
	}
	var down []graph.Edge
	for _, e := range g.Edges {
		if ys, ok := y[e.Source]; ok {
			if yt, ok := y[e.Target]; ok && ys < yt {
				down = append(down, e)
			}
		}
	}
	g.Edges = down
	checkLayout(t, g)
}

// TestLayoutBetweenFixedNodes: a node added between fixed nodes goes between them, below every
// node it depends on and above every node that depends on it, clear of both; fixed nodes never
// move. The first case is issue 19's: a node added between the last job and END was placed
// beside END (x 645, y 400).
func TestLayoutBetweenFixedNodes(t *testing.T) {
	t.Parallel()
	type pos struct{ x, y float64 }
	cases := map[string]struct {
		g    *graph.Graph
		want map[string]pos
	}{
		"between the last job and END": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 100), at(job("a"), 500, 200), at(job("b"), 500, 300), job("new"), at(end("e"), 500, 400)},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "b"), edge("b", "new"), edge("new", "e")},
			},
			want: map[string]pos{"new": {500, 350}},
		},
		"between two jobs of a console drawing": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 250), at(job("a"), 470.5, 398.5), job("new"), at(job("b"), 470.5, 562.5), at(end("e"), 430.5, 700)},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "new"), edge("new", "b"), edge("b", "e")},
			},
			// Its layer's y (a's + 100) is already above b, clear of both.
			want: map[string]pos{"new": {500, 498.5}},
		},
		"two new nodes in a row with room for both": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 100), at(job("a"), 500, 200), job("n1"), job("n2"), at(end("e"), 500, 500)},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "n1"), edge("n1", "n2"), edge("n2", "e")},
			},
			// The layers' own y fit above e: nothing to move.
			want: map[string]pos{"n1": {500, 300}, "n2": {500, 400}},
		},
		"two new nodes in a row between close fixed nodes": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 100), at(job("a"), 500, 200), job("n1"), job("n2"), at(end("e"), 500, 400)},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "n1"), edge("n1", "n2"), edge("n2", "e")},
			},
			// n1 keeps its layer's y (300), the highest that leaves n2 room above e; n2 goes
			// halfway between n1 and e.
			want: map[string]pos{"n1": {500, 300}, "n2": {500, 350}},
		},
		"no room: keeps its layer, beside the fixed node": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 100), at(job("a"), 500, 200), job("new"), at(end("e"), 500, 240)},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "new"), edge("new", "e")},
			},
			want: map[string]pos{"new": {500, 300}},
		},
		"a dependent that is not fixed changes nothing": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 100), job("new"), end("e")},
				Edges: []graph.Edge{edge("s", "new"), edge("new", "e")},
			},
			want: map[string]pos{"new": {500, 200}, "e": {500, 300}},
		},
		"beside a fixed sibling, between parent and END": {
			g: &graph.Graph{
				Nodes: []graph.Node{at(start("s"), 500, 100), at(job("a"), 500, 200), at(job("sib"), 500, 300), job("new"), at(end("e"), 500, 400)},
				Edges: []graph.Edge{edge("s", "a"), edge("a", "sib"), edge("a", "new"), edge("sib", "e"), edge("new", "e")},
			},
			// Its layer's y (300) is above END already; sib is there: pushed right, clear of it.
			want: map[string]pos{"new": {690, 300}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := checkLayout(t, tc.g)
			for _, n := range got.Nodes {
				if w, ok := tc.want[n.ID]; ok && (*n.X != w.x || *n.Y != w.y) {
					t.Errorf("%s at (%v, %v), want (%v, %v)", n.ID, *n.X, *n.Y, w.x, w.y)
				}
			}
		})
	}
}
