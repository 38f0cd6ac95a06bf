package emulator

import (
	"fmt"
	"slices"
	"strings"
)

const (
	statusStopSchedule  = "STOP_SCHEDULE"
	statusUnderSchedule = "UNDER_SCHEDULE"

	// flowType is a flow's Type: ListFlow.md says "目前只支持 EMR" (only EMR for now) and its
	// sample answer shows "Type":"EMR".
	flowType = "EMR"

	maxFlowName        = 64
	maxFlowDescription = 156
)

// flowFields are the fields DescribeFlow and ListFlow items share: the SDK's FlowItem (ListFlow.md's
// "返回参数" lists the same) and DescribeFlowResponse (DescribeFlow has no page).
type flowFields struct {
	ID                      string `json:"Id"`
	GmtCreate               int64  `json:"GmtCreate"`
	GmtModified             int64  `json:"GmtModified"`
	Name                    string `json:"Name"`
	Description             string `json:"Description"`
	Type                    string `json:"Type"`
	Status                  string `json:"Status"`
	Periodic                bool   `json:"Periodic"`
	StartSchedule           int64  `json:"StartSchedule"`
	EndSchedule             int64  `json:"EndSchedule"`
	CronExpr                string `json:"CronExpr"`
	CreateCluster           bool   `json:"CreateCluster"`
	ClusterID               string `json:"ClusterId"`
	HostName                string `json:"HostName"`
	Graph                   string `json:"Graph"`
	CategoryID              string `json:"CategoryId"`
	AlertConf               string `json:"AlertConf"`
	AlertUserGroupBizID     string `json:"AlertUserGroupBizId"`
	AlertDingDingGroupBizID string `json:"AlertDingDingGroupBizId"`
}

func flowFieldsOf(f *flow) flowFields {
	return flowFields{
		ID:                      f.ID,
		GmtCreate:               f.GmtCreate,
		GmtModified:             f.GmtModified,
		Name:                    f.Name,
		Description:             f.Description,
		Type:                    flowType,
		Status:                  f.Status,
		Periodic:                f.periodic(),
		StartSchedule:           f.StartSchedule,
		EndSchedule:             f.EndSchedule,
		CronExpr:                f.CronExpr,
		CreateCluster:           f.CreateCluster,
		ClusterID:               f.ClusterID,
		HostName:                f.HostName,
		Graph:                   f.Graph,
		CategoryID:              f.CategoryID,
		AlertConf:               f.AlertConf,
		AlertUserGroupBizID:     f.AlertUserGroupBizID,
		AlertDingDingGroupBizID: f.AlertDingDingGroupBizID,
	}
}

type parentFlowJSON struct {
	ParentFlowID   string `json:"ParentFlowId"`
	ProjectID      string `json:"ProjectId"`
	ParentFlowName string `json:"ParentFlowName"`
}

// describeFlowResponse: the SDK's DescribeFlowResponse, which, unlike its FlowItem (ListFlow), has
// Namespace, LogArchiveLocation and Lifecycle.
type describeFlowResponse struct {
	RequestID string `json:"RequestId"`
	flowFields
	Namespace          string `json:"Namespace"`
	LogArchiveLocation string `json:"LogArchiveLocation"`
	Lifecycle          string `json:"Lifecycle"`
	Application        string `json:"Application"`
	EditLockDetail     string `json:"EditLockDetail"`
	ParentFlowList     struct {
		ParentFlow []parentFlowJSON `json:"ParentFlow"`
	} `json:"ParentFlowList"`
}

type flowItemJSON struct {
	flowFields
	ProjectID string `json:"ProjectId"`
}

type listFlowResponse struct {
	pageResponse
	Flow struct {
		Flow []flowItemJSON `json:"Flow"`
	} `json:"Flow"`
}

// applyFlowParams parses the flow parameters present in a request into f: an absent parameter
// leaves the field alone, a present empty one clears it. Only type checks happen here; rules
// that need the state are in checkFlow.
func applyFlowParams(p params, f *flow, modify bool) *apiError {
	p.setString("Name", &f.Name)
	p.setString("Description", &f.Description)
	p.setString("ClusterId", &f.ClusterID)
	if v, ok, err := p.optBool("CreateCluster"); err != nil {
		return err
	} else if ok {
		f.CreateCluster = v
	}
	if v, ok := p.lookup("CronExpr"); ok {
		if v != "" && !validCron(v) {
			return errInvalid("CronExpr", "expected a Quartz expression of 6 or 7 fields")
		}
		f.CronExpr = v
	}
	for _, sched := range []struct {
		name string
		dst  *int64
	}{{"StartSchedule", &f.StartSchedule}, {"EndSchedule", &f.EndSchedule}} {
		v, ok, err := p.optInt(sched.name)
		if err != nil {
			return err
		}
		if v < 0 {
			return errInvalid(sched.name, "expected a timestamp in milliseconds")
		}
		if ok {
			*sched.dst = v
		}
	}
	p.setString("HostName", &f.HostName)
	p.setString("Namespace", &f.Namespace)
	p.setString("LogArchiveLocation", &f.LogArchiveLocation)
	p.setString("Lifecycle", &f.Lifecycle)
	p.setString("AlertUserGroupBizId", &f.AlertUserGroupBizID)
	p.setString("AlertDingDingGroupBizId", &f.AlertDingDingGroupBizID)
	if v, ok := p.lookup("Graph"); ok {
		g, err := normalizeGraph(v)
		if err != nil {
			return err
		}
		f.Graph = g
	}
	if v, ok, err := p.optJSON("AlertConf"); err != nil {
		return err
	} else if ok {
		f.AlertConf = v
	}
	if v, ok := p.lookup("ParentFlowList"); ok {
		f.ParentFlowIDs = splitIDs(v)
	}
	p.setString("ParentCategory", &f.CategoryID)
	if !modify {
		return nil
	}
	// Periodic is a parameter of ModifyFlow.md (and the SDK's ModifyFlowForWebRequest): a present,
	// non-empty value sets it; absent, the flow keeps following its CronExpr. Status cannot be
	// cleared: an empty one leaves it as it is.
	if v, ok, err := p.optBool("Periodic"); err != nil {
		return err
	} else if ok && p.get("Periodic") != "" {
		f.Periodic = &v
	}
	if v, ok, err := p.optEnum("Status", statusStopSchedule, statusUnderSchedule); err != nil {
		return err
	} else if ok && v != "" {
		f.Status = v
	}
	return nil
}

// validCron accepts a Quartz expression by its shape (6 or 7 fields); the scheduler that would
// parse it further does not exist in the emulator.
func validCron(v string) bool {
	n := len(strings.Fields(v))
	return n == 6 || n == 7
}

// checkFlow applies the rules that need the state, in the order the service reports them.
func (s *Server) checkFlow(st *state, f *flow) *apiError {
	if f.Name == "" {
		return errInvalid("Name", "must not be empty")
	}
	// ModifyFlow.md: a name "长度限制为64个字符", a description "长度限制为156个字符" (the
	// answer to a longer one is not documented: InvalidParameter is an assumption).
	if n := len([]rune(f.Name)); n > maxFlowName {
		return errInvalid("Name", fmt.Sprintf("longer than %d characters (%d)", maxFlowName, n))
	}
	if n := len([]rune(f.Description)); n > maxFlowDescription {
		return errInvalid("Description", fmt.Sprintf("longer than %d characters (%d)", maxFlowDescription, n))
	}
	for _, o := range st.Flows {
		if o.ID != f.ID && o.ProjectID == f.ProjectID && o.Name == f.Name {
			return errNameExists("Flow", f.Name)
		}
	}
	if aerr := s.checkCluster(f.ClusterID, f.CreateCluster); aerr != nil {
		return aerr
	}
	for _, id := range f.ParentFlowIDs {
		if pf := st.Flows[id]; pf == nil || pf.Region != f.Region {
			return flowError("Parent flow does not exist [%s]", id)
		}
	}
	if aerr := checkCategory(st, f.ProjectID, f.CategoryID); aerr != nil {
		return aerr
	}
	if f.CronExpr != "" && f.StartSchedule == 0 {
		return flowError("StartSchedule is required when CronExpr is set")
	}
	if f.StartSchedule != 0 && f.EndSchedule != 0 && f.StartSchedule >= f.EndSchedule {
		return flowError("StartSchedule must be less than EndSchedule")
	}
	if f.Status == statusUnderSchedule && !f.periodic() {
		return flowError("Flow is not periodic [%s]", f.ID)
	}
	return nil
}

// checkCluster checks a flow's cluster: a seeded C- cluster, or a seeded CT- template when the
// flow creates its cluster.
func (s *Server) checkCluster(id string, createCluster bool) *apiError {
	if !s.clusters[id] || strings.HasPrefix(id, "CT-") != createCluster {
		return errClusterNotFound(id)
	}
	return nil
}

func (s *Server) createFlow(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("ProjectId", "ClusterId", "CreateCluster", "Name"); err != nil {
		return nil, err
	}
	if err := p.requirePresent("Description"); err != nil {
		return nil, err
	}
	if _, err := p.required("RegionId"); err != nil {
		return nil, err
	}
	f := &flow{ProjectID: p.get("ProjectId"), Status: statusStopSchedule, Region: c.region}
	if err := applyFlowParams(p, f, false); err != nil {
		return nil, err
	}
	return s.createInProject(c, f.ProjectID, "F-", func(st *state, id string) *apiError {
		f.ID = id
		return s.checkFlow(st, f)
	}, func(st *state, seq, now int64) {
		f.Seq, f.GmtCreate, f.GmtModified = seq, now, now
		putRecord(st, recFlow, st.Flows, f.ID, f)
	})
}

// flowOf returns the flow named by Id in the project named by ProjectId: the project is checked
// first, and a flow of another project does not exist here.
func flowOf(st *state, c *call, projectID, id string) (*flow, *apiError) {
	return inProject(st, c, projectID, st.Flows[id], func(f *flow) string { return f.ProjectID }, errFlowNotFound(id))
}

func (s *Server) modifyFlow(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("Id", "ProjectId"); err != nil {
		return nil, err
	}
	if err := p.requirePresent("Graph"); err != nil {
		return nil, err
	}
	if err := p.requireAll("ClusterId", "CreateCluster"); err != nil {
		return nil, err
	}
	// Parse once against a scratch flow so that type errors (gateway) come before existence
	// checks (service), as they would at the real gateway.
	if err := applyFlowParams(p, &flow{}, true); err != nil {
		return nil, err
	}
	if err := s.refuseLocked("Flow", p.get("Id")); err != nil {
		return nil, err
	}
	return changeInProject(s, c, byID(flowOf), func(st *state, old *flow) *apiError {
		nf := *old
		nf.ParentFlowIDs = slices.Clone(old.ParentFlowIDs)
		if old.Periodic != nil {
			v := *old.Periodic
			nf.Periodic = &v
		}
		if err := applyFlowParams(p, &nf, true); err != nil {
			return err
		}
		if err := s.checkFlow(st, &nf); err != nil {
			return err
		}
		nf.GmtModified = millis(c)
		putRecord(st, recFlow, st.Flows, nf.ID, &nf)
		return nil
	})
}

func (s *Server) describeFlow(c *call) (any, *apiError) {
	return describeInProject(s, c, byID(flowOf), func(st *state, f *flow) describeFlowResponse {
		var resp describeFlowResponse
		resp.RequestID = c.requestID
		resp.flowFields = flowFieldsOf(f)
		resp.Namespace, resp.LogArchiveLocation, resp.Lifecycle = f.Namespace, f.LogArchiveLocation, f.Lifecycle
		resp.Application = applicationOf(f.Graph, f.ClusterID)
		resp.EditLockDetail = s.editLockOf(f.ID)
		resp.ParentFlowList.ParentFlow = []parentFlowJSON{}
		for _, id := range f.ParentFlowIDs {
			pf := parentFlowJSON{ParentFlowID: id}
			// A parent deleted since keeps its id, with no name: the dependency is still declared.
			if parent := st.Flows[id]; parent != nil && parent.Region == f.Region {
				pf.ProjectID, pf.ParentFlowName = parent.ProjectID, parent.Name
			}
			resp.ParentFlowList.ParentFlow = append(resp.ParentFlowList.ParentFlow, pf)
		}
		return resp
	})
}

// deleteFlow refuses a flow with a run in progress: "A running workflow cannot be deleted"
// (console guide, "Edit a workflow"; errFlowRunning).
func (s *Server) deleteFlow(c *call) (any, *apiError) {
	if aerr := s.advanceRuns(c.now); aerr != nil {
		return nil, aerr
	}
	return changeInProject(s, c, byID(flowOf), func(st *state, f *flow) *apiError {
		if err := st.errFlowRunning(f); err != nil {
			return err
		}
		dropRecord(st, recFlow, st.Flows, f.ID)
		return nil
	})
}

func (s *Server) listFlows(c *call) (any, *apiError) {
	p := c.p
	pg, aerr := p.paging()
	if aerr != nil {
		return nil, aerr
	}
	periodic, periodicSet, aerr := p.filterBool("Periodic")
	if aerr != nil {
		return nil, aerr
	}
	projectID, id, name, clusterID, jobID, status :=
		p.get("ProjectId"), p.get("Id"), p.get("Name"), p.get("ClusterId"), p.get("JobId"), p.get("Status")
	var resp listFlowResponse
	aerr = s.view(func(st *state) *apiError {
		if projectID != "" {
			if _, err := projectOf(st, c, projectID); err != nil {
				return err
			}
		}
		var match []*flow
		for _, f := range sortedBySeq(st.Flows, func(f *flow) int64 { return f.Seq }) {
			switch {
			case f.Region != c.region,
				projectID != "" && f.ProjectID != projectID,
				id != "" && f.ID != id,
				name != "" && f.Name != name,
				clusterID != "" && f.ClusterID != clusterID,
				status != "" && f.Status != status,
				periodicSet && f.periodic() != periodic,
				jobID != "" && !slices.Contains(graphJobIDs(f.Graph), jobID):
				continue
			}
			match = append(match, f)
		}
		resp.pageResponse, resp.Flow.Flow = answerPage(c, pg, match, func(f *flow) flowItemJSON {
			return flowItemJSON{flowFields: flowFieldsOf(f), ProjectID: f.ProjectID}
		})
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}
