package graph

import (
	"cmp"
	"math"
	"slices"
)

// Layout geometry, in console canvas units. Coordinates are node centres.
const (
	// layoutAxisX is the vertical axis layers are centred on (the seed
	// graph's START sits at x = 500). It moves right when the widest layer
	// would otherwise reach past layoutMinX.
	layoutAxisX = 500.0
	// layoutMinX is the smallest centre x the layout gives, so that the
	// widest node (170) stays on the canvas.
	layoutMinX = 100.0
	// layoutTopY is the centre y of the top layer.
	layoutTopY = 100.0
	// slotPitch is the distance between neighbours' centres in a layer:
	// the widest node plus a gap, so placed nodes never overlap.
	slotPitch = 200.0
	// layerPitch is the distance between the centres of two layers.
	layerPitch = 100.0
	// Clearance kept between a placed node and a fixed one.
	clearX = 20.0
	clearY = 16.0
	// minGapY is the least distance between the centres of two nodes one
	// above the other that keeps them clear.
	minGapY = nodeHeight + clearY
	// Obstacle grid cell, larger than an inflated obstacle so each one
	// lands in at most 2×2 cells.
	cellW = 512.0
	cellH = 128.0
	// farAway bounds the coordinates of fixed nodes the grid indexes; a
	// node beyond it cannot touch the layout (which stays far inside).
	farAway = 1e15
)

// Layout gives a position to every node whose X or Y is nil and never
// changes a coordinate that is set. Placement is deterministic: the same
// graph gives the same coordinates.
//
// Nodes are put in layers by the longest path from the top: START alone on
// layer 0, every other node at least one layer below all its parents, END
// nodes on the bottom layer. Within a layer the nodes to place are ordered
// by the mean x of their parents (ties by configuration order, parentless
// nodes last), spaced slotPitch apart and centred on a common axis. A
// layer's y is below every node of the layers above it, placed or fixed, so
// a placed node is always below its parents. Placed nodes never overlap one
// another or a fixed node: a node that would is pushed right, and the rest
// of its layer with it.
//
// A node added between fixed nodes (a step inserted before a fixed END, or
// between two jobs of a console drawing) goes between them: when its
// layer's y would put it level with or below a fixed node that depends on
// it, directly or through other nodes being placed, it is placed halfway
// between its lowest parent and that node, provided it keeps clear of both
// (minGapY). When there is no such room (fixed nodes closer than two
// clearances), it keeps its layer's y: Layout never moves a fixed node.
//
// Layout does not need a valid graph: edges to unknown nodes and self-loops
// are ignored, edges to a repeated id go to its first node, and a cycle is
// broken at its lowest-indexed node. A node with only one of X and Y set
// (invalid, see Validate) gets the other from the layout and is not kept
// clear of others.
//
// It runs in O((V+E) log V) time: linear passes plus one sort per layer.
func Layout(g *Graph) {
	if g == nil || len(g.Nodes) == 0 {
		return
	}
	l := newLayouter(g)
	if l.unplaced == 0 {
		return
	}
	l.assignLayers()
	l.place()
}

type layouter struct {
	g        *Graph
	n        int
	out, in  csr
	layer    []int32
	layers   int32
	unplaced int
}

func newLayouter(g *Graph) *layouter {
	n := len(g.Nodes)
	l := &layouter{g: g, n: n}
	byID := make(map[string]int32, n)
	for i := range g.Nodes {
		if g.Nodes[i].X == nil || g.Nodes[i].Y == nil {
			l.unplaced++
		}
		if _, dup := byID[g.Nodes[i].ID]; !dup {
			byID[g.Nodes[i].ID] = int32(i)
		}
	}
	if l.unplaced == 0 {
		return l
	}
	edges := make([][2]int32, 0, len(g.Edges))
	for _, e := range g.Edges {
		s, sok := byID[e.Source]
		t, tok := byID[e.Target]
		if sok && tok && s != t {
			edges = append(edges, [2]int32{s, t})
		}
	}
	l.out = newCSR(n, edges, false)
	l.in = newCSR(n, edges, true)
	return l
}

// assignLayers computes the longest-path layering with Kahn's algorithm.
// When only cycles are left, their lowest-indexed node is taken as if its
// remaining parents were gone, which keeps the pass linear and
// deterministic.
func (l *layouter) assignLayers() {
	n := l.n
	l.layer = make([]int32, n)
	indeg := make([]int32, n)
	for i := range n {
		indeg[i] = int32(len(l.in.of(int32(i))))
		if l.g.Nodes[i].Type != NodeStart {
			l.layer[i] = 1 // only START sits on the top layer
		}
	}
	done := make([]bool, n)
	queue := make([]int32, 0, n)
	for i := range n {
		if indeg[i] == 0 {
			queue = append(queue, int32(i))
			done[i] = true
		}
	}
	next := 0 // lowest index that may still be undone
	for head := 0; head < n; head++ {
		if head == len(queue) {
			for done[next] {
				next++
			}
			queue = append(queue, int32(next))
			done[next] = true
		}
		u := queue[head]
		for _, w := range l.out.of(u) {
			if done[w] {
				continue // an edge closing a cycle
			}
			if l.g.Nodes[w].Type != NodeStart {
				l.layer[w] = max(l.layer[w], l.layer[u]+1)
			}
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
				done[w] = true
			}
		}
	}

	// END nodes go to the bottom layer; then close the gap a graph without
	// START leaves on top.
	maxOther, maxEnd := int32(-1), int32(-1)
	minLayer := int32(math.MaxInt32)
	for i := range n {
		if l.g.Nodes[i].Type == NodeEnd {
			maxEnd = max(maxEnd, l.layer[i])
		} else {
			maxOther = max(maxOther, l.layer[i])
		}
	}
	bottom := max(maxOther+1, maxEnd)
	for i := range n {
		if l.g.Nodes[i].Type == NodeEnd {
			l.layer[i] = bottom
		}
		minLayer = min(minLayer, l.layer[i])
	}
	l.layers = 0
	for i := range n {
		l.layer[i] -= minLayer
		l.layers = max(l.layers, l.layer[i]+1)
	}
}

// obstacle is a fixed node, inflated by the clearance and by half the
// largest node, so that a candidate centre collides with it exactly when
// the candidate node would come too close.
type obstacle struct {
	x, y, halfW float64
}

func (l *layouter) place() {
	g, n := l.g, l.n

	// Bucket the nodes to place by layer (configuration order within a
	// layer), and find the lowest fixed y of each layer.
	count := make([]int32, l.layers+1)
	maxY := make([]float64, l.layers)
	for i := range maxY {
		maxY[i] = math.Inf(-1)
	}
	var obstacles []obstacle
	for i := range n {
		nd := &g.Nodes[i]
		if nd.X == nil || nd.Y == nil {
			count[l.layer[i]+1]++
		}
		if nd.Y != nil && finite(*nd.Y) {
			maxY[l.layer[i]] = max(maxY[l.layer[i]], *nd.Y)
		}
		if nd.X != nil && nd.Y != nil && finite(*nd.X) && finite(*nd.Y) &&
			math.Abs(*nd.X) < farAway && math.Abs(*nd.Y) < farAway {
			obstacles = append(obstacles, obstacle{x: *nd.X, y: *nd.Y, halfW: widthFor(nd.Type) / 2})
		}
	}
	widest := int32(0)
	for k := range l.layers {
		widest = max(widest, count[k+1])
		count[k+1] += count[k]
	}
	order := make([]int32, count[l.layers])
	fill := slices.Clone(count[:l.layers])
	for i := range n {
		if g.Nodes[i].X == nil || g.Nodes[i].Y == nil {
			order[fill[l.layer[i]]] = int32(i)
			fill[l.layer[i]]++
		}
	}

	grid := newObstacleGrid(obstacles)
	need := l.needAbove()
	axis := max(layoutAxisX, layoutMinX+float64(widest-1)*slotPitch/2)

	// Effective x of every node as far as known: fixed, or placed already.
	xs, ys := make([]float64, n), make([]float64, n)
	known, knownY := make([]bool, n), make([]bool, n)
	for i := range n {
		if x := g.Nodes[i].X; x != nil && finite(*x) {
			xs[i], known[i] = *x, true
		}
		if y := g.Nodes[i].Y; y != nil && finite(*y) {
			ys[i], knownY[i] = *y, true
		}
	}
	// One backing array for the new coordinates: one allocation, not 2V.
	coords := make([]float64, 0, 2*len(order))

	type keyed struct {
		node int32
		key  float64 // mean x of placed parents; +Inf for none
	}
	var row []keyed
	y := layoutTopY
	for k := range l.layers {
		if k > 0 {
			y = max(y+layerPitch, maxY[k-1]+layerPitch)
		}
		members := order[count[k]:count[k+1]]
		row = row[:0]
		for _, i := range members {
			sum, parents := 0.0, 0
			for _, p := range l.in.of(i) {
				if l.layer[p] < k && known[p] {
					sum += xs[p]
					parents++
				}
			}
			key := math.Inf(1)
			if parents > 0 {
				key = sum / float64(parents)
			}
			row = append(row, keyed{node: i, key: key})
		}
		slices.SortFunc(row, func(a, b keyed) int {
			return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.node, b.node))
		})

		left := axis - float64(len(row)-1)*slotPitch/2
		cursor := math.Inf(-1)
		for s, r := range row {
			nd := &g.Nodes[r.node]
			x := max(left+float64(s)*slotPitch, cursor)
			ny := y
			if nd.Y == nil && need != nil {
				ny = l.between(r.node, y, need[r.node], ys, knownY)
			}
			if nd.X == nil && nd.Y == nil {
				x = grid.clear(x, ny, widthFor(nd.Type)/2)
			}
			if ny == y {
				cursor = x + slotPitch
			}
			if nd.X == nil {
				coords = append(coords, x)
				nd.X = &coords[len(coords)-1]
			}
			xs[r.node], known[r.node] = *nd.X, true
			if nd.Y == nil {
				coords = append(coords, ny)
				nd.Y = &coords[len(coords)-1]
			}
			ys[r.node], knownY[r.node] = *nd.Y, true
			if ny != y {
				// Off its layer's row: the nodes placed after it must keep clear of it.
				grid.add(obstacle{x: *nd.X, y: ny, halfW: widthFor(nd.Type) / 2})
			}
		}
	}
}

// needAbove returns, for every node, the largest y it may take to stay
// above the fixed nodes that depend on it, directly or through nodes to be
// placed (+Inf when none does), or nil when no node is fixed. Edges that go
// up a layer (those that close a cycle) are ignored.
func (l *layouter) needAbove() []float64 {
	g, n := l.g, l.n
	fixed := func(i int32) bool {
		nd := &g.Nodes[i]
		return nd.X != nil && nd.Y != nil && finite(*nd.Y)
	}
	someFixed := false
	for i := range n {
		someFixed = someFixed || fixed(int32(i))
	}
	if !someFixed {
		return nil
	}
	need := make([]float64, n)
	byLayer := make([]int32, n)
	for i := range byLayer {
		byLayer[i] = int32(i)
		need[i] = math.Inf(1)
	}
	slices.SortStableFunc(byLayer, func(a, b int32) int { return cmp.Compare(l.layer[b], l.layer[a]) })
	for _, v := range byLayer {
		for _, c := range l.out.of(v) {
			if l.layer[c] <= l.layer[v] {
				continue
			}
			if fixed(c) {
				need[v] = min(need[v], *g.Nodes[c].Y-minGapY)
			} else if g.Nodes[c].Y == nil {
				need[v] = min(need[v], need[c]-minGapY)
			}
		}
	}
	return need
}

// between returns the y of node v: its layer's y, unless that is below need
// (the largest y that keeps it above the fixed nodes depending on it) and
// there is room above need and clear of its lowest parent: then halfway
// between that parent and the fixed node below.
func (l *layouter) between(v int32, y, need float64, ys []float64, knownY []bool) float64 {
	if y <= need || math.IsInf(need, 1) {
		return y
	}
	top := math.Inf(-1)
	for _, p := range l.in.of(v) {
		if l.layer[p] < l.layer[v] && knownY[p] {
			top = max(top, ys[p])
		}
	}
	if math.IsInf(top, -1) || need-top < minGapY {
		return y // no parent to be below, or no room
	}
	return (top + need + minGapY) / 2
}

func finite(f float64) bool {
	return !math.IsInf(f, 0) && !math.IsNaN(f)
}

// obstacleGrid is a spatial hash of fixed nodes for overlap queries.
type obstacleGrid struct {
	obstacles []obstacle
	cells     map[[2]int64][]int32
}

func newObstacleGrid(obstacles []obstacle) *obstacleGrid {
	grid := &obstacleGrid{}
	for _, o := range obstacles {
		grid.add(o)
	}
	return grid
}

// add indexes one more obstacle (a node placed off its layer's row).
func (grid *obstacleGrid) add(o obstacle) {
	if math.Abs(o.x) >= farAway || math.Abs(o.y) >= farAway {
		return
	}
	if grid.cells == nil {
		grid.cells = map[[2]int64][]int32{}
	}
	k := int32(len(grid.obstacles))
	grid.obstacles = append(grid.obstacles, o)
	halfW := o.halfW + clearX + jobNodeWidth/2
	halfH := nodeHeight + clearY
	for cx := cell(o.x-halfW, cellW); cx <= cell(o.x+halfW, cellW); cx++ {
		for cy := cell(o.y-halfH, cellH); cy <= cell(o.y+halfH, cellH); cy++ {
			key := [2]int64{cx, cy}
			grid.cells[key] = append(grid.cells[key], k)
		}
	}
}

func cell(v, size float64) int64 {
	return int64(math.Floor(v / size))
}

// clear returns the smallest x' >= x at which a node of half width halfW
// centred at (x', y) keeps clear of every obstacle. Each step jumps past
// the right edge of one obstacle, so it ends.
func (grid *obstacleGrid) clear(x, y, halfW float64) float64 {
	if grid.cells == nil || math.Abs(x) >= farAway || math.Abs(y) >= farAway {
		return x
	}
	for {
		moved := false
		for _, k := range grid.cells[[2]int64{cell(x, cellW), cell(y, cellH)}] {
			o := grid.obstacles[k]
			// Bounds, not distances: x = right below is then exactly
			// clear, whatever the rounding.
			reachX := o.halfW + halfW + clearX
			left, right := o.x-reachX, o.x+reachX
			if x > left && x < right && math.Abs(y-o.y) < nodeHeight+clearY {
				x = right
				moved = true
			}
		}
		if !moved {
			return x
		}
	}
}
