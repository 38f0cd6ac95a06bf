package emulator

// The -data journal. The data file (the snapshot) is rewritten only now and then; between two
// snapshots every committed change is appended to the journal beside it, path + ".journal", as
// a JSON entry holding the records the change touched (one line per write, see groupLine), and
// synced before the change is acknowledged. A write then costs what it changed, not the size of the state: rewriting
// the whole state on every write made creates fall from about 570 to about 230 per second as the
// state grew to 2,250 projects (issue 22).
//
// The journal's first line names the generation of the snapshot it continues; each snapshot
// holds its own generation. Compaction writes the next generation's snapshot (atomically, see
// writeFileAtomic), then replaces the journal by an empty one of that generation (atomically too),
// so that a crash between the steps leaves either the old snapshot and its journal, or the new
// snapshot and a journal of an older generation, which holds nothing the snapshot lacks and is
// ignored.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// journalFormat names the layout of the journal's header line.
const journalFormat = "emrflow-emulator-journal/1"

// minCompactBytes is the journal size below which the journal is not compacted even when it
// outgrows the snapshot, so that a small state is not rewritten every few writes.
const minCompactBytes = 1 << 20

// recordKind names a collection of the state.
type recordKind uint8

const (
	recProject recordKind = iota
	recFlow
	recJob
	recCategory
	recSession
	recInstance
	recSchedule
	recClusterSetting
	recProjectUser
)

// recordKey names one record of the state: its collection and its key there.
type recordKey struct {
	kind recordKind
	id   string
}

// touch records that the record id of kind was added, changed or removed under the write lock,
// so that the commit journals it. Every writer of the state's collections calls it (through
// putRecord and dropRecord, or itself for a run changed in place); with no data file (touched is
// nil) it does nothing.
func (st *state) touch(kind recordKind, id string) {
	if st.touched != nil {
		st.touched[recordKey{kind, id}] = struct{}{}
	}
}

// putRecord stores v under id in m, a collection of st, and records the change for the journal.
func putRecord[V any](st *state, kind recordKind, m map[string]V, id string, v V) {
	m[id] = v
	st.touch(kind, id)
}

// dropRecord removes id from m, a collection of st, and records the change for the journal.
func dropRecord[V any](st *state, kind recordKind, m map[string]V, id string) {
	delete(m, id)
	st.touch(kind, id)
}

// journalEntry is one line of the journal: the records a change touched, as they are after it
// (null: removed), and the state's sequence counter.
type journalEntry struct {
	Seq             int64                      `json:"seq"`
	Projects        map[string]*project        `json:"projects,omitempty"`
	Flows           map[string]*flow           `json:"flows,omitempty"`
	Jobs            map[string]*job            `json:"jobs,omitempty"`
	Categories      map[string]*category       `json:"categories,omitempty"`
	Sessions        map[string]*stsSession     `json:"stsSessions,omitempty"`
	Instances       map[string]*flowInstance   `json:"flowInstances,omitempty"`
	Schedules       map[string]*int64          `json:"schedules,omitempty"`
	ClusterSettings map[string]*clusterSetting `json:"clusterSettings,omitempty"`
	ProjectUsers    map[string]*projectUser    `json:"projectUsers,omitempty"`
}

// journalHeader is the journal's first line.
type journalHeader struct {
	Format     string `json:"format"`
	Generation int64  `json:"generation"`
}

// pick sets out[id] to the record of m under id, nil when there is none (removed).
func pick[T any](out *map[string]*T, m map[string]*T, id string) {
	if *out == nil {
		*out = map[string]*T{}
	}
	(*out)[id] = m[id]
}

// takeChanges encodes the records touched since the last commit as one journal entry, and
// forgets them.
func (st *state) takeChanges() ([]byte, error) {
	e := journalEntry{Seq: st.Seq}
	for k := range st.touched {
		switch k.kind {
		case recProject:
			pick(&e.Projects, st.Projects, k.id)
		case recFlow:
			pick(&e.Flows, st.Flows, k.id)
		case recJob:
			pick(&e.Jobs, st.Jobs, k.id)
		case recCategory:
			pick(&e.Categories, st.Categories, k.id)
		case recSession:
			pick(&e.Sessions, st.Sessions, k.id)
		case recInstance:
			pick(&e.Instances, st.Instances, k.id)
		case recClusterSetting:
			pick(&e.ClusterSettings, st.ClusterSettings, k.id)
		case recProjectUser:
			pick(&e.ProjectUsers, st.ProjectUsers, k.id)
		case recSchedule:
			if e.Schedules == nil {
				e.Schedules = map[string]*int64{}
			}
			e.Schedules[k.id] = nil
			if v, ok := st.Schedules[k.id]; ok {
				e.Schedules[k.id] = &v
			}
		}
	}
	clear(st.touched)
	entry, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("encoding a journal entry: %w", err)
	}
	return entry, nil
}

// groupLine is the journal line of the changes one write makes durable: the change's entry, or an
// array of the entries of several. One line per write, because only the last write can be torn by
// a crash (every earlier one was synced before the next began), and a torn last line is ignored:
// a crash that left a hole in the middle of a write of several lines would make the journal
// unloadable.
func groupLine(entries [][]byte) []byte {
	if len(entries) == 1 {
		return append(entries[0], '\n')
	}
	n := len(entries) + 2
	for _, e := range entries {
		n += len(e)
	}
	line := make([]byte, 0, n)
	line = append(line, '[')
	for i, e := range entries {
		if i > 0 {
			line = append(line, ',')
		}
		line = append(line, e...)
	}
	return append(line, ']', '\n')
}

// decodeLine decodes a journal line: one entry, or an array of them (see groupLine).
func decodeLine(line []byte) ([]journalEntry, error) {
	if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '[' {
		var group []journalEntry
		err := decodeStrict(line, &group)
		return group, err
	}
	var e journalEntry
	err := decodeStrict(line, &e)
	return []journalEntry{e}, err
}

// putAll applies one collection of a journal entry: a record replaces the one under its key, nil
// removes it.
func putAll[T any](dst *map[string]*T, src map[string]*T) {
	if len(src) > 0 && *dst == nil {
		*dst = map[string]*T{}
	}
	for id, v := range src {
		if v == nil {
			delete(*dst, id)
		} else {
			(*dst)[id] = v
		}
	}
}

// apply replays one journal entry onto the state.
func (st *state) apply(e *journalEntry) {
	st.Seq = max(st.Seq, e.Seq)
	putAll(&st.Projects, e.Projects)
	putAll(&st.Flows, e.Flows)
	putAll(&st.Jobs, e.Jobs)
	putAll(&st.Categories, e.Categories)
	putAll(&st.Sessions, e.Sessions)
	putAll(&st.Instances, e.Instances)
	putAll(&st.ClusterSettings, e.ClusterSettings)
	putAll(&st.ProjectUsers, e.ProjectUsers)
	if len(e.Schedules) > 0 && st.Schedules == nil {
		st.Schedules = map[string]int64{}
	}
	for id, v := range e.Schedules {
		if v == nil {
			delete(st.Schedules, id)
		} else {
			st.Schedules[id] = *v
		}
	}
	st.projectNames = nil // rebuilt on first use
}

// journalPath is the journal of the data file path.
func journalPath(dataFile string) string { return dataFile + ".journal" }

// replay is what reading the journal found.
type replay struct {
	entries int   // changes applied
	size    int64 // bytes of the journal file (0: none)
	// usable: the journal is of the snapshot's generation and ends with a whole line, so writes
	// may append to it; otherwise the next write compacts first.
	usable bool
}

// replayJournal applies the journal of the snapshot of generation gen to st. A missing or empty
// journal, or one of an older generation (a crash during compaction), holds nothing to replay.
// A last line that is not whole, or does not decode, was never acknowledged (its write did not
// finish) and is ignored; any other line that does not decode is an error naming the file and
// the line, and the journal is left as it is.
func replayJournal(path string, gen int64, st *state) (replay, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return replay{}, nil
	}
	if err != nil {
		return replay{}, fmt.Errorf("reading journal %s: %w", path, err)
	}
	r := replay{size: int64(len(raw))}
	if len(raw) == 0 {
		return r, nil
	}
	lines := bytes.SplitAfter(raw, []byte{'\n'})
	var h journalHeader
	if err := decodeStrict(lines[0], &h); err != nil || !bytes.HasSuffix(lines[0], []byte{'\n'}) {
		return r, fmt.Errorf("journal %s line 1 is corrupt: want a header naming the format %q", path, journalFormat)
	}
	if h.Format != journalFormat {
		return r, fmt.Errorf("journal %s has format %q, want %q", path, h.Format, journalFormat)
	}
	switch {
	case h.Generation < gen:
		return r, nil // left by a crash during compaction: the snapshot holds all of it
	case h.Generation > gen:
		return r, fmt.Errorf("journal %s continues generation %d of the data file, but the data file is generation %d", path, h.Generation, gen)
	}
	body := lines[1:]
	if n := len(body); n > 0 && len(body[n-1]) == 0 {
		body = body[:n-1] // SplitAfter's empty tail after the final newline
	}
	r.usable = true
	for i, line := range body {
		last := i == len(body)-1
		group, err := decodeLine(line)
		if err != nil || !bytes.HasSuffix(line, []byte{'\n'}) {
			if last {
				r.usable = false // a torn tail: compact before appending after it
				break
			}
			return r, fmt.Errorf("journal %s line %d is corrupt: %w", path, i+2, errOr(err, "not a whole line"))
		}
		for k := range group {
			st.apply(&group[k])
		}
		r.entries += len(group)
	}
	if r.entries > 0 {
		if err := st.check(); err != nil {
			return r, fmt.Errorf("journal %s is corrupt: %w", path, err)
		}
	}
	return r, nil
}

// decodeStrict decodes one JSON value of data into v, refusing unknown fields and trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err //nolint:wrapcheck // the callers name the file
	}
	if dec.More() {
		return errors.New("trailing data after the JSON document")
	}
	return nil
}

func errOr(err error, msg string) error {
	if err != nil {
		return err
	}
	return errors.New(msg)
}

// journal is the open journal of a data file; persistMu guards it.
type journal struct {
	path         string
	f            *os.File // open for appending; nil until the first write after a compaction
	gen          int64    // generation of the snapshot on disk, which the journal continues
	size         int64    // bytes of the journal file
	snapshotSize int64
	minCompact   int64 // minCompactBytes; tests lower it
	// compact: the next write must write a snapshot first (the journal is missing, stale, ends
	// with a torn line, or a write to it failed and may have left one).
	compact bool
}

// append writes lines to the journal and syncs them.
func (j *journal) append(lines []byte) error {
	if j.f == nil {
		f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return fmt.Errorf("opening journal: %w", err)
		}
		j.f = f
	}
	n, err := j.f.Write(lines)
	j.size += int64(n)
	if err != nil {
		return fmt.Errorf("writing journal %s: %w", j.path, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("syncing journal %s: %w", j.path, err)
	}
	return nil
}

// outgrown reports whether the journal has grown past the snapshot it continues (and past
// minCompactBytes), so that replaying it at the next start would take longer than loading a new
// snapshot: compacting then keeps the cost of each write bounded by what it changed, amortised.
func (j *journal) outgrown() bool {
	return j.size > max(j.snapshotSize, j.minCompact)
}

// restart replaces the journal by an empty one continuing the snapshot of generation gen.
func (j *journal) restart(gen int64) error {
	if j.f != nil {
		_ = j.f.Close() // nothing unsynced: every append synced
		j.f = nil
	}
	header, err := json.Marshal(journalHeader{Format: journalFormat, Generation: gen})
	if err != nil {
		return fmt.Errorf("encoding the journal header: %w", err)
	}
	header = append(header, '\n')
	if err := writeFileAtomic(j.path, header); err != nil {
		return err
	}
	j.size = int64(len(header))
	j.compact = false
	return nil
}
