package emulator_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// journaledState makes a data file whose journal holds changes of every family beside the
// snapshot the first write wrote, and returns its path and the state in memory then. The server
// is left as a killed one leaves its files: nothing is flushed or closed after the last answer.
func journaledState(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, emulator.Config{DataFile: path})
	p := f.createProject("kept")
	jobID := f.createJob(p, "job")
	flowID := f.createFlowWithGraph(p, "flow", fmt.Sprintf(seedGraph, jobID)) // and a cluster setting
	mod := emr.CreateModifyFlowProjectRequest()
	mod.ProjectId, mod.Name, mod.Description = p, "renamed", "d"
	_, err := f.client.ModifyFlowProject(mod)
	mustOK(t, "ModifyFlowProject", err)
	gone := f.createProject("gone")
	del := emr.CreateDeleteFlowProjectRequest()
	del.ProjectId = gone
	_, err = f.client.DeleteFlowProject(del)
	mustOK(t, "DeleteFlowProject", err)
	f.submit(p, flowID)
	state, err := emulator.StateJSON(f.srv)
	mustOK(t, "StateJSON", err)
	if lines := bytes.Count(mustRead(t, path+".journal"), []byte("\n")); lines < 6 {
		t.Fatalf("journal of %d lines: the changes were not journaled", lines)
	}
	return path, state
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	mustOK(t, "ReadFile", err)
	return b
}

// copyData copies the data file and its journal into a new directory, for a start on them.
func copyData(t *testing.T, path string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "state.json")
	for _, suffix := range []string{"", ".journal"} {
		mustOK(t, "WriteFile", os.WriteFile(to+suffix, mustRead(t, path+suffix), 0o600))
	}
	return to
}

// sameState fails the test unless a server started on path holds want.
func sameState(t *testing.T, path string, want []byte) *fixture {
	t.Helper()
	f := newFixture(t, emulator.Config{DataFile: path})
	got, err := emulator.StateJSON(f.srv)
	mustOK(t, "StateJSON", err)
	if !bytes.Equal(got, want) {
		t.Fatalf("state after the restart:\n%s\nwant:\n%s", got, want)
	}
	return f
}

// TestJournalReplay: a start replays the journal over the snapshot, and gets every change back.
func TestJournalReplay(t *testing.T) {
	path, want := journaledState(t)
	sameState(t, path, want)
	// The snapshot alone is older: the journal is what holds the later changes.
	alone := copyData(t, path)
	mustOK(t, "Remove", os.Remove(alone+".journal"))
	f := newFixture(t, emulator.Config{DataFile: alone})
	if got, _ := emulator.StateJSON(f.srv); bytes.Equal(got, want) {
		t.Errorf("the snapshot alone holds every change: the journal was not exercised")
	}
}

// TestJournalTornLastLine: a last line that is not whole (the write of a change that was never
// acknowledged) is ignored, and the next write replaces the journal, so that the line written
// after it does not make the journal unloadable.
func TestJournalTornLastLine(t *testing.T) {
	path, want := journaledState(t)
	for name, tail := range map[string]string{
		"half a line":                            `{"seq":99,"projects":{"FP-00000000000000`,
		"a whole line without newline":           `{"seq":99,"projects":{}}`,
		"a last line that is garbage":            "{\"seq\":\x00\x00\x00\n",
		"a write of several changes with a hole": `[{"seq":99,"projects":{}},` + "\x00\x00\x00\x00" + `{"seq":100,"projects":{}}]` + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			torn := copyData(t, path)
			j, err := os.OpenFile(torn+".journal", os.O_APPEND|os.O_WRONLY, 0)
			mustOK(t, "OpenFile", err)
			_, err = j.WriteString(tail)
			mustOK(t, "WriteString", err)
			mustOK(t, "Close", j.Close())

			f := sameState(t, torn, want)
			added := f.createProject("after the tear")
			f2 := newFixture(t, emulator.Config{DataFile: torn})
			d := emr.CreateDescribeFlowProjectRequest()
			d.ProjectId = added
			_, err = f2.client.DescribeFlowProject(d)
			mustOK(t, "the project written after the torn line, after another restart", err)
		})
	}
}

// TestJournalErrors: a journal that does not load is an error naming it (and the line), and it
// is left as it was.
func TestJournalErrors(t *testing.T) {
	path, _ := journaledState(t)
	journal := string(mustRead(t, path+".journal"))
	lines := strings.SplitAfter(journal, "\n")
	header := lines[0]
	for _, tc := range []struct {
		name, content, want string
	}{
		{"a garbage line in the middle", header + lines[1] + "garbage\n" + strings.Join(lines[2:], ""), "line 3 is corrupt"},
		{"a line torn in the middle", header + lines[1][:10] + strings.Join(lines[2:], ""), "line 2 is corrupt"},
		{"an unknown field", header + `{"seq":1,"flowz":{}}` + "\n" + strings.Join(lines[1:], ""), "line 2 is corrupt"},
		{"no header", strings.Join(lines[1:], ""), "line 1 is corrupt"},
		{"another format", `{"format":"other/1","generation":1}` + "\n", "has format"},
		{"a newer generation than the data file", strings.Replace(header, `"generation":1`, `"generation":7`, 1), "continues generation 7"},
		{"a flow of an unknown project", journal + `{"seq":500,"flows":{"F-1":{"id":"F-1","projectId":"FP-9"}}}` + "\n" + lines[1], "is corrupt: flow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := copyData(t, path)
			mustOK(t, "WriteFile", os.WriteFile(broken+".journal", []byte(tc.content), 0o600))
			_, err := emulator.New(emulator.Config{DataFile: broken})
			if err == nil || !strings.Contains(err.Error(), broken+".journal") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one naming %s.journal and saying %q", err, broken, tc.want)
			}
			if got := string(mustRead(t, broken+".journal")); got != tc.content {
				t.Errorf("the journal was changed")
			}
		})
	}
}

// TestWriteCostDoesNotGrowWithState: with 10,000 projects, a create appends a few hundred bytes
// to the journal and leaves the snapshot alone; before the journal each one rewrote the whole
// state (megabytes).
func TestWriteCostDoesNotGrowWithState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, emulator.Config{DataFile: path})
	mustOK(t, "Preload", emulator.Preload(f.srv, 10000))
	f.createProject("first") // the journal of the preload outgrew the snapshot: compacted here
	snapshot := mustRead(t, path)
	before := len(mustRead(t, path+".journal"))
	const creates = 30
	for i := range creates {
		f.createProject(fmt.Sprintf("p%d", i))
	}
	perCreate := (len(mustRead(t, path+".journal")) - before) / creates
	if !bytes.Equal(mustRead(t, path), snapshot) {
		t.Errorf("the snapshot was rewritten by %d creates", creates)
	}
	if perCreate > 1024 || len(snapshot) < 1<<20 {
		t.Errorf("%d bytes written per create, on a snapshot of %d bytes: want at most 1 KiB on at least 1 MiB", perCreate, len(snapshot))
	}
	t.Logf("%d bytes appended per create; the snapshot is %d bytes", perCreate, len(snapshot))
}
