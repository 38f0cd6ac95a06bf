package emulator

// API versions the emulator serves.
const (
	versionEMR = "2016-04-08"
	versionSTS = "2015-04-01"
)

type actionKey struct {
	version string
	name    string
}

// action is one API action. Mutating actions are the ones -ambiguous-rate may fail after commit.
type action struct {
	mutating bool
	run      func(s *Server, c *call) (any, *apiError)
}

// actionTable maps (Version, Action) to its handler. Built per Server (a function, not a package
// variable) so that nothing global can be changed.
func actionTable() map[actionKey]action {
	emr := func(name string, mutating bool, run func(*Server, *call) (any, *apiError)) (actionKey, action) {
		return actionKey{version: versionEMR, name: name}, action{mutating: mutating, run: regionScoped(run)}
	}
	t := map[actionKey]action{}
	add := func(k actionKey, a action) { t[k] = a }

	add(emr("CreateFlowForWeb", true, (*Server).createFlow))
	add(emr("ModifyFlowForWeb", true, (*Server).modifyFlow))
	add(emr("DescribeFlow", false, (*Server).describeFlow))
	add(emr("DeleteFlow", true, (*Server).deleteFlow))
	add(emr("ListFlow", false, (*Server).listFlows))

	add(emr("CreateFlowProject", true, (*Server).createProject))
	add(emr("ModifyFlowProject", true, (*Server).modifyProject))
	add(emr("DescribeFlowProject", false, (*Server).describeProject))
	add(emr("DeleteFlowProject", true, (*Server).deleteProject))
	add(emr("ListFlowProject", false, (*Server).listProjects))

	add(emr("CreateFlowJob", true, (*Server).createJob))
	add(emr("ModifyFlowJob", true, (*Server).modifyJob))
	add(emr("DescribeFlowJob", false, (*Server).describeJob))
	add(emr("DeleteFlowJob", true, (*Server).deleteJob))
	add(emr("ListFlowJob", false, (*Server).listJobs))

	add(emr("CreateFlowCategory", true, (*Server).createCategory))
	add(emr("ModifyFlowCategory", true, (*Server).modifyCategory))
	add(emr("DescribeFlowCategory", false, (*Server).describeCategory))
	add(emr("DeleteFlowCategory", true, (*Server).deleteCategory))
	add(emr("ListFlowCategory", false, (*Server).listCategories))

	addRunActions(func(name string, mutating bool, run func(*Server, *call) (any, *apiError)) {
		add(emr(name, mutating, run))
	})
	for k, a := range membershipActions() {
		add(k, a)
	}

	// AssumeRole changes no flow state, so it is not "mutating" for the ambiguous-rate fault.
	add(actionKey{version: versionSTS, name: "AssumeRole"}, action{run: (*Server).assumeRole})
	return t
}

// regionScoped requires RegionId, which every doc page of the family lists as required
// (e.g. DescribeFlowJob.md, DeleteFlow.md: "RegionId | String | 是"). Objects live in the region
// that created them: a project is found only through its own region, and so, through their
// project, are its flows, jobs and categories (assumption: the pages only say that the region is
// required; regional endpoints make it so on the real service).
func regionScoped(run func(*Server, *call) (any, *apiError)) func(*Server, *call) (any, *apiError) {
	return func(s *Server, c *call) (any, *apiError) {
		if c.region == "" {
			return nil, errMissing("RegionId")
		}
		return run(s, c)
	}
}

// dataResponse is the answer of Modify and Delete actions.
type dataResponse struct {
	RequestID string `json:"RequestId"`
	Data      bool   `json:"Data"`
}

// idResponse is the answer of Create actions.
type idResponse struct {
	RequestID string `json:"RequestId"`
	ID        string `json:"Id"`
}

// pageResponse carries the paging fields of List actions.
type pageResponse struct {
	RequestID  string `json:"RequestId"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	Total      int    `json:"Total"`
}

func newPageResponse(c *call, pg page, total int) pageResponse {
	return pageResponse{RequestID: c.requestID, PageNumber: pg.number, PageSize: pg.size, Total: total}
}

// answerPage is page pg of match as a List* action answers it: the paging fields, with match's
// length as the total, and the page's items in the answer's shape (an empty list, never null).
func answerPage[T, J any](c *call, pg page, match []T, item func(T) J) (pageResponse, []J) {
	page := pageOf(pg, match)
	items := make([]J, 0, len(page))
	for _, x := range page {
		items = append(items, item(x))
	}
	return newPageResponse(c, pg, len(match)), items
}

// projectOf returns the project named by ProjectId in the call's region, or the flow-service
// error for a missing one (a project of another region does not exist here).
func projectOf(st *state, c *call, projectID string) (*project, *apiError) {
	p := st.Projects[projectID]
	if p == nil || p.Region != c.region {
		return nil, errProjectNotFound(projectID)
	}
	return p, nil
}

// checkCategory checks that a parent category (folder) exists in the project; "" is the root.
func checkCategory(st *state, projectID, categoryID string) *apiError {
	if categoryID == "" {
		return nil
	}
	if c := st.Categories[categoryID]; c == nil || c.ProjectID != projectID {
		return errCategoryNotFound(categoryID)
	}
	return nil
}

func millis(c *call) int64 { return c.now.UnixMilli() }
