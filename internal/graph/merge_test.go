package graph_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// consoleSeed is the graph of the CreateFlowForWeb document, with what a console adds beyond the
// model: spmAnchorId, an anchor of 1, an unknown field on a node, in its attribute and config and
// at the top level.
const consoleSeed = `{"nodes":[` +
	`{"id":"48d474ea","index":0,"spmAnchorId":"0.0.0.i0.766645eb2cmNtQ","attribute":{"type":"START"},"shape":"startControlNode","type":"node","y":250,"size":"80*34","x":500},` +
	`{"id":"7ba480b3","index":1,"spmAnchorId":"5176.8250060.0.i19.771e28d0IPNQGE","attribute":{"jobType":"SHELL","jobId":"FJ-7BE1062897B19D25","type":"JOB","color":"red"},"config":{"hostName":"","queue":"q1"},"label":"fail_job","shape":"shellJobNode","type":"node","y":398.5,"size":"170*34","x":470.5,"note":"<keep & me>"},` +
	`{"id":"33202d60","index":2,"spmAnchorId":"5176.8250060.0.i23.771e28d0IPNQGE","attribute":{"type":"END"},"shape":"endControlNode","type":"node","y":562.5,"size":"80*34","x":430.5}],` +
	`"edges":[{"id":"28167ea0","index":3,"source":"48d474ea","sourceAnchor":0,"target":"7ba480b3","targetAnchor":0},` +
	`{"id":"e8d5ff52","index":4,"source":"7ba480b3","sourceAnchor":1,"target":"33202d60","targetAnchor":0}],"version":7}`

func decodeModel(t *testing.T, doc string) *graph.Graph {
	t.Helper()
	g, err := graph.Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func generic(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatalf("%s: %s", doc, err)
	}
	return v
}

// items returns the objects of a list of the document, keyed by id.
func items(t *testing.T, doc map[string]any, list string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	items_, _ := doc[list].([]any)
	for _, it := range items_ {
		obj, ok := it.(map[string]any)
		if !ok {
			t.Fatalf("%s item %v is not an object", list, it)
		}
		id, _ := obj["id"].(string)
		out[id] = obj
	}
	return out
}

func TestMerge_unchangedIsByteForByte(t *testing.T) {
	t.Parallel()
	g := decodeModel(t, consoleSeed)
	// The model may come in another order (a map sorted by id): still the same graph.
	g.Nodes[0], g.Nodes[2] = g.Nodes[2], g.Nodes[0]
	got, err := graph.Merge([]byte(consoleSeed), g)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != consoleSeed {
		t.Errorf("Merge of an unchanged graph = %s, want the server's document as it was", got)
	}
}

func TestMerge_changesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	before := generic(t, []byte(consoleSeed))
	g := decodeModel(t, consoleSeed)
	g.Nodes[1].JobType = "HIVE_SQL"
	g.Nodes[1].JobID = "FJ-1"
	got, err := graph.Merge([]byte(consoleSeed), g)
	if err != nil {
		t.Fatal(err)
	}
	after := generic(t, got)
	want := generic(t, []byte(consoleSeed))
	job := items(t, want, "nodes")["7ba480b3"]
	attribute := as[map[string]any](t, job["attribute"])
	attribute["jobType"] = "HIVE_SQL"
	attribute["jobId"] = "FJ-1"
	job["shape"] = "hiveSqlJobNode"
	if !reflect.DeepEqual(after, want) {
		t.Errorf("Merge =\n%v\nwant\n%v\n(before: %v)", after, want, before)
	}
}

func TestMerge_insertAndRemove(t *testing.T) {
	t.Parallel()
	g := decodeModel(t, consoleSeed)
	// Insert "check" between the job and END, with a label and no position given yet.
	x, y := 470.0, 480.0
	g.Nodes = append(g.Nodes, graph.Node{ID: "check", Type: graph.NodeJob, JobID: "FJ-2", JobType: "SPARK", Label: "check", X: &x, Y: &y})
	g.Edges = []graph.Edge{{Source: "48d474ea", Target: "7ba480b3"}, {Source: "7ba480b3", Target: "check"}, {Source: "check", Target: "33202d60"}}
	got, err := graph.Merge([]byte(consoleSeed), g)
	if err != nil {
		t.Fatal(err)
	}
	after := generic(t, got)
	before := generic(t, []byte(consoleSeed))
	nodes, edges := items(t, after, "nodes"), items(t, after, "edges")
	for id, obj := range items(t, before, "nodes") {
		if !reflect.DeepEqual(nodes[id], obj) {
			t.Errorf("node %s = %v, want it untouched: %v", id, nodes[id], obj)
		}
	}
	if e := edges["28167ea0"]; e == nil {
		t.Errorf("the kept edge lost its id: %v", edges)
	}
	if _, gone := edges["e8d5ff52"]; gone {
		t.Errorf("the removed edge job -> END is still there: %v", edges)
	}
	check := nodes["check"]
	if check["shape"] != "sparkJobNode" || check["size"] != "170*34" || check["index"] != float64(5) || check["label"] != "check" {
		t.Errorf("new node = %v, want it encoded with index 5", check)
	}
	if len(edges) != 3 || after["version"] != float64(7) {
		t.Errorf("edges = %v, version = %v", edges, after["version"])
	}
	if g2 := decodeModel(t, string(got)); !graph.Equal(g2, g) {
		t.Errorf("merged document decodes to %+v, want %+v", g2, g)
	}

	// Removing the job node removes its edges and nothing else.
	h := decodeModel(t, consoleSeed)
	h.Nodes = []graph.Node{h.Nodes[0], h.Nodes[2]}
	h.Edges = []graph.Edge{{Source: "48d474ea", Target: "33202d60"}}
	got, err = graph.Merge([]byte(consoleSeed), h)
	if err != nil {
		t.Fatal(err)
	}
	after = generic(t, got)
	if n := items(t, after, "nodes"); len(n) != 2 || !reflect.DeepEqual(n["48d474ea"], items(t, before, "nodes")["48d474ea"]) {
		t.Errorf("nodes after removal = %v", n)
	}
	if e := items(t, after, "edges"); len(e) != 1 {
		t.Errorf("edges after removal = %v", e)
	}
}

func TestMerge_labelHostAndPosition(t *testing.T) {
	t.Parallel()
	g := decodeModel(t, consoleSeed)
	g.Nodes[1].Label = ""
	g.Nodes[1].HostName = "emr-header-1"
	x := 10.5
	g.Nodes[1].X = &x
	got, err := graph.Merge([]byte(consoleSeed), g)
	if err != nil {
		t.Fatal(err)
	}
	job := items(t, generic(t, got), "nodes")["7ba480b3"]
	if _, has := job["label"]; has {
		t.Errorf("label kept after the model dropped it: %v", job)
	}
	cfg := as[map[string]any](t, job["config"])
	if cfg["hostName"] != "emr-header-1" || cfg["queue"] != "q1" {
		t.Errorf("config = %v, want the new hostName and the unknown queue kept", cfg)
	}
	if job["x"] != 10.5 || job["y"] != 398.5 || job["note"] != "<keep & me>" || job["spmAnchorId"] == nil {
		t.Errorf("node = %v", job)
	}
}

func TestMerge_noServerGraph(t *testing.T) {
	t.Parallel()
	g := chain(1)
	want, err := graph.Encode(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, server := range []string{"", "  ", "not json", `{"nodes":{}}`} {
		got, err := graph.Merge([]byte(server), g)
		if err != nil || string(got) != string(want) {
			t.Errorf("Merge(%q) = %s, %v; want the fresh encoding %s", server, got, err, want)
		}
	}
}

func TestMerge_stringsAndShuffledServer(t *testing.T) {
	t.Parallel()
	// A server that answers numbers as strings and lists in another order: the same graph, so
	// nothing is rewritten.
	server := `{"edges":[{"target":"e","source":"s","id":"x1","index":"3"}],"nodes":[{"id":"e","index":"1","attribute":{"type":"END"},"x":"5","y":"6"},{"id":"s","index":"0","attribute":{"type":"START"},"x":"1","y":"2"}]}`
	g := &graph.Graph{Nodes: []graph.Node{at(start("s"), 1, 2), at(end("e"), 5, 6)}, Edges: []graph.Edge{edge("s", "e")}}
	got, err := graph.Merge([]byte(server), g)
	if err != nil || string(got) != server {
		t.Fatalf("Merge = %s, %v; want the server's document", got, err)
	}
	// A new edge gets the index after the highest, though the server wrote them as strings.
	g.Nodes = append(g.Nodes, at(job("j"), 3, 4))
	g.Edges = append(g.Edges, edge("s", "j"), edge("j", "e"))
	got, err = graph.Merge([]byte(server), g)
	if err != nil {
		t.Fatal(err)
	}
	doc := generic(t, got)
	if n := items(t, doc, "nodes")["j"]; n["index"] != float64(4) {
		t.Errorf("new node = %v, want index 4", n)
	}
	if e := items(t, doc, "edges")["x1"]; e["index"] != "3" {
		t.Errorf("kept edge = %v, want its string index kept", e)
	}
}

// as asserts a decoded JSON value's type, failing the test instead of panicking.
func as[T any](t *testing.T, v any) T {
	t.Helper()
	out, ok := v.(T)
	if !ok {
		t.Fatalf("%v is %T, want %T", v, v, out)
	}
	return out
}
