package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// consoleFile is what `emrflow-emulator seed -file` reads: projects with what the console makes
// in them, in the console's own JSON shapes (the graph as the console draws it, AlertConf with
// "enable"), so that an adoption can be rehearsed against the emulator. See EMULATOR.md, "Objects
// made in the console", and examples/emulator/console.json.
type consoleFile struct {
	Projects []consoleProject `json:"projects"`
}

type consoleProject struct {
	Name            string           `json:"name"`
	Description     string           `json:"description"`
	ClusterSettings []consoleSetting `json:"clusterSettings"`
	Jobs            []consoleJob     `json:"jobs"`
	Flows           []consoleFlow    `json:"flows"`
}

type consoleSetting struct {
	ClusterID    string `json:"clusterId"`
	DefaultUser  string `json:"defaultUser"`
	DefaultQueue string `json:"defaultQueue"`
}

type consoleJob struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Params      string `json:"params"`
}

type consoleFlow struct {
	Name          string          `json:"name"`
	Description   string          `json:"description"`
	ClusterID     string          `json:"clusterId"`
	CronExpr      string          `json:"cronExpr"`
	StartSchedule int64           `json:"startSchedule"`
	EndSchedule   int64           `json:"endSchedule"`
	Graph         json.RawMessage `json:"graph"`     // the console's graph JSON; "@<job name>" as a jobId names a job of the file
	AlertConf     json.RawMessage `json:"alertConf"` // {"items":[{"eventId","enable","alertUserGroupIdList","alertDingDingGroupList"}]}
}

// jobRefPrefix marks a jobId of a graph that names a job of the same project by its name.
const jobRefPrefix = "@"

// runSeed is `emrflow-emulator seed`: it creates the objects of a console file through the API,
// signed like any client (so it works on a running emulator, or anywhere the API answers), and
// prints the id of each object it made.
func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("emrflow-emulator seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		file      = fs.String("file", "", "the console file to create (see examples/emulator/console.json)")
		endpoint  = fs.String("endpoint", "http://127.0.0.1:18080", "the emulator's address")
		region    = fs.String("region", "cn-hangzhou", "the region to create in")
		keyID     = fs.String("access-key-id", emulator.DefaultAccessKeyID, "the access key id")
		keySecret = fs.String("access-key-secret", emulator.DefaultAccessKeySecret, "its secret")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("seed: unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *file == "" {
		return errors.New("seed: -file is required: the console file to create (see examples/emulator/console.json)")
	}
	src, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	var cf consoleFile
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields() // a misspelt key would otherwise be dropped without a word
	if err := dec.Decode(&cf); err != nil {
		return fmt.Errorf("seed: %s: %w", *file, err)
	}
	client, err := emrapi.New(ctx, emrapi.Config{
		RegionID: *region, Endpoint: *endpoint, EndpointSource: "-endpoint",
		AccessKeyID: *keyID, AccessKeySecret: *keySecret, MaxRetries: 3,
	})
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	for _, p := range cf.Projects {
		if err := seedProject(ctx, client, p, stdout); err != nil {
			return fmt.Errorf("seed: project %q: %w", p.Name, err)
		}
	}
	return nil
}

func seedProject(ctx context.Context, c *emrapi.Client, p consoleProject, out io.Writer) error {
	projectID, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: p.Name, Description: p.Description})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "project %s: %s\n", p.Name, projectID)
	for _, s := range p.ClusterSettings {
		in := emrapi.ClusterSettingInput{ProjectID: projectID, ClusterID: s.ClusterID, DefaultUser: s.DefaultUser, DefaultQueue: s.DefaultQueue}
		if err := c.CreateClusterSetting(ctx, in); err != nil {
			return fmt.Errorf("cluster setting %s: %w", s.ClusterID, err)
		}
		fmt.Fprintf(out, "cluster setting %s/%s\n", p.Name, s.ClusterID)
	}
	jobs := map[string]string{}
	for _, j := range p.Jobs {
		id, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: projectID, Name: j.Name, Type: j.Type, Description: j.Description, Params: j.Params})
		if err != nil {
			return fmt.Errorf("job %q: %w", j.Name, err)
		}
		jobs[j.Name] = id
		fmt.Fprintf(out, "job %s/%s: %s\n", p.Name, j.Name, id)
	}
	for _, f := range p.Flows {
		g, err := resolveJobRefs(f.Graph, jobs)
		if err != nil {
			return fmt.Errorf("flow %q: %w", f.Name, err)
		}
		id, err := c.CreateFlow(ctx, emrapi.FlowInput{
			ProjectID: projectID, Name: f.Name, Description: f.Description, ClusterID: f.ClusterID,
			CronExpr: f.CronExpr, StartSchedule: f.StartSchedule, EndSchedule: f.EndSchedule,
			Graph: g, AlertConf: rawText(f.AlertConf),
		})
		if err != nil {
			return fmt.Errorf("flow %q: %w", f.Name, err)
		}
		fmt.Fprintf(out, "flow %s/%s: %s\n", p.Name, f.Name, id)
	}
	return nil
}

// resolveJobRefs returns the graph's JSON text with every node's attribute.jobId "@<name>"
// replaced by the id of the job of that name; everything else is kept as written.
func resolveJobRefs(raw json.RawMessage, jobs map[string]string) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return "", nil
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return "", fmt.Errorf("graph: %w", err)
	}
	nodes, _ := doc["nodes"].([]any)
	for _, n := range nodes {
		attr, _ := n.(map[string]any)["attribute"].(map[string]any)
		ref, ok := attr["jobId"].(string)
		if !ok || !strings.HasPrefix(ref, jobRefPrefix) {
			continue
		}
		id, found := jobs[strings.TrimPrefix(ref, jobRefPrefix)]
		if !found {
			return "", fmt.Errorf("graph: jobId %q names no job of the project", ref)
		}
		attr["jobId"] = id
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("graph: %w", err)
	}
	return string(out), nil
}

// rawText is a JSON value's text, "" for none.
func rawText(raw json.RawMessage) string {
	if t := strings.TrimSpace(string(raw)); t != "null" {
		return t
	}
	return ""
}
