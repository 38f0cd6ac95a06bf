package emulator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// journaled is a server on a data file in a new directory, with writes made through update, as
// the actions make them.
type journaled struct {
	t    *testing.T
	path string
	s    *Server
	n    int
}

func newJournaled(t *testing.T) *journaled {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := New(Config{DataFile: path})
	if err != nil {
		t.Fatal(err)
	}
	return &journaled{t: t, path: path, s: s}
}

// put creates one project and waits until it is on disk.
func (j *journaled) put() {
	j.t.Helper()
	j.n++
	id := fmt.Sprintf("FP-%016X", j.n)
	if aerr := j.s.update(func(st *state) *apiError {
		st.putProject(&project{ID: id, Seq: st.nextSeq(), Region: defaultRegion, Name: id, Description: strings.Repeat("d", 100)})
		return nil
	}); aerr != nil {
		j.t.Fatal(aerr)
	}
}

func (j *journaled) state() []byte {
	j.t.Helper()
	b, err := StateJSON(j.s)
	if err != nil {
		j.t.Fatal(err)
	}
	return b
}

// files returns the data file and the journal as they are now.
func (j *journaled) files() [2][]byte {
	j.t.Helper()
	var out [2][]byte
	for i, p := range []string{j.path, journalPath(j.path)} {
		b, err := os.ReadFile(p)
		if err != nil {
			j.t.Fatal(err)
		}
		out[i] = b
	}
	return out
}

// startOn writes the given files in a new directory and starts a server on them.
func startOn(t *testing.T, snapshot, journal []byte, extra map[string][]byte) (*Server, string, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	files := map[string][]byte{"state.json": snapshot, "state.json.journal": journal}
	for name, b := range extra {
		files[name] = b
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Config{DataFile: path})
	return s, path, err
}

// TestJournalCompaction: once the journal outgrows the snapshot, the next write writes a new
// snapshot of the next generation and starts the journal again; a start then loads the same state.
func TestJournalCompaction(t *testing.T) {
	j := newJournaled(t)
	j.s.journal.minCompact = 0
	j.put() // the first write starts the journal: generation 1
	if j.s.journal.gen != 1 {
		t.Fatalf("generation %d after the first write, want 1", j.s.journal.gen)
	}
	largest := int64(0)
	for j.s.journal.gen == 1 && j.n < 1000 {
		largest = max(largest, j.s.journal.size)
		j.put()
	}
	if j.s.journal.gen != 2 {
		t.Fatalf("no compaction after %d writes", j.n)
	}
	f := j.files()
	if len(bytes.Split(bytes.TrimSpace(f[1]), []byte("\n"))) != 1 || int64(len(f[1])) >= largest {
		t.Errorf("the journal after the compaction: %q (it had %d bytes)", f[1], largest)
	}
	if !bytes.Contains(f[0], []byte(`"generation":2`)) {
		t.Errorf("the snapshot is not generation 2: %.100s", f[0])
	}
	j.put() // appended to the new journal
	again, err := New(Config{DataFile: j.path})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mustState(t, again), j.state(); !bytes.Equal(got, want) {
		t.Errorf("state after a compaction and a restart:\n%s\nwant\n%s", got, want)
	}
}

func mustState(t *testing.T, s *Server) []byte {
	t.Helper()
	b, err := StateJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestJournalCrashDuringCompaction leaves the files as a crash at each step of a compaction
// would (see compact) and checks that a start loads the state of the last acknowledged write.
func TestJournalCrashDuringCompaction(t *testing.T) {
	j := newJournaled(t)
	for range 5 {
		j.put()
	}
	old := j.files() // generation 1 and its journal of 4 changes
	want := j.state()
	if err := j.s.compact(); err != nil {
		t.Fatal(err)
	}
	compacted := j.files() // generation 2 and an empty journal
	if bytes.Equal(compacted[0], old[0]) || bytes.Equal(compacted[1], old[1]) {
		t.Fatal("the compaction changed nothing")
	}
	for _, tc := range []struct {
		name              string
		snapshot, journal []byte
		extra             map[string][]byte
	}{
		{"while writing the snapshot", old[0], old[1], map[string][]byte{".state.json.tmp-1": compacted[0][:100]}},
		{"after the snapshot, before the journal", compacted[0], old[1], nil},
		{"while writing the journal", compacted[0], old[1], map[string][]byte{".state.json.journal.tmp-1": compacted[1]}},
		{"after both", compacted[0], compacted[1], nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path, err := startOn(t, tc.snapshot, tc.journal, tc.extra)
			if err != nil {
				t.Fatal(err)
			}
			if got := mustState(t, s); !bytes.Equal(got, want) {
				t.Fatalf("state:\n%s\nwant\n%s", got, want)
			}
			for name := range tc.extra {
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), name)); !os.IsNotExist(err) {
					t.Errorf("the stale %s is still there (err %v)", name, err)
				}
			}
			// Writes go on, and survive another start.
			next := &journaled{t: t, path: path, s: s, n: 100}
			next.put()
			again, err := New(Config{DataFile: path})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := mustState(t, again), next.state(); !bytes.Equal(got, want) {
				t.Errorf("after a write and another start:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestJournalWriteFailure: when the journal cannot be written, the write saves a snapshot instead
// (and a new journal), so that the change is durable all the same and a line half written
// before the failure cannot corrupt the journal.
func TestJournalWriteFailure(t *testing.T) {
	j := newJournaled(t)
	j.put()
	j.put()
	// Replace the open journal by one that refuses writes.
	ro, err := os.Open(journalPath(j.path))
	if err != nil {
		t.Fatal(err)
	}
	j.s.journal.f = ro
	if aerr := j.s.update(func(st *state) *apiError {
		st.putProject(&project{ID: "FP-00000000000000FF", Seq: st.nextSeq(), Region: defaultRegion, Name: "refused"})
		return nil
	}); aerr != nil {
		t.Fatalf("the write failed: %v", aerr)
	}
	if j.s.journal.compact || j.s.journal.gen != 2 {
		t.Errorf("after the refused write: compact %v, generation %d, want false, 2", j.s.journal.compact, j.s.journal.gen)
	}
	j.put() // appended to the new journal
	again, err := New(Config{DataFile: j.path})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mustState(t, again), j.state(); !bytes.Equal(got, want) || !bytes.Contains(got, []byte("refused")) {
		t.Errorf("state after the restart:\n%s\nwant\n%s", got, want)
	}
}
