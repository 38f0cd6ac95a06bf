package emulator

// ClusterAssociated exposes clusterAssociated to the external tests.
func ClusterAssociated(s *Server, region, projectID, clusterID string) bool {
	return s.clusterAssociated(region, projectID, clusterID)
}
