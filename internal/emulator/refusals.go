package emulator

import "sync"

// refusals are the writes the server answers with Data: false, without executing them: the answer
// every write page documents for "whether it succeeded" ("Data | Boolean | true | 是否成功"), which
// no page says when the server gives. A test hook (RefuseWithDataFalse) sets them.
type refusals struct {
	mu   sync.Mutex
	keys map[refusalKey]bool
}

type refusalKey struct{ action, object string }

// RefuseWithDataFalse makes every call of action whose ProjectId, Id or ClusterId is object answer
// {"Data": false} without being executed, until the returned function is called. object scopes the
// refusal to a test's own objects, as acceptance tests share one emulator.
func (s *Server) RefuseWithDataFalse(action, object string) (undo func()) {
	s.refusals.mu.Lock()
	defer s.refusals.mu.Unlock()
	if s.refusals.keys == nil {
		s.refusals.keys = map[refusalKey]bool{}
	}
	k := refusalKey{action, object}
	s.refusals.keys[k] = true
	return func() {
		s.refusals.mu.Lock()
		defer s.refusals.mu.Unlock()
		delete(s.refusals.keys, k)
	}
}

// refused tells whether the call is to be answered Data: false.
func (s *Server) refused(action string, p params) bool {
	s.refusals.mu.Lock()
	defer s.refusals.mu.Unlock()
	for _, param := range []string{"ProjectId", "Id", "ClusterId"} {
		if v := p.get(param); v != "" && s.refusals.keys[refusalKey{action, v}] {
			return true
		}
	}
	return false
}
