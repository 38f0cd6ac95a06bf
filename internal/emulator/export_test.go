package emulator

import "fmt"

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
		s.st.Projects[id] = &project{ID: id, Seq: s.st.nextSeq(), Region: defaultRegion,
			Name: fmt.Sprintf("preloaded-%d", i), Description: "preloaded by a benchmark"}
	}
	if aerr := s.commitAndUnlock(); aerr != nil {
		return aerr
	}
	return nil
}
