package emrapi

import "sync"

// plannedSettings holds the cluster settings (project id, cluster id) that this provider process
// has planned to create. Terraform plans a whole configuration with one provider process, so a
// flow planned after the setting it needs (one that refers to it, or depends_on it) can tell that
// the setting will exist, though the API does not have it yet.
type plannedSettings struct {
	mu  sync.Mutex
	set map[[2]string]bool
}

// NotePlannedClusterSetting records that a cluster setting of projectID and clusterID is planned
// to be created.
func (c *Client) NotePlannedClusterSetting(projectID, clusterID string) {
	p := &c.core.planned
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.set == nil {
		p.set = map[[2]string]bool{}
	}
	p.set[[2]string{projectID, clusterID}] = true
}

// ClusterSettingPlanned reports whether NotePlannedClusterSetting recorded that setting.
func (c *Client) ClusterSettingPlanned(projectID, clusterID string) bool {
	p := &c.core.planned
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.set[[2]string{projectID, clusterID}]
}
