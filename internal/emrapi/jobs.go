package emrapi

import (
	"cmp"
	"context"
	"iter"
	"strconv"
)

// CreateJob creates a job (CreateFlowJob) and returns its id. The large fields (params and the JSON
// confs) travel in the body, as the SDK sends them.
func (c *Client) CreateJob(ctx context.Context, in JobInput) (string, error) {
	cl := newCall("CreateFlowJob", create)
	setJobFields(cl, in, false)
	cl.set("Type", in.Type).
		set("Adhoc", strconv.FormatBool(in.Adhoc)).
		opt("ParentCategory", in.ParentCategory)
	defer c.invalidateJobs(in.ProjectID) // whatever the outcome: a failed create may have run
	var out idAnswer
	if err := c.do(ctx, cl, &out); err != nil {
		return "", err
	}
	return out.id(cl.action)
}

// DescribeJob reads a job; a missing one is a *NotFoundError. ProjectID is filled from projectID;
// Mode is read from the lower-case "mode" key and Adhoc from its string form.
func (c *Client) DescribeJob(ctx context.Context, projectID, id string) (*Job, error) {
	cl := newCall("DescribeFlowJob", idempotent).set("ProjectId", projectID).set("Id", id)
	var out jobJSON
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, notFound(err, "job", id)
	}
	j := out.job()
	j.ProjectID = projectID
	j.ID = cmp.Or(j.ID, id)
	return &j, nil
}

// ModifyJob replaces the whole state of a job. ModifyFlowJob is documented but missing from the
// SDK; like every call here it is a common request. Every documented field is sent, empty ones as
// empty parameters. Its documented parameters have no Type, ParentCategory or Adhoc, so those are
// not sent (in.ParentCategory and in.Adhoc are ignored); ResourceList.N.Path is documented as
// required, so the resources are sent only when there are some (an empty list is not sent).
func (c *Client) ModifyJob(ctx context.Context, id string, in JobInput) error {
	cl := newCall("ModifyFlowJob", idempotent).set("Id", id)
	setJobFields(cl, in, true)
	defer c.invalidateJobs(in.ProjectID)
	return c.do(ctx, cl, nil)
}

// DeleteJob deletes a job.
func (c *Client) DeleteJob(ctx context.Context, projectID, id string) error {
	defer c.invalidateJobs(projectID)
	return c.do(ctx, newCall("DeleteFlowJob", idempotent).set("ProjectId", projectID).set("Id", id), nil)
}

// ListJobs returns every job of a project that matches in, walking all pages.
func (c *Client) ListJobs(ctx context.Context, in ListJobsInput) ([]Job, error) {
	return collect(c.JobPages(ctx, in))
}

// JobPages yields the jobs of a project that match in page by page, as the pages arrive.
func (c *Client) JobPages(ctx context.Context, in ListJobsInput) iter.Seq2[[]Job, error] {
	base := newCall("ListFlowJob", idempotent).
		set("ProjectId", in.ProjectID).
		opt("Id", in.ID).
		opt("Name", in.Name).
		opt("Type", in.Type)
	return pages(ctx, c, base, in.PageSize, func(p *jobPage) []Job {
		return convertItems(p.JobList.Job, func(item *jobJSON) Job {
			j := item.job()
			j.ProjectID = cmp.Or(j.ProjectID, in.ProjectID)
			return j
		})
	})
}

// FindJobByName returns the job of a project with exactly that name, or a *NotFoundError.
func (c *Client) FindJobByName(ctx context.Context, projectID, name string) (*Job, error) {
	jobs, err := c.ListJobs(ctx, ListJobsInput{ProjectID: projectID, Name: name})
	if err != nil {
		return nil, err
	}
	return findOne(jobs, "job", name, func(j Job) string { return j.Name })
}

// setJobFields sends the fields CreateFlowJob and ModifyFlowJob share, the large ones (params and
// the JSON confs) in the body as the SDK sends them. whole is Modify's rule (see fieldSetters).
func setJobFields(cl *call, in JobInput, whole bool) {
	put, putBody := cl.fieldSetters(whole)
	cl.set("ProjectId", in.ProjectID).
		set("Name", in.Name).
		setBody("Description", in.Description).
		set("MaxRetry", strconv.FormatInt(in.MaxRetry, 10)).
		set("RetryInterval", strconv.FormatInt(in.RetryInterval, 10)).
		set("MaxRunningTimeSec", strconv.FormatInt(in.MaxRunningTimeSec, 10))
	putBody("Params", in.Params)
	putBody("ParamConf", in.ParamConf)
	putBody("CustomVariables", in.CustomVariables)
	putBody("EnvConf", in.EnvConf)
	putBody("RunConf", in.RunConf)
	putBody("MonitorConf", in.MonitorConf)
	put("Mode", in.Mode)
	put("FailAct", in.FailAct)
	put("RetryPolicy", in.RetryPolicy)
	put("ClusterId", in.ClusterID)
	put("AlertConf", in.AlertConf)
	setResources(cl, in.Resources)
}

// setResources sends ResourceList.N.Path and ResourceList.N.Alias (1-based) in the body.
func setResources(cl *call, resources []JobResource) {
	for i, r := range resources {
		prefix := "ResourceList." + strconv.Itoa(i+1) + "."
		cl.setBody(prefix+"Path", r.Path)
		cl.setBody(prefix+"Alias", r.Alias)
	}
}

type jobJSON struct {
	ID                flexString `json:"Id"`
	ProjectID         flexString `json:"ProjectId"`
	Name              flexString `json:"Name"`
	Type              flexString `json:"Type"`
	Description       flexString `json:"Description"`
	Params            flexString `json:"Params"`
	ParamConf         flexString `json:"ParamConf"`
	CustomVariables   flexString `json:"CustomVariables"`
	EnvConf           flexString `json:"EnvConf"`
	RunConf           flexString `json:"RunConf"`
	MonitorConf       flexString `json:"MonitorConf"`
	Mode              flexString `json:"mode"` // sic: the API's only lower-case key
	FailAct           flexString `json:"FailAct"`
	MaxRetry          flexInt64  `json:"MaxRetry"`
	RetryInterval     flexInt64  `json:"RetryInterval"`
	RetryPolicy       flexString `json:"RetryPolicy"`
	MaxRunningTimeSec flexInt64  `json:"MaxRunningTimeSec"`
	ClusterID         flexString `json:"ClusterId"` // not documented as an answer field: see Job.ClusterID
	Adhoc             flexBool   `json:"Adhoc"`     // a string ("true") in the answer
	CategoryID        flexString `json:"CategoryId"`
	AlertConf         flexString `json:"AlertConf"`
	LastInstanceID    flexString `json:"LastInstanceId"`
	GmtCreate         flexInt64  `json:"GmtCreate"`
	GmtModified       flexInt64  `json:"GmtModified"`
	EditLockDetail    flexString `json:"EditLockDetail"`
	ResourceList      struct {
		Resource []struct {
			Path  flexString `json:"Path"`
			Alias flexString `json:"Alias"`
		} `json:"Resource"`
	} `json:"ResourceList"`
}

func (j *jobJSON) job() Job {
	out := Job{
		ID:                string(j.ID),
		ProjectID:         string(j.ProjectID),
		Name:              string(j.Name),
		Type:              string(j.Type),
		Description:       string(j.Description),
		Params:            string(j.Params),
		ParamConf:         string(j.ParamConf),
		CustomVariables:   string(j.CustomVariables),
		EnvConf:           string(j.EnvConf),
		RunConf:           string(j.RunConf),
		MonitorConf:       string(j.MonitorConf),
		Mode:              string(j.Mode),
		FailAct:           string(j.FailAct),
		MaxRetry:          int64(j.MaxRetry),
		RetryInterval:     int64(j.RetryInterval),
		RetryPolicy:       string(j.RetryPolicy),
		MaxRunningTimeSec: int64(j.MaxRunningTimeSec),
		ClusterID:         string(j.ClusterID),
		Adhoc:             bool(j.Adhoc),
		CategoryID:        string(j.CategoryID),
		AlertConf:         string(j.AlertConf),
		LastInstanceID:    string(j.LastInstanceID),
		GmtCreate:         int64(j.GmtCreate),
		GmtModified:       int64(j.GmtModified),
		EditLockDetail:    editLock(string(j.EditLockDetail)),
	}
	for _, r := range j.ResourceList.Resource {
		out.Resources = append(out.Resources, JobResource{Path: string(r.Path), Alias: string(r.Alias)})
	}
	return out
}

type jobPage struct {
	pageInfo
	JobList struct {
		Job []jobJSON `json:"Job"`
	} `json:"JobList"`
}
