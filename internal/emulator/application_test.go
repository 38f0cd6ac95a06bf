package emulator

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestApplicationOf: DescribeFlow's Application is the graph compiled into nodeDefMap: types
// :start:, :action:, :end:, dependencies and transitions from the edges.
func TestApplicationOf(t *testing.T) {
	graph := `{"nodes":[{"id":"s","attribute":{"type":"START"}},` +
		`{"id":"j","label":"extract","attribute":{"type":"JOB","jobType":"SHELL","jobId":"FJ-1"},"config":{"hostName":"h1"}},` +
		`{"id":"e","attribute":{"type":"END"}}],` +
		`"edges":[{"source":"s","target":"j"},{"source":"j","target":"e"},{"source":"j","target":"gone"}]}`
	var got struct {
		NodeDefMap map[string]applicationNode `json:"nodeDefMap"`
	}
	if err := json.Unmarshal([]byte(applicationOf(graph, "C-1")), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]applicationNode{
		"s": {ClusterID: "C-1", Type: ":start:", Dependencies: []string{}, Transitions: []string{"j"}},
		"j": {JobID: "FJ-1", Name: "extract", ClusterID: "C-1", HostName: "h1", Type: ":action:", Dependencies: []string{"s"}, Transitions: []string{"e"}},
		"e": {ClusterID: "C-1", Type: ":end:", Dependencies: []string{"j"}, Transitions: []string{}},
	}
	if !reflect.DeepEqual(got.NodeDefMap, want) {
		t.Errorf("nodeDefMap = %+v\nwant %+v", got.NodeDefMap, want)
	}
	if applicationOf("", "C-1") != "" || applicationOf("{", "C-1") != "" {
		t.Error("no graph (or a broken one) must give no Application")
	}
}
