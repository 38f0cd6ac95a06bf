package emulator_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")

	f1 := newFixture(t, emulator.Config{DataFile: path})
	p := f1.createProject("kept")
	jobID := f1.createJob(p, "job")
	flowReq := newFlowRequest(p, "flow")
	flowReq.Graph = fmt.Sprintf(seedGraph, jobID)
	flowReq.CronExpr, flowReq.StartSchedule = "0 0 * * * ?", requests.NewInteger64(5)
	flowResp, err := f1.client.CreateFlowForWeb(flowReq)
	mustOK(t, "CreateFlowForWeb", err)
	gone := f1.createFlow(p, "gone")
	del := emr.CreateDeleteFlowRequest()
	del.ProjectId, del.Id = p, gone
	_, err = f1.client.DeleteFlow(del)
	mustOK(t, "DeleteFlow", err)
	sts, err := f1.assumeRole(t, f1.client, map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "ss"})
	mustOK(t, "AssumeRole", err)
	before := f1.describeFlow(p, flowResp.Id)

	// The file is JSON, and no temporary file is left beside it: only its journal.
	raw, err := os.ReadFile(path)
	mustOK(t, "reading the data file", err)
	if !json.Valid(raw) {
		t.Fatalf("data file is not JSON: %.200s", raw)
	}
	entries, err := os.ReadDir(dir)
	mustOK(t, "ReadDir", err)
	if len(entries) != 2 || entries[1].Name() != "state.json.journal" {
		t.Errorf("files beside the data file: %v", entries)
	}

	// A second emulator on the same file sees everything, identically.
	f2 := newFixture(t, emulator.Config{DataFile: path})
	after := f2.describeFlow(p, flowResp.Id)
	if after.Graph != before.Graph || after.Name != before.Name || after.CronExpr != before.CronExpr ||
		after.GmtCreate != before.GmtCreate || !after.Periodic {
		t.Errorf("flow changed across restart:\n%+v\n%+v", before, after)
	}
	djob := emr.CreateDescribeFlowJobRequest()
	djob.ProjectId, djob.Id = p, jobID
	_, err = f2.client.DescribeFlowJob(djob)
	mustOK(t, "DescribeFlowJob after restart", err)
	dflow := emr.CreateDescribeFlowRequest()
	dflow.ProjectId, dflow.Id = p, gone
	_, err = f2.client.DescribeFlow(dflow)
	flowErr(t, err, "Flow does not exist")
	stsClient, err := emr.NewClientWithStsToken(testRegion, *sts.Credentials.AccessKeyID, *sts.Credentials.AccessKeySecret, *sts.Credentials.SecurityToken)
	mustOK(t, "NewClientWithStsToken", err)
	stsClient.Domain = f2.host()
	_, err = stsClient.ListFlowProject(emr.CreateListFlowProjectRequest())
	mustOK(t, "STS key after restart", err)
	// New objects after a restart keep being listed after the old ones.
	f2.createFlow(p, "later")
	list := emr.CreateListFlowRequest()
	list.ProjectId = p
	resp, err := f2.client.ListFlow(list)
	mustOK(t, "ListFlow", err)
	if resp.Total != 2 || resp.Flow.FlowItem[0].Id != flowResp.Id || resp.Flow.FlowItem[1].Name != "later" {
		t.Errorf("after restart: %+v", resp.Flow.FlowItem)
	}
}

func TestDataFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		content string
		wantErr string // "" = loads
	}{
		{"garbage", "not json {", "is corrupt"},
		{"truncated", `{"format":"emrflow-emulator/1","projects":{`, "is corrupt"},
		{"trailing data", `{"format":"emrflow-emulator/1"} {}`, "is corrupt"},
		{"unknown field", `{"format":"emrflow-emulator/1","flowz":{}}`, "is corrupt"},
		{"wrong format", `{"format":"something-else/9"}`, "has format"},
		{"record under another id", `{"format":"emrflow-emulator/1","projects":{"FP-1":{"id":"FP-2"}}}`, "is corrupt"},
		{"flow of an unknown project", `{"format":"emrflow-emulator/1","flows":{"F-1":{"id":"F-1","projectId":"FP-9"}}}`, "is corrupt"},
		{"null record", `{"format":"emrflow-emulator/1","jobs":{"FJ-1":null}}`, "is corrupt"},
		{"empty file", "", ""},
		{"white space", " \n", ""},
		{"minimal", `{"format":"emrflow-emulator/1"}`, ""},
		{"minimal of format 2", `{"format":"emrflow-emulator/2","generation":3}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			mustOK(t, "WriteFile", os.WriteFile(path, []byte(tc.content), 0o600))
			_, err := emulator.New(emulator.Config{DataFile: path})
			if tc.wantErr == "" {
				mustOK(t, "New", err)
				return
			}
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one naming %s and saying %q", err, path, tc.wantErr)
			}
			// The corrupt file is left as it was.
			got, _ := os.ReadFile(path)
			if string(got) != tc.content {
				t.Errorf("corrupt file was changed")
			}
		})
	}
	// A directory where the file should be.
	if _, err := emulator.New(emulator.Config{DataFile: dir}); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("err = %v, want one naming %s", err, dir)
	}
}

func TestSaveFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "state.json") // the directory does not exist: saving fails
	f := newFixture(t, emulator.Config{DataFile: path})
	req := emr.CreateCreateFlowProjectRequest()
	req.Name, req.Description = "p", "d"
	_, err := f.client.CreateFlowProject(req)
	gatewayErr(t, err, 500, "InternalError")
}

func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, emulator.Config{DataFile: path})
	p := f.createProject("p")

	const writers, perWriter = 8, 15
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		ids      = map[string]bool{}
		dupWins  int
		dupFails int
	)
	for w := range writers {
		wg.Go(func() {
			client := f.newClient(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
			for i := range perWriter {
				resp, err := client.CreateFlowForWeb(newFlowRequest(p, fmt.Sprintf("w%d-%d", w, i)))
				if err != nil {
					t.Errorf("create: %v", err)
					return
				}
				mu.Lock()
				ids[resp.Id] = true
				mu.Unlock()
			}
			// Every writer also races for the same name: exactly one may win.
			_, err := client.CreateFlowForWeb(newFlowRequest(p, "contended"))
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				dupWins++
			} else if strings.Contains(err.Error(), "Flow name already exists: [contended]") {
				dupFails++
			} else {
				t.Errorf("contended create: %v", err)
			}
		})
	}
	wg.Wait()
	if len(ids) != writers*perWriter || dupWins != 1 || dupFails != writers-1 {
		t.Fatalf("%d distinct ids (want %d), contended: %d wins %d losses", len(ids), writers*perWriter, dupWins, dupFails)
	}

	// No lost writes, in memory or on disk.
	check := func(f *fixture, where string) {
		seen := map[string]bool{}
		names := map[string]bool{}
		for page := 1; ; page++ {
			req := emr.CreateListFlowRequest()
			req.ProjectId, req.PageSize, req.PageNumber = p, requests.NewInteger(100), requests.NewInteger(page)
			resp, err := f.client.ListFlow(req)
			mustOK(t, "ListFlow", err)
			if len(resp.Flow.FlowItem) == 0 {
				break
			}
			for _, it := range resp.Flow.FlowItem {
				if names[it.Name] {
					t.Errorf("%s: name %q twice", where, it.Name)
				}
				seen[it.Id], names[it.Name] = true, true
			}
		}
		if len(seen) != writers*perWriter+1 {
			t.Errorf("%s: %d flows, want %d", where, len(seen), writers*perWriter+1)
		}
		for id := range ids {
			if !seen[id] {
				t.Errorf("%s: flow %s lost", where, id)
			}
		}
	}
	check(f, "memory")
	check(newFixture(t, emulator.Config{DataFile: path}), "data file")
}

// TestStaleTempsRemovedAtStart: the temporary copies a killed emulator leaves beside its data
// file (each a whole copy of the state) are removed when the next one starts; the data file and
// other files of the directory are kept, and the state loads.
func TestStaleTempsRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	f1 := newFixture(t, emulator.Config{DataFile: path})
	f1.createProject("kept")
	stale := []string{".state.json.tmp-123", ".state.json.tmp-4567", ".state.json.tmp-"}
	for _, name := range stale {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(`{"half":`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, ".other.json.tmp-1")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	f2 := newFixture(t, emulator.Config{DataFile: path})
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there after a start (err %v)", name, err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file's temporary copy was touched: %v", err)
	}
	req := emr.CreateListFlowProjectRequest()
	resp, err := f2.client.ListFlowProject(req)
	mustOK(t, "ListFlowProject", err)
	if resp.Total != 1 {
		t.Errorf("after the restart %d projects, want the 1 kept", resp.Total)
	}
}

// TestProjectNamesStayUnique: the index of project names follows creates, renames, deletes and a
// restart from the data file: a freed name can be taken again, a taken one cannot.
func TestProjectNamesStayUnique(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, emulator.Config{DataFile: path})
	create := func(f *fixture, name string) error {
		req := emr.CreateCreateFlowProjectRequest()
		req.Name, req.Description = name, "d"
		_, err := f.client.CreateFlowProject(req)
		return err
	}
	taken := func(err error) bool { return err != nil && strings.Contains(err.Error(), "name already exists") }
	a := f.createProject("a")
	mod := emr.CreateModifyFlowProjectRequest()
	mod.ProjectId, mod.Name, mod.Description = a, "b", "d"
	_, err := f.client.ModifyFlowProject(mod)
	mustOK(t, "ModifyFlowProject", err)
	if err := create(f, "a"); err != nil {
		t.Fatalf("the renamed project's old name is still taken: %v", err)
	}
	if err := create(f, "b"); !taken(err) {
		t.Fatalf("a second project named b: err = %v, want the name taken", err)
	}
	del := emr.CreateDeleteFlowProjectRequest()
	del.ProjectId = a
	_, err = f.client.DeleteFlowProject(del)
	mustOK(t, "DeleteFlowProject", err)
	if err := create(f, "b"); err != nil {
		t.Fatalf("the deleted project's name is still taken: %v", err)
	}
	again := newFixture(t, emulator.Config{DataFile: path})
	if err := create(again, "a"); !taken(err) {
		t.Fatalf("after a restart, a second project named a: err = %v, want the name taken", err)
	}
}
