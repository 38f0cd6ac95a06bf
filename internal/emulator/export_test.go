package emulator

// SetPanicHook lets the external tests (the fuzz targets) see panics that ServeHTTP recovers, so
// that a recovered panic still fails them.
func SetPanicHook(s *Server, fn func(any)) { s.panicHook = fn }

// NonceCount reports how many nonces the server remembers.
func NonceCount(s *Server) int { return s.nonces.len() }
