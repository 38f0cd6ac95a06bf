package emrapi

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"sync"

	"golang.org/x/sync/singleflight"
)

// jobTypeCache holds, per project, the types of its jobs by id as last listed. Every flow with JOB
// nodes checks them before it is written; without the cache each flow of an apply would list the
// project's jobs again (one extra ListFlowJob per flow create or update). The zero value is ready.
type jobTypeCache struct {
	mu      sync.Mutex
	entries map[string]map[string]string // project id → job id → type
	// gens counts the invalidations of each project: a list that was in flight when the project's
	// jobs changed may miss the change, so its result is returned to its callers but not cached,
	// and callers that arrive after the change do not join it.
	gens  map[string]uint64
	group singleflight.Group
}

// ProjectJobTypes returns the type of every job of a project, by job id. The project's jobs are
// listed (ListFlowJob) once per client and cached; concurrent callers for the same project share
// one list. The entry is dropped when this client creates, modifies or deletes a job of the
// project; jobs that others create later are not in it, so a caller that misses an id should ask
// for it directly (DescribeJob). Errors are not cached. The map is the caller's own copy.
func (c *Client) ProjectJobTypes(ctx context.Context, projectID string) (map[string]string, error) {
	jc := &c.jobTypes
	jc.mu.Lock()
	if m, ok := jc.entries[projectID]; ok {
		jc.mu.Unlock()
		return maps.Clone(m), nil
	}
	gen := jc.gens[projectID]
	jc.mu.Unlock()

	// The key holds the generation, so that a list started before an invalidation is not shared
	// with callers that come after it.
	key := projectID + "\x00" + strconv.FormatUint(gen, 10)
	ch := jc.group.DoChan(key, func() (any, error) {
		// The shared list must not die with the first caller's context (the others would all get
		// its cancellation): it runs without it, keeping its values (logging), bounded by the
		// client's per-attempt timeout and retry budget. Each caller stops waiting when its own
		// context is done.
		jobs, err := c.ListJobs(context.WithoutCancel(ctx), ListJobsInput{ProjectID: projectID})
		if err != nil {
			return nil, err
		}
		m := make(map[string]string, len(jobs))
		for _, j := range jobs {
			m[j.ID] = j.Type
		}
		jc.mu.Lock()
		defer jc.mu.Unlock()
		if jc.gens[projectID] == gen {
			if jc.entries == nil {
				jc.entries = map[string]map[string]string{}
			}
			jc.entries[projectID] = m
		}
		return m, nil
	})
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("ListFlowJob: waiting for the jobs of project %s: %w", projectID, ctx.Err())
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		m, ok := r.Val.(map[string]string)
		if !ok {
			return nil, fmt.Errorf("ListFlowJob: jobs of project %s: unexpected shared result %T", projectID, r.Val)
		}
		return maps.Clone(m), nil
	}
}

// invalidateJobs drops the cached jobs of a project, after this client changed them (or may have:
// it is called whatever the outcome of the write).
func (c *Client) invalidateJobs(projectID string) {
	jc := &c.jobTypes
	jc.mu.Lock()
	defer jc.mu.Unlock()
	delete(jc.entries, projectID)
	if jc.gens == nil {
		jc.gens = map[string]uint64{}
	}
	jc.gens[projectID]++
}
