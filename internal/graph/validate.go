package graph

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

// Issue is one problem Validate found. Node and Edge are indexes into
// Graph.Nodes and Graph.Edges (the configuration's order), -1 when the issue
// is not about a node or an edge. Field is the attribute's HCL name ("id",
// "type", "job_id", "job_type", "x", "y", "source", "target"), or "" when the
// issue is about the whole node, edge or graph.
type Issue struct {
	Node    int
	Edge    int
	Field   string
	Message string
}

// Path returns where the issue is, in HCL terms: "node[2].job_id",
// "edge[0].target", "edge[3]" or "graph".
func (i Issue) Path() string {
	var p string
	switch {
	case i.Node >= 0:
		p = "node[" + strconv.Itoa(i.Node) + "]"
	case i.Edge >= 0:
		p = "edge[" + strconv.Itoa(i.Edge) + "]"
	default:
		return "graph"
	}
	if i.Field != "" {
		p += "." + i.Field
	}
	return p
}

// String returns "path: message".
func (i Issue) String() string {
	return i.Path() + ": " + i.Message
}

// Limits of ids.
const (
	maxNodeIDLen = 64
	// maxCycleShown bounds the node ids quoted in a cycle message.
	maxCycleShown = 20
)

// Validate checks g against the rules of a flow graph and returns every
// issue found, in a fixed order: issues of each node in node order, then of
// each edge in edge order, then those of the graph as a whole. A valid graph
// gives nil. Messages say what would be valid.
//
// It runs in time linear in the size of the graph (maps for look-ups,
// Kahn's algorithm for cycles).
func Validate(g *Graph) []Issue {
	return validate(g, false)
}

// ValidateKeyed is Validate for a graph written as nodes keyed by id with the nodes each one runs
// after (the flow resource's `nodes` map, turned into a Graph by FromKeyed). Its issues are about
// nodes only: an issue about an edge is reported on the edge's target, Field "depends_on" (that is
// where the edge was written), and a cycle on the depends_on of the cycle's first node. Messages
// name nodes by id, not by index, since a map has no order.
func ValidateKeyed(g *Graph) []Issue {
	return validate(g, true)
}

func validate(g *Graph, keyed bool) []Issue {
	if g == nil {
		g = &Graph{}
	}
	v := validator{g: g, keyed: keyed, byID: make(map[string]int, len(g.Nodes)), start: -1}
	for i := range g.Nodes {
		v.node(i)
	}
	adj := v.edges()
	if v.start < 0 {
		v.graphIssue("the graph has no START node; add exactly one node with type = \"START\"")
	}
	if v.ends == 0 {
		v.graphIssue("the graph has no END node; add at least one node with type = \"END\"")
	}
	if cycle := findCycle(len(g.Nodes), adj); cycle != nil {
		if keyed {
			v.nodeIssue(int(cycle[0]), "depends_on", "%s", v.cycleMessage(cycle))
		} else {
			v.graphIssue(v.cycleMessage(cycle))
		}
	}
	return v.issues
}

type validator struct {
	g      *Graph
	keyed  bool // see ValidateKeyed
	issues []Issue
	// byID maps a node id to its first node.
	byID  map[string]int
	start int // the first START node, -1 if none
	ends  int // the number of END nodes
}

func (v *validator) nodeIssue(i int, field, format string, args ...any) {
	v.issues = append(v.issues, Issue{Node: i, Edge: -1, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) edgeIssue(j int, field, format string, args ...any) {
	if v.keyed {
		// The edge was written as its target's depends_on; the target exists (it holds the map).
		if t, ok := v.byID[v.g.Edges[j].Target]; ok {
			v.nodeIssue(t, "depends_on", format, args...)
			return
		}
	}
	v.issues = append(v.issues, Issue{Node: -1, Edge: j, Field: field, Message: fmt.Sprintf(format, args...)})
}

// nodeName names node i in a message: node[i] in a list, its id in a map.
func (v *validator) nodeName(i int) string {
	if v.keyed {
		return strconv.Quote(v.g.Nodes[i].ID)
	}
	return "node[" + strconv.Itoa(i) + "]"
}

func (v *validator) graphIssue(msg string) {
	v.issues = append(v.issues, Issue{Node: -1, Edge: -1, Message: msg})
}

func (v *validator) node(i int) {
	n := &v.g.Nodes[i]
	switch {
	case n.ID == "":
		v.nodeIssue(i, "id", "the node id is empty; give each node a unique id of 1 to %d letters, digits, '_' or '-'", maxNodeIDLen)
	case !validNodeID(n.ID):
		v.nodeIssue(i, "id", "node id %q is not valid; use 1 to %d letters, digits, '_' or '-'", n.ID, maxNodeIDLen)
	}
	if n.ID != "" {
		if first, dup := v.byID[n.ID]; dup {
			v.nodeIssue(i, "id", "node id %q is used by %s and %s; node ids must be unique", n.ID, v.nodeName(first), v.nodeName(i))
		} else {
			v.byID[n.ID] = i
		}
	}

	switch n.Type {
	case NodeStart:
		if v.start >= 0 {
			v.nodeIssue(i, "type", "a second START node (%s is the first); a graph must have exactly one START node", v.nodeName(v.start))
		} else {
			v.start = i
		}
		v.noJobFields(i, n)
	case NodeEnd:
		v.ends++
		v.noJobFields(i, n)
	case NodeJob:
		v.jobFields(i, n)
	case "":
		v.nodeIssue(i, "type", "the node type is empty; use one of START, END, JOB")
	default:
		v.nodeIssue(i, "type", "node type %q is not valid; use one of START, END, JOB%s", n.Type, didYouMean(n.Type, isNodeType))
	}

	v.coord(i, "x", n.X)
	v.coord(i, "y", n.Y)
	switch {
	case n.X != nil && n.Y == nil:
		v.nodeIssue(i, "y", "y is unset while x is set; set both x and y, or neither to let the auto-layout place the node")
	case n.X == nil && n.Y != nil:
		v.nodeIssue(i, "x", "x is unset while y is set; set both x and y, or neither to let the auto-layout place the node")
	}
}

func (v *validator) noJobFields(i int, n *Node) {
	article := "a"
	if n.Type == NodeEnd {
		article = "an"
	}
	if n.JobID != "" {
		v.nodeIssue(i, "job_id", "%s %s node cannot have a job_id; remove it, or make the node a JOB node", article, n.Type)
	}
	if n.JobType != "" {
		v.nodeIssue(i, "job_type", "%s %s node cannot have a job_type; remove it, or make the node a JOB node", article, n.Type)
	}
}

func (v *validator) jobFields(i int, n *Node) {
	switch {
	case n.JobID == "":
		v.nodeIssue(i, "job_id", "a JOB node needs a job_id: the id of the flow job it runs, %q followed by letters and digits", vocab.JobPrefix)
	case !validJobID(n.JobID):
		v.nodeIssue(i, "job_id", "job_id %q is not a flow job id; use %q followed by letters and digits (the id of an emrflow_job)", n.JobID, vocab.JobPrefix)
	}
	switch {
	case n.JobType == "":
		v.nodeIssue(i, "job_type", "a JOB node needs a job_type; use one of %s", strings.Join(vocab.JobTypes(), ", "))
	case !IsJobType(n.JobType):
		v.nodeIssue(i, "job_type", "job_type %q is not valid; use one of %s%s", n.JobType, strings.Join(vocab.JobTypes(), ", "), didYouMean(n.JobType, IsJobType))
	}
}

func (v *validator) coord(i int, field string, c *float64) {
	if c != nil && (math.IsNaN(*c) || math.IsInf(*c, 0)) {
		v.nodeIssue(i, field, "%s is %v; give a finite number, or leave x and y unset to let the auto-layout place the node", field, *c)
	}
}

// edges checks every edge and returns the adjacency (by first node index)
// of the edges that can take part in a cycle: both ends known, not a
// self-loop, not a repeat.
func (v *validator) edges() [][2]int32 {
	// Repeated edges are found by node indexes (an id resolves to one index, so equal ids are
	// equal indexes): hashing two integers instead of two strings per edge keeps this linear in
	// practice on large graphs. Edges with an unknown endpoint fall back to their ids.
	seen := make(map[uint64]int, len(v.g.Edges))
	var seenByID map[Edge]int
	adj := make([][2]int32, 0, len(v.g.Edges))
	for j, e := range v.g.Edges {
		s, sok := v.endpoint(j, "source", e.Source)
		t, tok := v.endpoint(j, "target", e.Target)
		if sok && v.g.Nodes[s].Type == NodeEnd {
			if v.keyed {
				v.edgeIssue(j, "source", "depends on END node %q; nothing runs after an END node: depend on the nodes before it instead", e.Source)
			} else {
				v.edgeIssue(j, "source", "edge from END node %q; END nodes must have no outgoing edges", e.Source)
			}
		}
		if tok && v.g.Nodes[t].Type == NodeStart {
			if v.keyed {
				v.edgeIssue(j, "target", "the START node runs first and cannot depend on %q; remove its depends_on", e.Source)
			} else {
				v.edgeIssue(j, "target", "edge into START node %q; the START node must have no incoming edges", e.Target)
			}
		}
		if sok && tok && s == t {
			if v.keyed {
				v.edgeIssue(j, "", "node %q depends on itself; remove %q from its depends_on", e.Source, e.Source)
			} else {
				v.edgeIssue(j, "", "edge from %q to itself; an edge must join two different nodes", e.Source)
			}
			continue
		}
		if sok && tok {
			key := uint64(uint32(s))<<32 | uint64(uint32(t))
			if first, dup := seen[key]; dup {
				v.edgeIssue(j, "", "edge from %q to %q repeats edge[%d]; give each edge once", e.Source, e.Target, first)
				continue
			}
			seen[key] = j
			adj = append(adj, [2]int32{int32(s), int32(t)})
			continue
		}
		if seenByID == nil {
			seenByID = map[Edge]int{}
		}
		if first, dup := seenByID[e]; dup {
			v.edgeIssue(j, "", "edge from %q to %q repeats edge[%d]; give each edge once", e.Source, e.Target, first)
			continue
		}
		seenByID[e] = j
	}
	return adj
}

func (v *validator) endpoint(j int, field, id string) (int, bool) {
	if id == "" {
		if v.keyed {
			v.edgeIssue(j, field, "depends_on holds an empty node id; name nodes by their keys in nodes")
		} else {
			v.edgeIssue(j, field, "the edge %s is empty; use the id of one of the graph's nodes", field)
		}
		return 0, false
	}
	i, ok := v.byID[id]
	if !ok {
		if v.keyed {
			v.edgeIssue(j, field, "depends_on names %q, which is not a node of the graph; use one of the keys of nodes", id)
		} else {
			v.edgeIssue(j, field, "edge %s %q is not a node id; use the id of one of the graph's nodes", field, id)
		}
	}
	return i, ok
}

func (v *validator) cycleMessage(cycle []int32) string {
	var b strings.Builder
	if v.keyed {
		b.WriteString("the dependencies form a cycle: ")
	} else {
		b.WriteString("the edges form a cycle: ")
	}
	shown := cycle
	if len(shown) > maxCycleShown {
		shown = shown[:maxCycleShown]
	}
	for _, i := range shown {
		b.WriteString(strconv.Quote(v.g.Nodes[i].ID))
		b.WriteString(" -> ")
	}
	if len(shown) < len(cycle) {
		fmt.Fprintf(&b, "… (%d nodes in all) -> ", len(cycle))
	}
	b.WriteString(strconv.Quote(v.g.Nodes[cycle[0]].ID))
	if v.keyed {
		b.WriteString("; a flow graph must be acyclic: remove one of these dependencies")
	} else {
		b.WriteString("; a flow graph must be acyclic: remove or reverse one of these edges")
	}
	return b.String()
}

// findCycle returns the node indexes of one cycle of the graph with n nodes
// and the given edges, in edge direction and starting from its
// lowest-indexed node, or nil if the graph is acyclic.
//
// Kahn's algorithm removes every node that is not on or behind a cycle.
// Every node left has a predecessor that is left, so walking predecessors
// from any of them must come back to a node already seen: that loop is a
// cycle. The walk takes the first predecessor in edge order, which makes the
// answer deterministic.
func findCycle(n int, edges [][2]int32) []int32 {
	out := newCSR(n, edges, false)
	indeg := make([]int32, n)
	for _, e := range edges {
		indeg[e[1]]++
	}
	queue := make([]int32, 0, n)
	for i := range n {
		if indeg[i] == 0 {
			queue = append(queue, int32(i))
		}
	}
	for head := 0; head < len(queue); head++ {
		for _, w := range out.of(queue[head]) {
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	if len(queue) == n {
		return nil
	}
	// Walk back from the lowest-indexed node left.
	in := newCSR(n, edges, true)
	cur := int32(-1)
	for i := range n {
		if indeg[i] > 0 {
			cur = int32(i)
			break
		}
	}
	step := make(map[int32]int) // node → position on the walk
	var walk []int32
	for {
		if at, seen := step[cur]; seen {
			walk = walk[at:]
			break
		}
		step[cur] = len(walk)
		walk = append(walk, cur)
		for _, p := range in.of(cur) {
			if indeg[p] > 0 {
				cur = p
				break
			}
		}
	}
	// The walk went against the edges: reverse it, then rotate it to start
	// at its lowest index.
	for l, r := 0, len(walk)-1; l < r; l, r = l+1, r-1 {
		walk[l], walk[r] = walk[r], walk[l]
	}
	low := 0
	for k, i := range walk {
		if i < walk[low] {
			low = k
		}
	}
	return append(walk[low:len(walk):len(walk)], walk[:low]...)
}

// csr is a compressed adjacency list: the neighbours of node i are
// list[start[i]:start[i+1]], in edge order.
type csr struct {
	start []int32
	list  []int32
}

func newCSR(n int, edges [][2]int32, reverse bool) csr {
	from, to := 0, 1
	if reverse {
		from, to = 1, 0
	}
	c := csr{start: make([]int32, n+1), list: make([]int32, len(edges))}
	for _, e := range edges {
		c.start[e[from]+1]++
	}
	for i := range n {
		c.start[i+1] += c.start[i]
	}
	fill := make([]int32, n)
	copy(fill, c.start[:n])
	for _, e := range edges {
		c.list[fill[e[from]]] = e[to]
		fill[e[from]]++
	}
	return c
}

func (c csr) of(i int32) []int32 {
	return c.list[c.start[i]:c.start[i+1]]
}

// validNodeID reports whether id is 1 to 64 ASCII letters, digits, '_' or '-'.
func validNodeID(id string) bool {
	if len(id) == 0 || len(id) > maxNodeIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !isIDChar(id[i]) {
			return false
		}
	}
	return true
}

// validJobID reports whether id is "FJ-" followed by ASCII letters and digits.
func validJobID(id string) bool { return vocab.HasIDPrefix(id, vocab.JobPrefix) }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isIDChar(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-'
}

func isNodeType(s string) bool {
	return s == NodeStart || s == NodeEnd || s == NodeJob
}

// didYouMean suggests the upper-case spelling of s when that one is valid,
// the usual mistake ("shell" for "SHELL").
func didYouMean(s string, valid func(string) bool) string {
	if up := strings.ToUpper(strings.ReplaceAll(s, "-", "_")); up != s && valid(up) {
		return fmt.Sprintf(" (did you mean %q?)", up)
	}
	return ""
}
