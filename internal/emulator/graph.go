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
