package emulator

import (
	"maps"
	"slices"
	"strconv"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

// maxEnvConf is the documented limit of a job's EnvConf.
const maxEnvConf = 1024

type resourceJSON struct {
	Path  string `json:"Path"`
	Alias string `json:"Alias"`
}

type resourceListJSON struct {
	Resource []resourceJSON `json:"Resource"`
}

// jobFields are the fields DescribeFlowJob and ListFlowJob items share: DescribeFlowJob.md's
// "返回参数" and the SDK's DescribeFlowJobResponse and Job (ListFlowJob has no page). Note the
// lower-case "mode" key and Adhoc as the string "true" or "false": page and SDK both say so.
// Neither has ClusterId, so it is not answered although CreateFlowJob and ModifyFlowJob take it.
type jobFields struct {
	ID                string           `json:"Id"`
	GmtCreate         int64            `json:"GmtCreate"`
	GmtModified       int64            `json:"GmtModified"`
	Name              string           `json:"Name"`
	Type              string           `json:"Type"`
	Description       string           `json:"Description"`
	FailAct           string           `json:"FailAct"`
	MaxRetry          int64            `json:"MaxRetry"`
	RetryInterval     int64            `json:"RetryInterval"`
	RetryPolicy       string           `json:"RetryPolicy"`
	MaxRunningTimeSec int64            `json:"MaxRunningTimeSec"`
	Params            string           `json:"Params"`
	ParamConf         string           `json:"ParamConf"`
	CustomVariables   string           `json:"CustomVariables"`
	EnvConf           string           `json:"EnvConf"`
	RunConf           string           `json:"RunConf"`
	MonitorConf       string           `json:"MonitorConf"`
	CategoryID        string           `json:"CategoryId"`
	Mode              string           `json:"mode"`
	Adhoc             string           `json:"Adhoc"`
	AlertConf         string           `json:"AlertConf"`
	ResourceList      resourceListJSON `json:"ResourceList"`
}

func jobFieldsOf(j *job) jobFields {
	out := jobFields{
		ID:                j.ID,
		GmtCreate:         j.GmtCreate,
		GmtModified:       j.GmtModified,
		Name:              j.Name,
		Type:              j.Type,
		Description:       j.Description,
		FailAct:           j.FailAct,
		MaxRetry:          j.MaxRetry,
		RetryInterval:     j.RetryInterval,
		RetryPolicy:       j.RetryPolicy,
		MaxRunningTimeSec: j.MaxRunningTimeSec,
		Params:            j.Params,
		ParamConf:         j.ParamConf,
		CustomVariables:   j.CustomVariables,
		EnvConf:           j.EnvConf,
		RunConf:           j.RunConf,
		MonitorConf:       j.MonitorConf,
		CategoryID:        j.CategoryID,
		Mode:              j.Mode,
		Adhoc:             strconv.FormatBool(j.Adhoc),
		AlertConf:         j.AlertConf,
		ResourceList:      resourceListJSON{Resource: []resourceJSON{}},
	}
	for _, r := range j.Resources {
		out.ResourceList.Resource = append(out.ResourceList.Resource, resourceJSON(r))
	}
	return out
}

type describeJobResponse struct {
	RequestID string `json:"RequestId"`
	jobFields
	LastInstanceID string `json:"LastInstanceId"`
	EditLockDetail string `json:"EditLockDetail"`
}

type jobItemJSON struct {
	jobFields
	LastInstanceDetail string `json:"LastInstanceDetail"`
}

type listJobResponse struct {
	pageResponse
	JobList struct {
		Job []jobItemJSON `json:"Job"`
	} `json:"JobList"`
}

// applyJobParams parses the job parameters present in a request into j (absent: unchanged;
// present and empty: cleared). Type is handled by the callers.
//
// On ModifyFlowJob only the parameters of ModifyFlowJob.md are read: Type, Adhoc and
// ParentCategory (CreateFlowJob.md's, not ModifyFlowJob.md's) are ignored, as the API gateway
// passes a backend only the parameters of the action's definition (assumption: the gateway
// ignores, rather than rejects, an undocumented parameter). So a job cannot change folder, type
// or ad-hoc flag in place. ignoreBare is SwitchIgnoreBareList (see resourceList).
func applyJobParams(p params, j *job, modify, ignoreBare bool) *apiError {
	p.setString("Name", &j.Name)
	p.setString("Description", &j.Description)
	p.setString("Params", &j.Params)
	p.setString("CustomVariables", &j.CustomVariables)
	p.setString("RetryPolicy", &j.RetryPolicy)
	p.setString("ClusterId", &j.ClusterID)
	if !modify {
		p.setString("ParentCategory", &j.CategoryID)
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"ParamConf", &j.ParamConf}, {"EnvConf", &j.EnvConf}, {"RunConf", &j.RunConf},
		{"MonitorConf", &j.MonitorConf}, {"AlertConf", &j.AlertConf},
	} {
		v, ok, err := p.optJSON(f.name)
		if err != nil {
			return err
		}
		if ok {
			*f.dst = v
		}
	}
	if len(j.EnvConf) > maxEnvConf {
		return errInvalid("EnvConf", "longer than 1024 bytes")
	}
	for _, f := range []struct {
		name    string
		dst     *string
		allowed []string
	}{
		{"Mode", &j.Mode, []string{"YARN", "LOCAL"}},
		{"FailAct", &j.FailAct, []string{"CONTINUE", "STOP"}},
	} {
		v, ok, err := p.optEnum(f.name, f.allowed...)
		if err != nil {
			return err
		}
		if ok {
			*f.dst = v
		}
	}
	for _, f := range []struct {
		name   string
		dst    *int64
		lo, hi int64
	}{
		{"MaxRetry", &j.MaxRetry, 0, 5},
		{"RetryInterval", &j.RetryInterval, 0, 300},
		{"MaxRunningTimeSec", &j.MaxRunningTimeSec, 0, 1<<31 - 1},
	} {
		v, ok, err := p.optIntRange(f.name, f.lo, f.hi)
		if err != nil {
			return err
		}
		if ok {
			*f.dst = v
		}
	}
	if !modify {
		if v, ok, err := p.optBool("Adhoc"); err != nil {
			return err
		} else if ok {
			j.Adhoc = v
		}
	}
	for _, name := range []string{"MaxRetry", "RetryInterval", "MaxRunningTimeSec", "Adhoc"} {
		if p.get(name) != "" && (name != "Adhoc" || !modify) {
			if j.Given == nil {
				j.Given = map[string]bool{}
			}
			j.Given[name] = true
		}
	}
	list, ok, err := p.resourceList(ignoreBare)
	if err != nil {
		return err
	}
	if ok {
		j.Resources = list
	}
	return nil
}

// checkJob applies the rules that need the state.
func (s *Server) checkJob(st *state, j *job) *apiError {
	if j.Name == "" {
		return errInvalid("Name", "must not be empty")
	}
	for _, o := range st.Jobs {
		if o.ID != j.ID && o.ProjectID == j.ProjectID && o.Name == j.Name {
			return errNameExists("Job", j.Name)
		}
	}
	if j.ClusterID != "" && !s.clusters[j.ClusterID] {
		return errClusterNotFound(j.ClusterID)
	}
	return checkCategory(st, j.ProjectID, j.CategoryID)
}

func (s *Server) createJob(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("ProjectId", "Name", "Type"); err != nil {
		return nil, err
	}
	if err := p.requirePresent("Description"); err != nil {
		return nil, err
	}
	if _, err := p.required("RegionId"); err != nil {
		return nil, err
	}
	j := &job{ProjectID: p.get("ProjectId"), Type: p.get("Type"), Region: c.region}
	if err := applyJobParams(p, j, false, s.switches.on(SwitchIgnoreBareList)); err != nil {
		return nil, err
	}
	return s.createInProject(c, j.ProjectID, "FJ-", func(st *state, id string) *apiError {
		if !vocab.IsJobType(j.Type) {
			return flowError("Invalid job type [%s]", j.Type)
		}
		j.ID = id
		return s.checkJob(st, j)
	}, func(st *state, seq, now int64) {
		j.Seq, j.GmtCreate, j.GmtModified = seq, now, now
		putRecord(st, recJob, st.Jobs, j.ID, j)
	})
}

// jobOf returns the job named by Id in the project named by ProjectId (project checked first).
func jobOf(st *state, c *call, projectID, id string) (*job, *apiError) {
	return inProject(st, c, projectID, st.Jobs[id], func(j *job) string { return j.ProjectID }, errJobNotFound(id))
}

// modifyJob implements ModifyFlowJob, documented (ModifyFlowJob.md) but absent from the Go SDK.
func (s *Server) modifyJob(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("Id", "ProjectId"); err != nil {
		return nil, err
	}
	if err := applyJobParams(p, &job{}, true, s.switches.on(SwitchIgnoreBareList)); err != nil {
		return nil, err
	}
	if err := s.refuseLocked("Flow Job", p.get("Id")); err != nil {
		return nil, err
	}
	return changeInProject(s, c, byID(jobOf), func(st *state, old *job) *apiError {
		nj := *old
		nj.Resources = slices.Clone(old.Resources)
		nj.Given = maps.Clone(old.Given)
		if err := applyJobParams(p, &nj, true, s.switches.on(SwitchIgnoreBareList)); err != nil {
			return err
		}
		if err := s.checkJob(st, &nj); err != nil {
			return err
		}
		nj.GmtModified = millis(c)
		putRecord(st, recJob, st.Jobs, nj.ID, &nj)
		return nil
	})
}

func (s *Server) describeJob(c *call) (any, *apiError) {
	return describeInProject(s, c, byID(jobOf), func(_ *state, j *job) describeJobResponse {
		return describeJobResponse{RequestID: c.requestID, jobFields: jobFieldsOf(j), EditLockDetail: s.editLockOf(j.ID)}
	})
}

func (s *Server) deleteJob(c *call) (any, *apiError) {
	return changeInProject(s, c, byID(jobOf), func(st *state, j *job) *apiError {
		dropRecord(st, recJob, st.Jobs, j.ID)
		return nil
	})
}

func (s *Server) listJobs(c *call) (any, *apiError) {
	p := c.p
	projectID, pg, aerr := p.projectPaging()
	if aerr != nil {
		return nil, aerr
	}
	adhoc, adhocSet, aerr := p.filterBool("Adhoc")
	if aerr != nil {
		return nil, aerr
	}
	id, name, typ := p.get("Id"), p.get("Name"), p.get("Type")
	var resp listJobResponse
	aerr = s.viewProject(c, projectID, func(st *state) {
		var match []*job
		for _, j := range sortedBySeq(st.Jobs, func(j *job) int64 { return j.Seq }) {
			switch {
			case j.ProjectID != projectID,
				id != "" && j.ID != id,
				name != "" && j.Name != name,
				typ != "" && j.Type != typ,
				adhocSet && j.Adhoc != adhoc:
				continue
			}
			match = append(match, j)
		}
		resp.pageResponse, resp.JobList.Job = answerPage(c, pg, match, func(j *job) jobItemJSON { return jobItemJSON{jobFields: jobFieldsOf(j)} })
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}
