package emulator

import "sync"

// editLocks are the flows and jobs held open for editing in the console (a test hook,
// LockForEdit): DescribeFlow and DescribeFlowJob answer the lock in EditLockDetail (a string, its
// format undocumented), and ModifyFlowForWeb and ModifyFlowJob, sent by anyone but the console,
// are refused (assumption: no page documents the refusal or its message).
type editLocks struct {
	mu     sync.Mutex
	detail map[string]string // object id → EditLockDetail
}

// LockForEdit holds the flow or job id open for editing in the console, with detail as DescribeFlow
// (DescribeFlowJob) answers it in EditLockDetail, until the returned function is called.
func (s *Server) LockForEdit(id, detail string) (unlock func()) {
	s.locks.mu.Lock()
	defer s.locks.mu.Unlock()
	if s.locks.detail == nil {
		s.locks.detail = map[string]string{}
	}
	s.locks.detail[id] = detail
	return func() {
		s.locks.mu.Lock()
		defer s.locks.mu.Unlock()
		delete(s.locks.detail, id)
	}
}

// editLockOf returns the EditLockDetail of a flow or job ("" when it is not locked).
func (s *Server) editLockOf(id string) string {
	s.locks.mu.Lock()
	defer s.locks.mu.Unlock()
	return s.locks.detail[id]
}

// refuseLocked refuses a Modify of a locked flow or job (assumed wording).
func (s *Server) refuseLocked(kind, id string) *apiError {
	if detail := s.editLockOf(id); detail != "" {
		return flowError("%s is locked for editing by another user [%s]", kind, id)
	}
	return nil
}
