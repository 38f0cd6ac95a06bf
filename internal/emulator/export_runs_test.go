package emulator

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
