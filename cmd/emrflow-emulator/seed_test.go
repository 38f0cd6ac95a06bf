package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// The documented console file, as published.
var consoleExample = filepath.Join("..", "..", "examples", "emulator", "console.json")

// TestSeedConsoleFile: `emrflow-emulator seed -file examples/emulator/console.json` makes, on a
// running emulator, the project, setting, jobs and flow of the file, with the console's graph
// (its node ids, positions, edge ids and anchors, jobIds resolved from "@name") and AlertConf
// ("enable") as written.
func TestSeedConsoleFile(t *testing.T) {
	srv, err := emulator.New(emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"seed", "-endpoint", hs.URL, "-file", consoleExample}, &stdout, &stderr); err != nil {
		t.Fatalf("seed: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"project console_etl: FP-", "cluster setting console_etl/C-0000000000000001", "job console_etl/extract: FJ-", "flow console_etl/daily_etl: F-"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}

	ctx := context.Background()
	c, err := emrapi.New(ctx, emrapi.Config{RegionID: "cn-hangzhou", Endpoint: hs.URL,
		AccessKeyID: emulator.DefaultAccessKeyID, AccessKeySecret: emulator.DefaultAccessKeySecret})
	if err != nil {
		t.Fatal(err)
	}
	projects, err := c.ListProjects(ctx, emrapi.ListProjectsInput{Name: "console_etl"})
	if err != nil || len(projects) != 1 {
		t.Fatalf("projects %v, %v", projects, err)
	}
	pid := projects[0].ID
	if _, err := c.DescribeClusterSetting(ctx, pid, "C-0000000000000001"); err != nil {
		t.Errorf("cluster setting: %v", err)
	}
	flows, err := c.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: pid})
	if err != nil || len(flows) != 1 {
		t.Fatalf("flows %v, %v", flows, err)
	}
	f, err := c.DescribeFlow(ctx, pid, flows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	g, err := graph.Decode([]byte(f.Graph))
	if err != nil {
		t.Fatal(err)
	}
	jobTypes, err := c.ProjectJobTypes(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 4 || len(g.Edges) != 3 || g.Nodes[1].ID != "7ba480b3" || *g.Nodes[1].X != 470.5 || jobTypes[g.Nodes[1].JobID] != "SHELL" || jobTypes[g.Nodes[2].JobID] != "HIVE_SQL" {
		t.Errorf("graph as stored: %s", f.Graph)
	}
	if !strings.Contains(f.Graph, `"sourceAnchor":1`) && !strings.Contains(f.Graph, `"sourceAnchor": 1`) {
		t.Errorf("edge anchors lost: %s", f.Graph)
	}
	var alerts struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(f.AlertConf), &alerts); err != nil || len(alerts.Items) != 2 || alerts.Items[1]["enable"] != false {
		t.Errorf("AlertConf as stored: %s (%v)", f.AlertConf, err)
	}
}

func TestSeedErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]struct {
		args []string
		want string
	}{
		"no file":        {[]string{"seed"}, "-file is required"},
		"misspelt key":   {[]string{"seed", "-file", write("bad.json", `{"projects":[{"name":"p","enabled":true}]}`)}, `unknown field "enabled"`},
		"missing file":   {[]string{"seed", "-file", filepath.Join(dir, "none.json")}, "no such file"},
		"stray argument": {[]string{"seed", "-file", "x", "more"}, "unexpected arguments: more"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(t.Context(), tc.args, &out, &errOut)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// A jobId naming no job of the file.
	srv, err := emulator.New(emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	bad := write("ref.json", `{"projects":[{"name":"p","description":"d","flows":[{"name":"f","description":"d","clusterId":"C-0000000000000001",
	  "graph":{"nodes":[{"id":"s","attribute":{"type":"START"}},{"id":"j","attribute":{"type":"JOB","jobType":"SHELL","jobId":"@nope"}},{"id":"e","attribute":{"type":"END"}}],
	  "edges":[{"source":"s","target":"j"},{"source":"j","target":"e"}]}}]}]}`)
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"seed", "-endpoint", hs.URL, "-file", bad}, &out, &errOut); err == nil || !strings.Contains(err.Error(), `jobId "@nope" names no job of the project`) {
		t.Fatalf("err = %v", err)
	}
}
