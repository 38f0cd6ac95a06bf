package graph_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// seedGraph is the Graph example of reference/CreateFlowForWeb.txt, byte for byte.
func seedGraph(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeSeed(t *testing.T) {
	t.Parallel()
	g := mustDecode(t, seedGraph(t))
	want := &graph.Graph{
		Nodes: []graph.Node{
			at(graph.Node{ID: "48d474ea", Type: "START"}, 500, 250),
			at(graph.Node{ID: "7ba480b3", Type: "JOB", Label: "fail_job", JobID: "FJ-7BE1062897B19D25", JobType: "SHELL"}, 470.5, 398.5),
			at(graph.Node{ID: "33202d60", Type: "END"}, 430.5, 562.5),
		},
		Edges: []graph.Edge{edge("48d474ea", "7ba480b3"), edge("7ba480b3", "33202d60")},
	}
	if ok, diff := sameModel(g, want); !ok {
		t.Errorf("decoded seed differs: %s", diff)
	}
	if issues := graph.Validate(g); issues != nil {
		t.Errorf("seed graph is not valid:\n%s", issuesText(issues))
	}
}

func TestSeedRoundTrip(t *testing.T) {
	t.Parallel()
	seed := seedGraph(t)
	g1 := mustDecode(t, seed)
	enc := mustEncode(t, g1)
	g2 := mustDecode(t, enc)
	if ok, diff := sameModel(g1, g2); !ok {
		t.Errorf("decode(encode(decode(seed))) differs from decode(seed): %s", diff)
	}
	for _, pair := range [][2][]byte{{seed, enc}, {enc, seed}} {
		eq, err := graph.SemanticallyEqual(pair[0], pair[1])
		if err != nil || !eq {
			t.Errorf("SemanticallyEqual(seed, encoded) = %v, %v; want true", eq, err)
		}
	}
	if enc2 := mustEncode(t, g2); !bytes.Equal(enc, enc2) {
		t.Errorf("encoding is not stable:\n%s\n%s", enc, enc2)
	}
}

// sampleGraph exercises every field Encode writes or leaves out.
func sampleGraph() *graph.Graph {
	return &graph.Graph{
		Nodes: []graph.Node{
			at(graph.Node{ID: "start", Type: "START", Label: "begin"}, 500, 100),
			{ID: "extract", Type: "JOB", Label: `extract "raw" <data> & co`, JobID: "FJ-0001", JobType: "HIVE_SQL", HostName: "emr-header-1.cluster-123456"},
			at(graph.Node{ID: "load", Type: "JOB", JobID: "FJ-0002", JobType: "SPARK_STREAMING"}, 0.000001, -1.5e21),
			{ID: "notify", Type: "JOB", Label: "ünïcode\u2028line\ttab", JobID: "FJ-0003", JobType: "SHELL"},
			{ID: "end", Type: "END", HostName: "h"},
		},
		Edges: []graph.Edge{
			edge("start", "extract"), edge("extract", "load"), edge("extract", "notify"),
			edge("load", "end"), edge("notify", "end"),
		},
	}
}

func TestEncodeGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    func(t *testing.T) *graph.Graph
	}{
		{"seed", func(t *testing.T) *graph.Graph { return mustDecode(t, seedGraph(t)) }},
		{"sample", func(*testing.T) *graph.Graph { return sampleGraph() }},
		{"empty", func(*testing.T) *graph.Graph { return &graph.Graph{} }},
		{"nil", func(*testing.T) *graph.Graph { return nil }},
		{"laid-out-chain", func(*testing.T) *graph.Graph { g := chain(3); graph.Layout(g); return g }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := mustEncode(t, tt.g(t))
			path := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Encode() =\n%s\nwant (%s)\n%s", got, path, want)
			}
			if !json.Valid(got) {
				t.Errorf("Encode() is not valid JSON: %s", got)
			}
		})
	}
}

func TestEncodeConsoleFields(t *testing.T) {
	t.Parallel()
	g := sampleGraph()
	var doc struct {
		Nodes []map[string]any `json:"nodes"`
		Edges []map[string]any `json:"edges"`
	}
	if err := json.Unmarshal(mustEncode(t, g), &doc); err != nil {
		t.Fatal(err)
	}
	wantShape := []string{"startControlNode", "hiveSqlJobNode", "sparkStreamingJobNode", "shellJobNode", "endControlNode"}
	wantSize := []string{"80*34", "170*34", "170*34", "170*34", "80*34"}
	for i, n := range doc.Nodes {
		if n["index"] != float64(i) || n["shape"] != wantShape[i] || n["size"] != wantSize[i] || n["type"] != "node" {
			t.Errorf("node %d: index %v shape %v size %v type %v", i, n["index"], n["shape"], n["size"], n["type"])
		}
	}
	if _, has := doc.Nodes[1]["x"]; has {
		t.Error("an unplaced node got an x")
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{8}$`)
	for j, e := range doc.Edges {
		if e["index"] != float64(len(g.Nodes)+j) || e["sourceAnchor"] != 0.0 || e["targetAnchor"] != 0.0 {
			t.Errorf("edge %d: %v", j, e)
		}
		if id, _ := e["id"].(string); !hexID.MatchString(id) {
			t.Errorf("edge %d id %q is not 8 hex digits", j, id)
		}
	}
}

func edgeIDs(t *testing.T, g *graph.Graph) []string {
	t.Helper()
	var doc struct {
		Edges []struct {
			ID string `json:"id"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(mustEncode(t, g), &doc); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(doc.Edges))
	for j, e := range doc.Edges {
		ids[j] = e.ID
	}
	return ids
}

func TestEncodeEdgeIDs(t *testing.T) {
	t.Parallel()
	// An edge's id depends on its ends only, not on the rest of the graph.
	small := edgeIDs(t, &graph.Graph{Edges: []graph.Edge{edge("a", "b")}})
	big := edgeIDs(t, &graph.Graph{Edges: []graph.Edge{edge("x", "y"), edge("a", "b"), edge("b", "a")}})
	if small[0] != big[1] {
		t.Errorf("id of a->b changed with the graph: %s vs %s", small[0], big[1])
	}
	if big[1] == big[2] {
		t.Errorf("a->b and b->a share id %s", big[1])
	}

	// Repeated edges and ids taken by nodes still give unique ids.
	taken := small[0]
	g := &graph.Graph{
		Nodes: []graph.Node{{ID: taken, Type: "JOB"}},
		Edges: []graph.Edge{edge("a", "b"), edge("a", "b"), edge("a", "b")},
	}
	ids := edgeIDs(t, g)
	seen := map[string]bool{taken: true}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("edge id %s used twice (ids %v, node id %s)", id, ids, taken)
		}
		seen[id] = true
	}

	// Many edges: all unique.
	seen = map[string]bool{}
	for _, id := range edgeIDs(t, randomDAG(20000, 3)) {
		if seen[id] {
			t.Fatalf("edge id %s used twice", id)
		}
		seen[id] = true
	}
}

func TestEncodeNonFinite(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		x, y float64
		want string
	}{
		{math.NaN(), 1, "node[1].x: NaN: not a finite number"},
		{1, math.Inf(1), "node[1].y: +Inf: not a finite number"},
	} {
		g := chain(1)
		g.Nodes[1].X, g.Nodes[1].Y = ptr(tt.x), ptr(tt.y)
		if _, err := graph.Encode(g); err == nil || err.Error() != tt.want {
			t.Errorf("Encode() error = %v, want %q", err, tt.want)
		}
	}
}

func TestEncodeNumbersLikeEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 500, 470.5, 398.5, 0.1, 1.0 / 3, 1e-6, 9.99e-7, 1e-7, 123456789012345678, 1e20, 1e21, 1.5e300, -2.5e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		g := &graph.Graph{Nodes: []graph.Node{at(graph.Node{ID: "n"}, f, -f)}}
		enc := string(mustEncode(t, g))
		wantX, _ := json.Marshal(f)
		wantY, _ := json.Marshal(-f)
		if f == 0 {
			wantX, wantY = []byte("0"), []byte("0")
		}
		if !strings.Contains(enc, `"x":`+string(wantX)+`,"y":`+string(wantY)+`,`) {
			t.Errorf("%v encoded as %s, want x %s y %s", f, enc, wantX, wantY)
		}
		back := mustDecode(t, []byte(enc))
		if *back.Nodes[0].X != f || *back.Nodes[0].Y != -f {
			t.Errorf("%v read back as %v, %v", f, *back.Nodes[0].X, *back.Nodes[0].Y)
		}
	}
}

func TestEncodeStrings(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "\x00\x01\x1f\x7f", "\n\r\t", "<>&", "日本語", "emoji 🚀",
		"\u2028\u2029", "bad \xff utf8", "\xe2\x82", "trailing \\",
	} {
		g := &graph.Graph{Nodes: []graph.Node{{ID: s, Label: s, HostName: s, Type: "JOB", JobID: s, JobType: s}}}
		enc := mustEncode(t, g)
		if !json.Valid(enc) {
			t.Errorf("%q: invalid JSON %s", s, enc)
			continue
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if s == "\xe2\x82" { // a truncated rune: one U+FFFD per byte, as encoding/json
			want = "\uFFFD\uFFFD"
		}
		n := mustDecode(t, enc).Nodes[0]
		if n.ID != want || n.Label != want || n.HostName != want || n.JobID != want || n.JobType != want {
			t.Errorf("%q read back as %+v, want %q", s, n, want)
		}
		var viaStdlib struct {
			Nodes []struct {
				ID string `json:"id"`
			} `json:"nodes"`
		}
		if err := json.Unmarshal(enc, &viaStdlib); err != nil || viaStdlib.Nodes[0].ID != n.ID {
			t.Errorf("%q: encoding/json reads %q (%v), Decode reads %q", s, viaStdlib.Nodes[0].ID, err, n.ID)
		}
	}
}

func TestDecodeEmpty(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", " \n\t", "null", "{}", `{"nodes":null,"edges":null}`, `{"nodes":[],"edges":[]}`, `{"other":1}`} {
		g, err := graph.Decode([]byte(in))
		if err != nil || g == nil || len(g.Nodes) != 0 || len(g.Edges) != 0 {
			t.Errorf("Decode(%q) = %+v, %v; want an empty graph", in, g, err)
		}
	}
}

func TestDecodeLenient(t *testing.T) {
	t.Parallel()
	in := `{"nodes":[
		{"id":"a","x":"12.5","y":"-3e2","extra":{"deep":[1,2]}},
		{"id":"b","x":"","y":null,"attribute":{"type":"JOB","jobId":null}},
		{"id":"c","index":"7","shape":5,"size":[],"spmAnchorId":{}, "type":"weird", "config":{"hostName":"h","other":1}}
	],"edges":[{"id":9,"index":"x","source":"a","target":"b","sourceAnchor":"top"}],"version":3}`
	g := mustDecode(t, []byte(in))
	want := &graph.Graph{
		Nodes: []graph.Node{
			at(graph.Node{ID: "a"}, 12.5, -300),
			{ID: "b", Type: "JOB"},
			{ID: "c", HostName: "h"},
		},
		Edges: []graph.Edge{edge("a", "b")},
	}
	if ok, diff := sameModel(g, want); !ok {
		t.Errorf("Decode() differs: %s", diff)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{`{"nodes":[{"id":"a"},{"id":"b"},{"id":"c"},{"label":"no id"}]}`, `nodes[3]: missing "id"`},
		{`{"nodes":[{"id":null}]}`, `nodes[0]: missing "id"`},
		{`{"nodes":[null]}`, `nodes[0]: want an object, got null`},
		{`{"nodes":[{"id":"a"},1]}`, `nodes[1]: want an object, got number`},
		{`{"nodes":{}}`, `nodes: want an array, got object`},
		{`{"edges":"x"}`, `edges: want an array, got string`},
		{`[1]`, `graph: want an object, got array`},
		{`"graph"`, `graph: want an object, got string`},
		{`{"nodes":[{"id":1}]}`, `nodes[0].id: want a string, got number`},
		{`{"nodes":[{"id":"a"},{"id":"b","label":7}]}`, `nodes[1].label: want a string, got number`},
		{`{"nodes":[{"id":"a","attribute":{"jobId":5}}]}`, `nodes[0].attribute.jobId: want a string, got number`},
		{`{"nodes":[{"id":"a","attribute":"START"}]}`, `nodes[0].attribute: want an object, got string`},
		{`{"nodes":[{"id":"a","config":{"hostName":["h"]}}]}`, `nodes[0].config.hostName: want a string, got array`},
		{`{"nodes":[{"id":"a","x":true}]}`, `nodes[0].x: want a number, got bool`},
		{`{"nodes":[{"id":"a","x":1,"y":{}}]}`, `nodes[0].y: want a number, got object`},
		{`{"nodes":[{"id":"a","x":"abc"}]}`, `nodes[0].x: want a number, got string "abc"`},
		{`{"nodes":[{"id":"a","x":"NaN"}]}`, `nodes[0].x: want a number, got string "NaN"`},
		{`{"nodes":[{"id":"a","x":"0x10"}]}`, `nodes[0].x: want a number, got string "0x10"`},
		{`{"nodes":[{"id":"a","x":1e999}]}`, `nodes[0].x: 1e999 is out of range: not a finite number`},
		{`{"edges":[{"target":"a"}]}`, `edges[0]: missing "source"`},
		{`{"edges":[{"source":"a","target":"b"},{"source":"a"}]}`, `edges[1]: missing "target"`},
		{`{"edges":[null]}`, `edges[0]: want an object, got null`},
		{`{"edges":[{"source":1,"target":"a"}]}`, `edges[0].source: want a string, got number`},
	}
	for _, tt := range tests {
		g, err := graph.Decode([]byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%s) = %+v, %v; want error %q", tt.in, g, err, tt.want)
		}
	}
	for _, in := range []string{`{"nodes":[`, `{} x`, `{"nodes":[{"id":"a",}]}`, "\xff"} {
		if _, err := graph.Decode([]byte(in)); err == nil || !strings.HasPrefix(err.Error(), "invalid JSON at byte ") {
			t.Errorf("Decode(%q) error = %v, want an invalid JSON error", in, err)
		}
	}
}

func TestSemanticallyEqual(t *testing.T) {
	t.Parallel()
	seed := string(seedGraph(t))
	// The seed as another writer might store it: other key order and
	// whitespace, no spmAnchorId, other indexes, edge ids and anchors,
	// other spelling of numbers, an empty label, no config.
	restyled := `{
	  "edges": [
	    {"target": "33202d60", "source": "7ba480b3", "id": "ffffffff", "index": 0, "targetAnchor": 2},
	    {"source": "48d474ea", "target": "7ba480b3"}
	  ],
	  "nodes": [
	    {"x": 4.305e2, "y": 562.50, "type": "node", "attribute": {"type": "END"}, "id": "33202d60", "label": ""},
	    {"attribute": {"type": "START"}, "id": "48d474ea", "x": 500, "y": "250", "index": 9},
	    {"id": "7ba480b3", "label": "fail_job", "x": 470.5, "y": 398.5,
	     "attribute": {"jobId": "FJ-7BE1062897B19D25", "type": "JOB", "jobType": "SHELL"}}
	  ]
	}`
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"identical", seed, seed, true},
		{"restyled and reordered", seed, restyled, true},
		{"spmAnchorId removed", seed, strings.ReplaceAll(seed, `"spmAnchorId":"0.0.0.i0.766645eb2cmNtQ",`, ""), true},
		{"index changed", seed, strings.Replace(seed, `"index":4`, `"index":40`, 1), true},
		{"empty forms", "", `{"nodes":[],"edges":[]}`, true},
		{"jobId changed", seed, strings.Replace(seed, "FJ-7BE1062897B19D25", "FJ-7BE1062897B19D26", 1), false},
		{"jobType changed", seed, strings.Replace(seed, `"jobType":"SHELL"`, `"jobType":"HIVE"`, 1), false},
		{"node type changed", seed, strings.Replace(seed, `{"type":"END"}`, `{"type":"JOB"}`, 1), false},
		{"label changed", seed, strings.Replace(seed, `"fail_job"`, `"ok_job"`, 1), false},
		{"hostName set", seed, strings.Replace(seed, `"hostName":""`, `"hostName":"h1"`, 1), false},
		{"edge target changed", seed, strings.Replace(seed, `"target":"33202d60"`, `"target":"48d474ea"`, 1), false},
		{"edge removed", seed, strings.Replace(seed, `,{"id":"e8d5ff52","index":4,"source":"7ba480b3","sourceAnchor":1,"target":"33202d60","targetAnchor":0}`, "", 1), false},
		{"coordinate moved", seed, strings.Replace(seed, `"x":470.5`, `"x":471`, 1), false},
		{"coordinate removed", seed, strings.Replace(seed, `,"x":470.5`, ``, 1), false},
		{"repeated nodes count", `{"nodes":[{"id":"a"},{"id":"a"},{"id":"b"}]}`, `{"nodes":[{"id":"a"},{"id":"b"},{"id":"b"}]}`, false},
		{"repeated edges count", `{"edges":[{"source":"a","target":"b"},{"source":"a","target":"b"}]}`, `{"edges":[{"source":"a","target":"b"}]}`, false},
	}
	for _, tt := range tests {
		for _, swap := range []bool{false, true} {
			a, b := tt.a, tt.b
			if swap {
				a, b = b, a
			}
			got, err := graph.SemanticallyEqual([]byte(a), []byte(b))
			if err != nil || got != tt.want {
				t.Errorf("%s (swapped %v): SemanticallyEqual() = %v, %v; want %v", tt.name, swap, got, err, tt.want)
			}
		}
	}
}

func TestSemanticallyEqualErrors(t *testing.T) {
	t.Parallel()
	if eq, err := graph.SemanticallyEqual([]byte(`{`), []byte(`{}`)); eq || err == nil || !strings.HasPrefix(err.Error(), "first graph: invalid JSON") {
		t.Errorf("bad first: %v, %v", eq, err)
	}
	if eq, err := graph.SemanticallyEqual([]byte(`{}`), []byte(`{"nodes":[{}]}`)); eq || err == nil || err.Error() != `second graph: nodes[0]: missing "id"` {
		t.Errorf("bad second: %v, %v", eq, err)
	}
}

func TestEqual(t *testing.T) {
	t.Parallel()
	a := randomDAG(100, 7)
	graph.Layout(a)
	b := clone(a)
	// Reverse both lists: order does not matter.
	for l, r := 0, len(b.Nodes)-1; l < r; l, r = l+1, r-1 {
		b.Nodes[l], b.Nodes[r] = b.Nodes[r], b.Nodes[l]
	}
	for l, r := 0, len(b.Edges)-1; l < r; l, r = l+1, r-1 {
		b.Edges[l], b.Edges[r] = b.Edges[r], b.Edges[l]
	}
	if !graph.Equal(a, b) {
		t.Error("reordered graph is not Equal")
	}
	if !graph.Equal(nil, &graph.Graph{}) {
		t.Error("nil is not Equal to empty")
	}
	*b.Nodes[5].Y += 1
	if graph.Equal(a, b) {
		t.Error("moved node is Equal")
	}
}
