package emrapi_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// runsSnapshot is what the client reads of one run under a profile, with what a profile may
// legitimately change (ids, the order of node instances) normalised away.
type runsSnapshot struct {
	Listed   []string // status and flow name of each listed run
	Run      string   // status, HasNodeFailed, duration, node count
	Nodes    []string // name, type, status, job name, error, retries, duration of each node, sorted
	LogTail  []string
	Rerun    error
	AfterRun string
}

// readRunsWorld runs a flow START -> ok -> bad -> END (no run time: it ends at once, bad failing)
// and reads it with every run call the provider makes.
func readRunsWorld(t *testing.T, c *emrapi.Client) runsSnapshot {
	t.Helper()
	ctx := t.Context()
	pid := mustProject(t, c, "runs-answers")
	if err := c.CreateClusterSetting(ctx, emrapi.ClusterSettingInput{ProjectID: pid, ClusterID: cluster}); err != nil {
		t.Fatal(err)
	}
	job := func(name, params string) string {
		id, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: name, Type: "SHELL", Params: params})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	ok, bad := job("ok", "EMRFLOW_EMULATOR_DURATION=0s"), job("bad", "EMRFLOW_EMULATOR_DURATION=0s\nEMRFLOW_EMULATOR_FAIL: disk full")
	graph := fmt.Sprintf(`{"nodes":[{"id":"s","attribute":{"type":"START"}},`+
		`{"id":"ok","attribute":{"type":"JOB","jobType":"SHELL","jobId":%q}},{"id":"bad","attribute":{"type":"JOB","jobType":"SHELL","jobId":%q}},`+
		`{"id":"e","attribute":{"type":"END"}}],"edges":[{"source":"s","target":"ok"},{"source":"ok","target":"bad"},{"source":"bad","target":"e"}]}`, ok, bad)
	fid, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "runs", Description: "d", ClusterID: cluster, Graph: graph})
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.SubmitFlow(ctx, pid, fid, "")
	if err != nil {
		t.Fatal(err)
	}
	var snap runsSnapshot
	list, err := c.ListFlowInstances(ctx, emrapi.ListFlowInstancesInput{ProjectID: pid, FlowID: fid, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range list {
		snap.Listed = append(snap.Listed, in.Status+" "+in.FlowName)
	}
	in, err := c.DescribeFlowInstance(ctx, pid, id)
	if err != nil {
		t.Fatal(err)
	}
	snap.Run = fmt.Sprintf("%s %v %d %d %v", in.Status, in.HasNodeFailed, in.Duration, len(in.Nodes), in.ID == id)
	var badNode string
	for _, n := range in.Nodes {
		snap.Nodes = append(snap.Nodes, fmt.Sprintf("%s %s %s %s %q %d %d", n.NodeName, n.Type, n.Status, n.JobName, n.ExternalInfo, n.Retries, n.Duration))
		if n.NodeName == "bad" {
			badNode = n.ID
		}
	}
	slices.Sort(snap.Nodes)
	if snap.LogTail, err = c.NodeInstanceLog(ctx, pid, badNode, 2); err != nil {
		t.Fatal(err)
	}
	for i, l := range snap.LogTail {
		snap.LogTail[i] = l[strings.Index(l, " ERROR ")+1:] // the time varies
	}
	snap.Rerun = c.RerunFlow(ctx, pid, id, true)
	after, err := c.DescribeFlowInstance(ctx, pid, id)
	if err != nil {
		t.Fatal(err)
	}
	snap.AfterRun = after.Status
	return snap
}

// Whatever the profile (values as strings, times left out, node instances in another order, the
// pages' envelopes), the client reads the same run.
func TestRunsUnderEveryAnswerProfile(t *testing.T) {
	want := readRunsWorld(t, answersClient(t, emulator.AnswersDefault))
	if want.Run != "FAILED true 0 4 true" || len(want.LogTail) != 2 || want.AfterRun != "FAILED" || want.Rerun != nil {
		t.Fatalf("default profile: %+v", want)
	}
	for _, profile := range emulator.AnswerProfiles() {
		t.Run(profile, func(t *testing.T) {
			if got := readRunsWorld(t, answersClient(t, profile)); !reflect.DeepEqual(got, want) {
				t.Errorf("under %q the client reads\n%+v\nwant\n%+v", profile, got, want)
			}
		})
	}
}
