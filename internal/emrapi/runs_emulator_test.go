package emrapi_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func TestEmulatorRuns(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	pid := mustProject(t, c, "runs")
	if err := c.CreateClusterSetting(ctx, emrapi.ClusterSettingInput{ProjectID: pid, ClusterID: cluster}); err != nil {
		t.Fatal(err)
	}
	okJob, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: "ok", Type: "SHELL", Params: "echo ok EMRFLOW_EMULATOR_DURATION=0s"})
	if err != nil {
		t.Fatal(err)
	}
	badJob, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: "bad", Type: "SHELL",
		Params: "EMRFLOW_EMULATOR_DURATION=0s\nEMRFLOW_EMULATOR_FAIL: disk full"})
	if err != nil {
		t.Fatal(err)
	}
	graph := func(job string) string {
		return `{"nodes":[{"id":"s","attribute":{"type":"START"}},{"id":"j","label":"step","attribute":{"type":"JOB","jobType":"SHELL","jobId":"` + job + `"}},` +
			`{"id":"e","attribute":{"type":"END"}}],"edges":[{"source":"s","target":"j"},{"source":"j","target":"e"}]}`
	}
	good, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "good", Description: "d", ClusterID: cluster, Graph: graph(okJob)})
	if err != nil {
		t.Fatal(err)
	}
	failing, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "failing", Description: "d", ClusterID: cluster, Graph: graph(badJob)})
	if err != nil {
		t.Fatal(err)
	}

	first, err := c.SubmitFlow(ctx, pid, good, "")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // newest first is by creation time
	bad, err := c.SubmitFlow(ctx, pid, failing, `{"key":"value"}`)
	if err != nil {
		t.Fatal(err)
	}
	in, err := c.DescribeFlowInstance(ctx, pid, bad)
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != emrapi.InstanceFailed || in.FlowID != failing || len(in.Nodes) != 3 || in.Graph == "" {
		t.Fatalf("instance: %+v", in)
	}
	failed := in.Nodes[1]
	if failed.Status != "FAILED" || failed.ExternalInfo != "disk full" || failed.JobID != badJob || failed.NodeName != "j" {
		t.Fatalf("failed node: %+v", failed)
	}
	log, err := c.NodeInstanceLog(ctx, pid, failed.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || !strings.Contains(log[0], "job failed: disk full") {
		t.Errorf("log tail: %q", log)
	}

	all, err := c.ListFlowInstances(ctx, emrapi.ListFlowInstancesInput{ProjectID: pid, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, x := range all {
		ids = append(ids, x.ID)
	}
	if !slices.Equal(ids, []string{bad, first}) {
		t.Errorf("newest first over pages of 1: %v, want %v", ids, []string{bad, first})
	}
	onlyOK, err := c.ListFlowInstances(ctx, emrapi.ListFlowInstancesInput{ProjectID: pid, FlowID: good, Statuses: []string{"SUCCEEDED"}})
	if err != nil || len(onlyOK) != 1 || onlyOK[0].ID != first || onlyOK[0].FlowName != "good" {
		t.Errorf("by flow and status: %+v, %v", onlyOK, err)
	}
	limited, err := c.ListFlowInstances(ctx, emrapi.ListFlowInstancesInput{ProjectID: pid, Limit: 1})
	if err != nil || len(limited) != 1 {
		t.Errorf("limit 1: %d, %v", len(limited), err)
	}

	if _, err := c.DescribeFlowInstance(ctx, pid, "FI-0000000000000000"); !emrapi.IsNotFound(err) {
		t.Errorf("missing instance: %v", err)
	}
	if _, err := c.SubmitFlow(ctx, pid, "F-0000000000000000", ""); !emrapi.IsNotFound(err) {
		t.Errorf("missing flow: %v", err)
	}
}
