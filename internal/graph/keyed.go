package graph

import (
	"fmt"
	"slices"
)

// KeyedNode is a node as the flow resource's `nodes` map writes it: the node (its ID is the
// map's key) and the ids of the nodes it runs after.
type KeyedNode struct {
	Node
	DependsOn []string
}

// FromKeyed builds the graph of nodes keyed by id. Nodes come in id order and edges in target
// order, then source order, so that the same map always gives the same graph (and the same
// layout and encoding) whatever order the configuration wrote it in. Each dependency becomes one
// edge from it to its node; a repeated dependency gives one edge.
func FromKeyed(nodes map[string]KeyedNode) *Graph {
	ids := make([]string, 0, len(nodes))
	edges := 0
	for id, n := range nodes {
		ids = append(ids, id)
		edges += len(n.DependsOn)
	}
	slices.Sort(ids)
	g := &Graph{Nodes: make([]Node, len(ids)), Edges: make([]Edge, 0, edges)}
	var deps []string
	for i, id := range ids {
		kn := nodes[id]
		g.Nodes[i] = kn.Node
		g.Nodes[i].ID = id
		deps = append(deps[:0], kn.DependsOn...)
		slices.Sort(deps)
		for k, d := range deps {
			if k > 0 && deps[k-1] == d {
				continue
			}
			g.Edges = append(g.Edges, Edge{Source: d, Target: id})
		}
	}
	return g
}

// Dependencies returns, for each node of g, the ids of the nodes it runs after (the sources of
// its incoming edges, sorted, each once); nodes without any have no entry. It fails when the
// keyed form cannot hold g: two nodes share an id, or an edge has an end that is no node. Such a
// graph (never made by the console) is then better shown as raw JSON than silently changed.
func Dependencies(g *Graph) (map[string][]string, error) {
	known := make(map[string]struct{}, len(g.Nodes))
	for i := range g.Nodes {
		id := g.Nodes[i].ID
		if _, dup := known[id]; dup {
			return nil, fmt.Errorf("node id %q is used by more than one node", id)
		}
		known[id] = struct{}{}
	}
	deps := make(map[string][]string)
	for _, e := range g.Edges {
		if _, ok := known[e.Source]; !ok {
			return nil, fmt.Errorf("an edge leaves %q, which is not a node", e.Source)
		}
		if _, ok := known[e.Target]; !ok {
			return nil, fmt.Errorf("an edge enters %q, which is not a node", e.Target)
		}
		deps[e.Target] = append(deps[e.Target], e.Source)
	}
	for id, d := range deps {
		slices.Sort(d)
		deps[id] = slices.Compact(d)
	}
	return deps, nil
}

// ValidNodeID reports whether id may be a node id: 1 to 64 ASCII letters, digits, '_' or '-'.
func ValidNodeID(id string) bool { return validNodeID(id) }

// NotAfterStart returns the indexes of the JOB nodes that no path leads to from the START node:
// nodes that, as far as the graph says, never run. Nil when there is no START node (Validate
// reports that) or when every JOB node is reached.
func NotAfterStart(g *Graph) []int {
	return unreached(g, NodeStart, false)
}

// NotBeforeEnd returns the indexes of the JOB nodes from which no path leads to an END node:
// their result never reaches the end of the flow. Nil when there is no END node.
func NotBeforeEnd(g *Graph) []int {
	return unreached(g, NodeEnd, true)
}

// unreached walks the edges (against them when backwards) from every node of type from, and
// returns the JOB nodes it does not reach, in node order. Linear in the size of the graph.
func unreached(g *Graph, from NodeType, backwards bool) []int {
	n := len(g.Nodes)
	byID := make(map[string]int32, n)
	for i := range g.Nodes {
		if _, dup := byID[g.Nodes[i].ID]; !dup {
			byID[g.Nodes[i].ID] = int32(i)
		}
	}
	edges := make([][2]int32, 0, len(g.Edges))
	for _, e := range g.Edges {
		s, sok := byID[e.Source]
		t, tok := byID[e.Target]
		if sok && tok {
			edges = append(edges, [2]int32{s, t})
		}
	}
	adj := newCSR(n, edges, backwards)
	seen := make([]bool, n)
	var queue []int32
	for i := range g.Nodes {
		if g.Nodes[i].Type == from {
			seen[i] = true
			queue = append(queue, int32(i))
		}
	}
	if len(queue) == 0 {
		return nil
	}
	for head := 0; head < len(queue); head++ {
		for _, w := range adj.of(queue[head]) {
			if !seen[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	var out []int
	for i := range g.Nodes {
		if !seen[i] && g.Nodes[i].Type == NodeJob {
			out = append(out, i)
		}
	}
	return out
}
