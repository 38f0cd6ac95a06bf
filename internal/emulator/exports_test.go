package emulator

import (
	"bytes"
	"fmt"
)

// SetPanicHook lets the external tests (the fuzz targets) see panics that ServeHTTP recovers, so
// that a recovered panic still fails them.
func SetPanicHook(s *Server, fn func(any)) { s.panicHook = fn }

// NonceCount reports how many nonces the server remembers.
func NonceCount(s *Server) int { return s.nonces.len() }

// Preload adds n projects to the state directly, then commits once (writing the data file, if
// any): the state a benchmark starts from, without n requests.
func Preload(s *Server, n int) error {
	s.mu.Lock()
	for i := range n {
		id := s.st.newID("FP-")
		s.st.putProject(&project{ID: id, Seq: s.st.nextSeq(), Region: defaultRegion,
			Name: fmt.Sprintf("preloaded-%d", i), Description: "preloaded by a benchmark"})
	}
	if aerr := s.commitAndUnlock(); aerr != nil {
		return aerr
	}
	return nil
}

// AddRunCheck adds a run condition for one test, the way a family registers its own (see
// runChecks); the returned function removes it. Tests using it must not run in parallel.
func AddRunCheck(fn func(flowID, projectID, clusterID string) error) (restore func()) {
	old := runChecks
	runChecks = append(append([]runCheck(nil), old...), func(_ *Server, _ *state, f *flow) *apiError {
		if err := fn(f.ID, f.ProjectID, f.ClusterID); err != nil {
			return flowError("%s", err.Error())
		}
		return nil
	})
	return func() { runChecks = old }
}

// ClusterAssociated exposes clusterAssociated to the external tests.
func ClusterAssociated(s *Server, region, projectID, clusterID string) bool {
	return s.clusterAssociated(region, projectID, clusterID)
}

// CheckDisk reports whether the data file and its journal, loaded as a start would, hold the
// state in memory. Only meaningful when no write is in flight.
func CheckDisk(s *Server) error {
	snap, err := loadState(s.dataFile)
	if err != nil {
		return err
	}
	if _, err := replayJournal(journalPath(s.dataFile), snap.gen, snap.st); err != nil {
		return err
	}
	disk, err := snap.st.marshal(0)
	if err != nil {
		return err
	}
	mem, err := StateJSON(s)
	if err != nil {
		return err
	}
	if !bytes.Equal(disk, mem) {
		at := 0
		for at < min(len(disk), len(mem)) && disk[at] == mem[at] {
			at++
		}
		from := max(0, at-200)
		return fmt.Errorf("the disk does not hold the state in memory, from byte %d:\ndisk:   %.400s\nmemory: %.400s", at, disk[from:], mem[from:])
	}
	return nil
}

// StateJSON is the state in memory, encoded as the data file holds it (generation 0).
func StateJSON(s *Server) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.marshal(0)
}
