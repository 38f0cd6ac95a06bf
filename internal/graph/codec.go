package graph

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The console JSON, as far as the model needs it. Everything else the
// console or the server writes (spmAnchorId, index, shape, size, the node
// "type":"node", edge ids and anchors) is UI-only and ignored on purpose:
// Encode derives it again, and SemanticallyEqual must not see it.
type wireGraph struct {
	// Pointers so that a null element is told apart from an empty object.
	Nodes []*wireNode `json:"nodes"`
	Edges []*wireEdge `json:"edges"`
}

type wireNode struct {
	// Pointer so that a missing id is an error, not an empty id.
	ID        *string       `json:"id"`
	Attribute wireAttribute `json:"attribute"`
	Config    wireConfig    `json:"config"`
	Label     string        `json:"label"`
	X         coord         `json:"x"`
	Y         coord         `json:"y"`
}

// coord is x or y as read. Coordinates are accepted as numbers, numeric
// strings or null; a bad one is kept in err rather than returned, so that
// Decode can report it with the node's index (encoding/json would not say
// which node).
type coord struct {
	v   float64
	set bool
	err error
}

func (c *coord) UnmarshalJSON(raw []byte) error {
	c.v, c.set, c.err = parseCoord(raw)
	return nil
}

type wireAttribute struct {
	Type    string `json:"type"`
	JobType string `json:"jobType"`
	JobID   string `json:"jobId"`
}

type wireConfig struct {
	HostName string `json:"hostName"`
}

type wireEdge struct {
	Source *string `json:"source"`
	Target *string `json:"target"`
}

// Decode parses the console JSON of a flow graph. Empty input (or only
// whitespace), "null" and "{}" give an empty graph. UI-only fields are
// ignored; node and edge order is kept. Errors name the place in the
// document, e.g. `nodes[3]: missing "id"` or
// `nodes[1].attribute.jobId: want a string, got number`.
//
// Decode checks the document's shape, not the graph's rules: an unknown node
// type or a dangling edge decodes fine and is reported by Validate.
func Decode(data []byte) (*Graph, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return &Graph{}, nil
	}
	var w wireGraph
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, explainDecodeError(data, err)
	}
	g := &Graph{}
	if len(w.Nodes) > 0 {
		g.Nodes = make([]Node, len(w.Nodes))
	}
	// One backing array for all coordinates rather than one allocation each.
	coords := make([]float64, 0, 2*len(w.Nodes))
	for i, wn := range w.Nodes {
		if err := wn.toNode(i, &g.Nodes[i], &coords); err != nil {
			return nil, err
		}
	}
	if len(w.Edges) > 0 {
		g.Edges = make([]Edge, len(w.Edges))
	}
	for i, we := range w.Edges {
		switch {
		case we == nil:
			return nil, fmt.Errorf("edges[%d]: want an object, got null", i)
		case we.Source == nil:
			return nil, fmt.Errorf(`edges[%d]: missing "source"`, i)
		case we.Target == nil:
			return nil, fmt.Errorf(`edges[%d]: missing "target"`, i)
		}
		g.Edges[i] = Edge{Source: *we.Source, Target: *we.Target}
	}
	return g, nil
}

// decodeError is a located decoding error: its text is ours (path and what
// was wanted), and the underlying error stays reachable through Unwrap.
type decodeError struct {
	msg string
	err error
}

func (e *decodeError) Error() string { return e.msg }
func (e *decodeError) Unwrap() error { return e.err }

// toNode converts the i-th node into n, taking coordinate storage from
// coords (whose capacity must suffice).
func (wn *wireNode) toNode(i int, n *Node, coords *[]float64) error {
	if wn == nil {
		return fmt.Errorf("nodes[%d]: want an object, got null", i)
	}
	if wn.ID == nil {
		return fmt.Errorf(`nodes[%d]: missing "id"`, i)
	}
	if err := wn.X.err; err != nil {
		return &decodeError{msg: fmt.Sprintf("nodes[%d].x: %v", i, err), err: err}
	}
	if err := wn.Y.err; err != nil {
		return &decodeError{msg: fmt.Sprintf("nodes[%d].y: %v", i, err), err: err}
	}
	*n = Node{
		ID:       *wn.ID,
		Type:     wn.Attribute.Type,
		Label:    wn.Label,
		JobID:    wn.Attribute.JobID,
		JobType:  wn.Attribute.JobType,
		HostName: wn.Config.HostName,
		X:        wn.X.store(coords),
		Y:        wn.Y.store(coords),
	}
	return nil
}

func (c coord) store(coords *[]float64) *float64 {
	if !c.set {
		return nil
	}
	*coords = append(*coords, c.v)
	return &(*coords)[len(*coords)-1]
}

var errNotFinite = errors.New("not a finite number")

// parseCoord reads x or y. The console writes numbers; a numeric string is
// accepted too, so that a server that stringifies numbers causes no error.
// Absent, null and "" mean "not placed".
func parseCoord(raw []byte) (v float64, set bool, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, false, nil
	}
	num := raw
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false, fmt.Errorf("want a number: %w", err)
		}
		if s == "" {
			return 0, false, nil
		}
		num = []byte(s)
		if !isJSONNumber(num) {
			return 0, false, fmt.Errorf("want a number, got string %q", s)
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
	default:
		return 0, false, fmt.Errorf("want a number, got %s", jsonKind(raw[0]))
	}
	f, err := strconv.ParseFloat(string(num), 64)
	if errors.Is(err, strconv.ErrRange) && math.IsInf(f, 0) {
		return 0, false, fmt.Errorf("%s is out of range: %w", num, errNotFinite)
	}
	if err != nil && !errors.Is(err, strconv.ErrRange) { // underflow to 0 is fine
		return 0, false, fmt.Errorf("want a number: %w", err)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false, fmt.Errorf("%s: %w", num, errNotFinite)
	}
	return f, true, nil
}

// isJSONNumber reports whether b is one JSON number and nothing else; it
// keeps ParseFloat's extras (hex, "Inf", "NaN", underscores) out of strings.
func isJSONNumber(b []byte) bool {
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return false
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return false
	}
	_, isNum := v.(json.Number)
	return isNum && dec.InputOffset() == int64(len(b))
}

func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	default:
		return "number"
	}
}

// explainDecodeError turns an encoding/json error into one that says where
// the problem is. encoding/json names the field of a type error but not the
// index of the array element, so the document is decoded again one element
// at a time to find it; this only runs on the error path.
func explainDecodeError(data []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("invalid JSON at byte %d: %w", syn.Offset, err)
	}
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return fmt.Errorf("graph: %w", err)
	}
	var raw struct {
		Nodes []json.RawMessage `json:"nodes"`
		Edges []json.RawMessage `json:"edges"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return describeTypeError("graph", err)
	}
	for i, r := range raw.Nodes {
		var wn *wireNode
		if err := json.Unmarshal(r, &wn); err != nil {
			return describeTypeError(fmt.Sprintf("nodes[%d]", i), err)
		}
	}
	for i, r := range raw.Edges {
		var we *wireEdge
		if err := json.Unmarshal(r, &we); err != nil {
			return describeTypeError(fmt.Sprintf("edges[%d]", i), err)
		}
	}
	// Not reproduced element by element: report it as encoding/json did.
	return fmt.Errorf("graph: %w", err)
}

// describeTypeError words a type error found under prefix, e.g.
// "nodes[1].attribute.jobId: want a string, got number".
func describeTypeError(prefix string, err error) error {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return fmt.Errorf("%s: %w", prefix, err)
	}
	path := prefix
	switch {
	case typ.Field == "":
	case prefix == "graph":
		path = typ.Field
	default:
		path += "." + typ.Field
	}
	return &decodeError{msg: fmt.Sprintf("%s: want %s, got %s", path, kindName(typ.Type), typ.Value), err: err}
}

func kindName(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	case reflect.Bool:
		return "a bool"
	default:
		return "a number"
	}
}

// Encode writes g as the console writes it: nodes first, then edges, with
// "index" counting through both; keys in the console's order; shape and
// size derived from the node's type; edge ids derived from their endpoints.
// The same graph always gives the same bytes. Empty optional values are
// left out (a label, a JOB node's missing job fields, unplaced x/y), except
// a JOB node's config.hostName, which the console always writes.
//
// The only error is a non-finite coordinate, which JSON cannot express.
func Encode(g *Graph) ([]byte, error) {
	if g == nil {
		g = &Graph{}
	}
	b := make([]byte, 0, encodedSizeHint(g))
	// Shapes by job type, so lowerCamel runs once per type, not per node.
	shapes := make(map[string]string)
	b = append(b, `{"nodes":[`...)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, n.ID)
		b = append(b, `,"index":`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `,"attribute":{"type":`...)
		b = appendString(b, n.Type)
		if n.JobType != "" {
			b = append(b, `,"jobType":`...)
			b = appendString(b, n.JobType)
		}
		if n.JobID != "" {
			b = append(b, `,"jobId":`...)
			b = appendString(b, n.JobID)
		}
		b = append(b, '}')
		if n.Type == NodeJob || n.HostName != "" {
			b = append(b, `,"config":{"hostName":`...)
			b = appendString(b, n.HostName)
			b = append(b, '}')
		}
		if n.Label != "" {
			b = append(b, `,"label":`...)
			b = appendString(b, n.Label)
		}
		shape, cached := shapes[n.JobType]
		if n.Type != NodeJob {
			shape = ShapeFor(n.Type, n.JobType) // constant, no allocation
		} else if !cached {
			shape = ShapeFor(n.Type, n.JobType)
			shapes[n.JobType] = shape
		}
		if shape != "" {
			b = append(b, `,"shape":`...)
			b = appendString(b, shape)
		}
		b = append(b, `,"type":"`+consoleNodeItem+`"`...)
		var err error
		if n.X != nil {
			b = append(b, `,"x":`...)
			if b, err = appendCoord(b, *n.X); err != nil {
				return nil, fmt.Errorf("node[%d].x: %w", i, err)
			}
		}
		if n.Y != nil {
			b = append(b, `,"y":`...)
			if b, err = appendCoord(b, *n.Y); err != nil {
				return nil, fmt.Errorf("node[%d].y: %w", i, err)
			}
		}
		b = append(b, `,"size":"`...)
		b = append(b, sizeFor(n.Type)...)
		b = append(b, `"}`...)
	}
	b = append(b, `],"edges":[`...)
	ids := newEdgeIDs(g)
	for j, e := range g.Edges {
		if j > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":"`...)
		b = ids.next(b, e)
		b = append(b, `","index":`...)
		b = strconv.AppendInt(b, int64(len(g.Nodes)+j), 10)
		b = append(b, `,"source":`...)
		b = appendString(b, e.Source)
		b = append(b, `,"sourceAnchor":0,"target":`...)
		b = appendString(b, e.Target)
		b = append(b, `,"targetAnchor":0}`...)
	}
	b = append(b, "]}"...)
	return b, nil
}

// encodedSizeHint estimates Encode's output size, so the buffer is
// allocated once: the fixed text of a node or edge plus its strings (plus a
// little for escapes and numbers).
func encodedSizeHint(g *Graph) int {
	const (
		perNode = 190 // keys, index, shape, size, two coordinates
		perEdge = 90  // keys, id, index, anchors
	)
	size := 32 + perNode*len(g.Nodes) + perEdge*len(g.Edges)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		size += len(n.ID) + len(n.Type) + len(n.Label) + len(n.JobID) + 2*len(n.JobType) + len(n.HostName)
	}
	for _, e := range g.Edges {
		size += len(e.Source) + len(e.Target)
	}
	return size + size/16
}

// edgeIDs hands out edge ids: 8 hex digits of a hash of the endpoints, so
// that an edge keeps its id across encodings whatever else changes. The
// console keeps node and edge ids in one namespace, so an id that is taken
// (by a node or an earlier edge, e.g. a duplicate edge or a hash collision)
// is re-hashed with a counter until it is free; that stays deterministic
// because edges are handled in order.
type edgeIDs struct {
	used map[uint32]struct{}
	// nodeIDs holds node ids that look like edge ids (8 hex digits).
	nodeIDs map[uint32]struct{}
}

func newEdgeIDs(g *Graph) *edgeIDs {
	ids := &edgeIDs{used: make(map[uint32]struct{}, len(g.Edges))}
	for i := range g.Nodes {
		if v, ok := parseHex8(g.Nodes[i].ID); ok {
			if ids.nodeIDs == nil {
				ids.nodeIDs = make(map[uint32]struct{})
			}
			ids.nodeIDs[v] = struct{}{}
		}
	}
	return ids
}

func (ids *edgeIDs) next(b []byte, e Edge) []byte {
	for salt := uint32(0); ; salt++ {
		h := edgeHash(e.Source, e.Target, salt)
		if _, taken := ids.used[h]; taken {
			continue
		}
		if _, taken := ids.nodeIDs[h]; taken {
			continue
		}
		ids.used[h] = struct{}{}
		return appendHex8(b, h)
	}
}

// edgeHash is 32-bit FNV-1a over source, a zero byte, target and the salt,
// finished with a murmur3-style mix so that similar ids give unlike hashes.
func edgeHash(source, target string, salt uint32) uint32 {
	const (
		offset = 2166136261
		prime  = 16777619
	)
	h := uint32(offset)
	for i := 0; i < len(source); i++ {
		h = (h ^ uint32(source[i])) * prime
	}
	h *= prime // the separator byte 0
	for i := 0; i < len(target); i++ {
		h = (h ^ uint32(target[i])) * prime
	}
	for k := range 4 {
		h = (h ^ (salt >> (8 * k) & 0xff)) * prime
	}
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

const hexDigits = "0123456789abcdef"

func appendHex8(b []byte, v uint32) []byte {
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[v>>uint(shift)&0xf])
	}
	return b
}

func parseHex8(s string) (uint32, bool) {
	if len(s) != 8 {
		return 0, false
	}
	var v uint32
	for i := 0; i < 8; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint32(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// appendCoord writes a float as encoding/json would (shortest form that
// reads back exactly; exponent only for very small or large magnitudes).
func appendCoord(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("%v: %w", f, errNotFinite)
	}
	if f == 0 {
		return append(b, '0'), nil // also turns -0 into 0
	}
	format := byte('f')
	if abs := math.Abs(f); abs < 1e-6 || abs >= 1e21 {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 → 1e-7, as JavaScript writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD (as
// encoding/json decodes it), and U+2028/U+2029 are escaped so the output is
// also valid JavaScript. HTML characters are left alone: the console's JSON
// is not embedded in HTML by us.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// SemanticallyEqual reports whether two console JSON documents describe the
// same graph. It compares the decoded models, so it ignores what Decode
// ignores (spmAnchorId, index, shape, size, edge ids and anchors), key order,
// whitespace, the spelling of numbers and a missing versus an empty label or
// hostName. The order of nodes and of edges does not matter either: the
// server may store them in another order, and the flow resource restores the
// configuration's order itself. Coordinates are compared exactly.
//
// An error means one of the documents is not a graph; the result is then
// false.
func SemanticallyEqual(a, b []byte) (bool, error) {
	ga, err := Decode(a)
	if err != nil {
		return false, fmt.Errorf("first graph: %w", err)
	}
	gb, err := Decode(b)
	if err != nil {
		return false, fmt.Errorf("second graph: %w", err)
	}
	return Equal(ga, gb), nil
}

// Equal reports whether two graphs have the same nodes and edges, in any
// order (as multisets: a repeated node or edge must be repeated in both).
// Coordinates are equal when both are unset or both set to the same value.
// A nil graph equals an empty one.
func Equal(a, b *Graph) bool {
	if a == nil {
		a = &Graph{}
	}
	if b == nil {
		b = &Graph{}
	}
	if len(a.Nodes) != len(b.Nodes) || len(a.Edges) != len(b.Edges) {
		return false
	}
	na, nb := slices.Clone(a.Nodes), slices.Clone(b.Nodes)
	slices.SortFunc(na, compareNodes)
	slices.SortFunc(nb, compareNodes)
	for i := range na {
		if compareNodes(na[i], nb[i]) != 0 {
			return false
		}
	}
	ea, eb := slices.Clone(a.Edges), slices.Clone(b.Edges)
	slices.SortFunc(ea, compareEdges)
	slices.SortFunc(eb, compareEdges)
	return slices.Equal(ea, eb)
}

// compareNodes is a total order on nodes that is 0 exactly for equal nodes.
func compareNodes(a, b Node) int {
	return cmp.Or(
		cmp.Compare(a.ID, b.ID),
		cmp.Compare(a.Type, b.Type),
		cmp.Compare(a.JobID, b.JobID),
		cmp.Compare(a.JobType, b.JobType),
		cmp.Compare(a.Label, b.Label),
		cmp.Compare(a.HostName, b.HostName),
		compareCoord(a.X, b.X),
		compareCoord(a.Y, b.Y),
	)
}

// compareCoord orders unset before set; -0 equals 0 (both encode as 0).
func compareCoord(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	default:
		return cmp.Compare(*a, *b)
	}
}

func compareEdges(a, b Edge) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
}
