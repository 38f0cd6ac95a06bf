package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// normalizeGraph re-serialises a flow graph as the console stores it: every node and edge that
// lacks an "index" gets one (nodes by position, edges after the nodes), all other fields are kept.
// Numbers keep their exact text. An empty graph stays empty; anything but a JSON object with
// optional "nodes" and "edges" arrays of objects is an InvalidParameter.
func normalizeGraph(v string) (string, *apiError) {
	if v == "" {
		return "", nil
	}
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	var g map[string]any
	if err := dec.Decode(&g); err != nil || g == nil {
		return "", errInvalid("Graph", "expected a JSON object")
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return "", errInvalid("Graph", "expected a single JSON object")
	}
	nodes, aerr := graphItems(g, "nodes")
	if aerr != nil {
		return "", aerr
	}
	edges, aerr := graphItems(g, "edges")
	if aerr != nil {
		return "", aerr
	}
	for i, n := range nodes {
		if _, ok := n["index"]; !ok {
			n["index"] = i
		}
	}
	for i, e := range edges {
		if _, ok := e["index"]; !ok {
			e["index"] = len(nodes) + i
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(g); err != nil {
		return "", errInvalid("Graph", "cannot be re-encoded")
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func graphItems(g map[string]any, key string) ([]map[string]any, *apiError) {
	raw, ok := g[key]
	if !ok || raw == nil {
		return nil, nil
	}
	arr, ok := raw.([]any)
	if !ok {
		return nil, errInvalid("Graph", `expected "`+key+`" to be an array`)
	}
	out := make([]map[string]any, 0, len(arr))
	for _, item := range arr {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, errInvalid("Graph", `expected every item of "`+key+`" to be an object`)
		}
		out = append(out, obj)
	}
	return out, nil
}

// graphJobIDs returns the jobIds of a stored graph's nodes (attribute.jobId), for ListFlow's JobId
// filter. Nodes of unexpected shapes name no job.
func graphJobIDs(graph string) []string {
	if graph == "" {
		return nil
	}
	var g struct {
		Nodes []any `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(graph), &g); err != nil {
		return nil
	}
	var ids []string
	for _, n := range g.Nodes {
		node, _ := n.(map[string]any)
		attr, _ := node["attribute"].(map[string]any)
		if id, _ := attr["jobId"].(string); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// applicationNode is a node of DescribeFlow's Application, the compiled DAG the service answers
// beside the graph: {"nodeDefMap":{<node id>:{"jobId","name","clusterId","hostName","type",
// "dependencies","transitions"}}} (the shape real answers show; no page documents it: an
// assumption for the field names' meaning).
type applicationNode struct {
	JobID        string   `json:"jobId"`
	Name         string   `json:"name"`
	ClusterID    string   `json:"clusterId"`
	HostName     string   `json:"hostName"`
	Type         string   `json:"type"` // ":start:", ":action:" or ":end:"
	Dependencies []string `json:"dependencies"`
	Transitions  []string `json:"transitions"`
}

// storedGraph is what the emulator reads of a stored graph (the run simulation, DescribeFlow's
// Application): nodes and edges, tolerant of shapes the console writes (missing fields).
type storedGraph struct {
	Nodes []struct {
		ID        string `json:"id"`
		Label     string `json:"label"`
		Attribute struct {
			Type    string `json:"type"`
			JobID   string `json:"jobId"`
			JobType string `json:"jobType"`
		} `json:"attribute"`
		Config struct {
			HostName string `json:"hostName"`
		} `json:"config"`
	} `json:"nodes"`
	Edges []struct {
		Source string `json:"source"`
		Target string `json:"target"`
	} `json:"edges"`
}

// applicationOf compiles a stored graph into DescribeFlow's Application (a JSON string): a node
// per graph node, its type from attribute.type, its dependencies and transitions from the
// edges. A flow without a graph (or one that does not decode) has "".
func applicationOf(graph, clusterID string) string {
	if graph == "" {
		return ""
	}
	var g storedGraph
	if err := json.Unmarshal([]byte(graph), &g); err != nil {
		return ""
	}
	nodes := make(map[string]*applicationNode, len(g.Nodes))
	for _, n := range g.Nodes {
		typ := ":action:"
		switch n.Attribute.Type {
		case "START":
			typ = ":start:"
		case "END":
			typ = ":end:"
		}
		nodes[n.ID] = &applicationNode{JobID: n.Attribute.JobID, Name: n.Label, ClusterID: clusterID,
			HostName: n.Config.HostName, Type: typ, Dependencies: []string{}, Transitions: []string{}}
	}
	for _, e := range g.Edges {
		if src, tgt := nodes[e.Source], nodes[e.Target]; src != nil && tgt != nil {
			src.Transitions = append(src.Transitions, e.Target)
			tgt.Dependencies = append(tgt.Dependencies, e.Source)
		}
	}
	b, err := json.Marshal(map[string]any{"nodeDefMap": nodes})
	if err != nil {
		return ""
	}
	return string(b)
}
