package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Merge returns the console JSON that turns the graph the server holds (server, as it was read)
// into g, keeping everything of the server's document that the model does not hold: edge ids and
// anchors, node size, shape, spmAnchorId, index, keys of attribute and config other than the
// modelled ones, unknown fields, and the order of nodes and edges.
//
//   - When server already means g (Equal on the decoded models), it is returned as it is, byte for
//     byte: an update that does not change the graph writes back exactly what was read.
//   - Otherwise a node or edge that both have keeps the server's object, and only the modelled
//     fields that differ are rewritten (type, jobType, jobId, hostName, label, x, y; and shape and
//     size when the node's type or job type changes, since the console derives them from those).
//   - What g no longer has is left out; what is new in g is written as Encode writes it, with an
//     index after the highest one in use and edge ids that no node or edge of the document has.
//
// A server document that does not decode as a graph holds nothing Merge could keep safely: g is
// then encoded afresh. The only error is Encode's (a non-finite coordinate).
func Merge(server []byte, g *Graph) ([]byte, error) {
	if g == nil {
		g = &Graph{}
	}
	if len(bytes.TrimSpace(server)) == 0 {
		return Encode(g)
	}
	sg, err := Decode(server)
	if err != nil {
		return Encode(g)
	}
	if Equal(sg, g) {
		return server, nil
	}
	m, ok := newMerger(server)
	if !ok {
		return Encode(g)
	}
	return m.merge(g)
}

type merger struct {
	doc      map[string]json.RawMessage
	nodes    []map[string]json.RawMessage
	edges    []map[string]json.RawMessage
	ids      map[string]struct{} // every node and edge id of the document
	maxIndex int64
}

func newMerger(server []byte) (*merger, bool) {
	m := &merger{ids: map[string]struct{}{}, maxIndex: -1}
	if json.Unmarshal(server, &m.doc) != nil || m.doc == nil {
		return nil, false
	}
	var ok bool
	if m.nodes, ok = m.objects(m.doc["nodes"]); !ok {
		return nil, false
	}
	if m.edges, ok = m.objects(m.doc["edges"]); !ok {
		return nil, false
	}
	return m, true
}

// objects reads an array of objects, noting their ids and indexes.
func (m *merger) objects(raw json.RawMessage) ([]map[string]json.RawMessage, bool) {
	var list []map[string]json.RawMessage
	if len(raw) > 0 && json.Unmarshal(raw, &list) != nil {
		return nil, false
	}
	for _, obj := range list {
		if obj == nil {
			return nil, false
		}
		var id string
		if json.Unmarshal(obj["id"], &id) == nil {
			m.ids[id] = struct{}{}
		}
		if idx, err := strconv.ParseInt(string(bytes.Trim(obj["index"], `"`)), 10, 64); err == nil {
			m.maxIndex = max(m.maxIndex, idx)
		}
	}
	return list, true
}

func (m *merger) merge(g *Graph) ([]byte, error) {
	fresh, err := Encode(g)
	if err != nil {
		return nil, err
	}
	var freshDoc struct {
		Nodes []map[string]json.RawMessage `json:"nodes"`
	}
	if err := json.Unmarshal(fresh, &freshDoc); err != nil {
		return nil, fmt.Errorf("re-reading the encoded graph: %w", err)
	}

	want := make(map[string]int, len(g.Nodes))
	for i := range g.Nodes {
		if _, dup := want[g.Nodes[i].ID]; !dup {
			want[g.Nodes[i].ID] = i
		}
	}
	kept := make(map[string]bool, len(g.Nodes))
	nodes := make([]map[string]json.RawMessage, 0, len(g.Nodes))
	for _, obj := range m.nodes {
		raw, _ := json.Marshal(obj)
		var wn wireNode
		if json.Unmarshal(raw, &wn) != nil {
			return Encode(g)
		}
		var have Node
		coords := make([]float64, 0, 2)
		if wn.toNode(0, &have, &coords) != nil {
			return Encode(g)
		}
		i, ok := want[have.ID]
		if !ok || kept[have.ID] {
			continue // gone from the model (or a repeat of an id already kept)
		}
		kept[have.ID] = true
		patchNode(obj, &have, &g.Nodes[i])
		nodes = append(nodes, obj)
	}
	for i := range g.Nodes {
		id := g.Nodes[i].ID
		if kept[id] {
			continue
		}
		kept[id] = true
		obj := freshDoc.Nodes[i]
		obj["index"] = m.nextIndex()
		nodes = append(nodes, obj)
	}

	wantEdge := make(map[Edge]bool, len(g.Edges))
	for _, e := range g.Edges {
		wantEdge[e] = true
	}
	haveEdge := make(map[Edge]bool, len(g.Edges))
	edges := make([]map[string]json.RawMessage, 0, len(g.Edges))
	for _, obj := range m.edges {
		var e Edge
		if json.Unmarshal(obj["source"], &e.Source) != nil || json.Unmarshal(obj["target"], &e.Target) != nil {
			return Encode(g)
		}
		if !wantEdge[e] {
			continue
		}
		haveEdge[e] = true // a repeated edge of the server is kept as it is
		edges = append(edges, obj)
	}
	for _, e := range g.Edges {
		if haveEdge[e] {
			continue
		}
		haveEdge[e] = true
		edges = append(edges, map[string]json.RawMessage{
			"id":           jsonString(m.newEdgeID(e)),
			"index":        m.nextIndex(),
			"source":       jsonString(e.Source),
			"sourceAnchor": json.RawMessage("0"),
			"target":       jsonString(e.Target),
			"targetAnchor": json.RawMessage("0"),
		})
	}

	if m.doc["nodes"], err = marshalCompact(nodes); err != nil {
		return nil, err
	}
	if m.doc["edges"], err = marshalCompact(edges); err != nil {
		return nil, err
	}
	return marshalCompact(m.doc)
}

// patchNode rewrites in obj the modelled fields whose value differs between have (the server's
// node, decoded from obj) and want.
func patchNode(obj map[string]json.RawMessage, have, want *Node) {
	if have.Type != want.Type || have.JobType != want.JobType || have.JobID != want.JobID {
		attr := objectIn(obj["attribute"])
		if have.Type != want.Type {
			attr["type"] = jsonString(want.Type)
		}
		if have.JobType != want.JobType {
			setOrDelete(attr, "jobType", want.JobType)
		}
		if have.JobID != want.JobID {
			setOrDelete(attr, "jobId", want.JobID)
		}
		obj["attribute"], _ = marshalCompact(attr)
		if have.Type != want.Type || have.JobType != want.JobType {
			setOrDelete(obj, "shape", ShapeFor(want.Type, want.JobType))
			if isControl(have.Type) != isControl(want.Type) {
				obj["size"] = jsonString(sizeFor(want.Type))
			}
		}
	}
	if have.HostName != want.HostName {
		cfg := objectIn(obj["config"])
		cfg["hostName"] = jsonString(want.HostName)
		obj["config"], _ = marshalCompact(cfg)
	}
	if have.Label != want.Label {
		setOrDelete(obj, "label", want.Label)
	}
	if want.X != nil && compareCoord(have.X, want.X) != 0 {
		if b, err := appendCoord(nil, *want.X); err == nil {
			obj["x"] = b
		}
	}
	if want.Y != nil && compareCoord(have.Y, want.Y) != 0 {
		if b, err := appendCoord(nil, *want.Y); err == nil {
			obj["y"] = b
		}
	}
}

// objectIn reads a JSON object; anything else (absent, null, not an object) gives an empty one.
func objectIn(raw json.RawMessage) map[string]json.RawMessage {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		obj = map[string]json.RawMessage{}
	}
	return obj
}

func setOrDelete(obj map[string]json.RawMessage, key, value string) {
	if value == "" {
		delete(obj, key)
		return
	}
	obj[key] = jsonString(value)
}

func jsonString(s string) json.RawMessage { return appendString(nil, s) }

func (m *merger) nextIndex() json.RawMessage {
	m.maxIndex++
	return strconv.AppendInt(nil, m.maxIndex, 10)
}

// newEdgeID is an id for a new edge from its ends, as Encode makes them, re-hashed until no node
// or edge of the document has it.
func (m *merger) newEdgeID(e Edge) string {
	for salt := uint32(0); ; salt++ {
		id := string(appendHex8(nil, edgeHash(e.Source, e.Target, salt)))
		if _, taken := m.ids[id]; !taken {
			m.ids[id] = struct{}{}
			return id
		}
	}
}

// marshalCompact is json.Marshal without HTML escaping: the server's strings are kept as they
// were (encoding/json would escape <, > and & in them, even inside a RawMessage).
func marshalCompact(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding the merged graph: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
