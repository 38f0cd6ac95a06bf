package emrapi

import (
	"context"
	"sync"

	"golang.org/x/sync/singleflight"
)

// plannedSettings holds what this provider process knows of cluster settings (project id,
// cluster id) at plan time: those it has planned to create, and those whose existence it has
// already asked the API about. Terraform plans a whole configuration with one provider process,
// so a flow planned after the setting it needs (one that refers to it, or depends_on it) can tell
// that the setting will exist though the API does not have it yet, and a plan of many flows on
// one cluster asks the API once.
type plannedSettings struct {
	mu  sync.Mutex
	set map[[2]string]settingKnowledge
	// lookups makes the flows planned at once (Terraform plans ten at a time) that find the same
	// setting unknown share one question to the API, instead of asking it ten times.
	lookups singleflight.Group
}

type settingKnowledge int

const (
	settingUnknown settingKnowledge = iota
	settingPlanned
	settingExists
	settingMissing
)

func (p *plannedSettings) get(projectID, clusterID string) settingKnowledge {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.set[[2]string{projectID, clusterID}]
}

func (p *plannedSettings) note(projectID, clusterID string, k settingKnowledge) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.set == nil {
		p.set = map[[2]string]settingKnowledge{}
	}
	key := [2]string{projectID, clusterID}
	if p.set[key] == settingPlanned {
		return // what the plan will create wins over what the API has now
	}
	p.set[key] = k
}

// NotePlannedClusterSetting records that a cluster setting of projectID and clusterID is planned
// to be created.
func (c *Client) NotePlannedClusterSetting(projectID, clusterID string) {
	c.planned.note(projectID, clusterID, settingPlanned)
}

// ClusterSettingAtPlan reports whether the cluster setting of projectID and clusterID exists or
// is planned, asking the API (DescribeClusterSetting) only the first time in this process.
func (c *Client) ClusterSettingAtPlan(ctx context.Context, projectID, clusterID string) (bool, error) {
	switch c.planned.get(projectID, clusterID) {
	case settingPlanned, settingExists:
		return true, nil
	case settingMissing:
		return false, nil
	}
	known, err, _ := c.planned.lookups.Do(projectID+"\x00"+clusterID, func() (any, error) {
		_, err := c.DescribeClusterSetting(ctx, projectID, clusterID)
		switch {
		case err == nil:
			c.planned.note(projectID, clusterID, settingExists)
			return true, nil
		case IsNotFound(err):
			c.planned.note(projectID, clusterID, settingMissing)
			return false, nil
		default:
			return false, err
		}
	})
	if err != nil {
		return false, err
	}
	exists, _ := known.(bool) // the function above returns a bool or an error
	return exists || c.planned.get(projectID, clusterID) == settingPlanned, nil
}
