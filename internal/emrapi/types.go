package emrapi

// This file is the contract between the client and its callers (the resources and data sources): the
// models they read and the inputs they send. They are our own types, not the SDK's, so that no other
// package imports the SDK and so that SDK quirks (the lower-case "mode" key, "Adhoc" as a string,
// requests.Integer) stop here.

// Flow is what DescribeFlow (and, partly, ListFlow) returns. DescribeFlow returns no project id; the
// client fills ProjectID from the request so callers always have it.
type Flow struct {
	ID                 string
	ProjectID          string
	Name               string
	Description        string
	ClusterID          string
	CreateCluster      bool
	CronExpr           string
	StartSchedule      int64 // milliseconds; 0 when unset
	EndSchedule        int64 // milliseconds; 0 when unset
	HostName           string
	Graph              string // console JSON, as the server stores it
	AlertConf          string // {"items":[...]} as the server stores it
	ParentFlowIDs      []string
	CategoryID         string // the parent category (folder); "" at the root
	Status             string // STOP_SCHEDULE or UNDER_SCHEDULE
	Periodic           bool
	Namespace          string
	LogArchiveLocation string
	Lifecycle          string
	Type               string
	GmtCreate          int64
	GmtModified        int64
	// EditLockDetail says who holds the flow open for editing in the console ("" when nobody):
	// DescribeFlow's string, format undocumented.
	EditLockDetail string
}

// FlowInput is the whole desired state of a flow, for CreateFlowForWeb and ModifyFlowForWeb.
//
// Modify sends every field, empty ones as empty parameters: the typed SDK requests drop empty
// values, and an optional attribute removed from a configuration must really be cleared on the
// server. (Assumption about the real API, mirrored by the emulator: a parameter present with an
// empty value clears the field; an absent one leaves it as it is.)
//
// The flow's region is the client's: call on Client.InRegion(region) for another one.
type FlowInput struct {
	ProjectID          string
	Name               string
	Description        string
	ClusterID          string
	CreateCluster      bool
	CronExpr           string
	StartSchedule      int64 // 0 = unset
	EndSchedule        int64 // 0 = unset
	HostName           string
	Graph              string
	AlertConf          string
	ParentFlowIDs      []string // sent comma-joined as ParentFlowList
	ParentCategory     string
	Namespace          string
	LogArchiveLocation string
	// Status is only sent by ModifyFlowForWeb, and only when not empty.
	Status string
	// Periodic is only sent by ModifyFlowForWeb (a documented input of ModifyFlow, not of
	// CreateFlowForWeb): whether the flow runs on its schedule.
	Periodic bool
}

// ListFlowsInput filters ListFlow; the client walks every page.
type ListFlowsInput struct {
	ProjectID string
	ID        string
	Name      string // exact name, as the API filters it
	ClusterID string
	Status    string
	PageSize  int // 0 = the client's default (100)
}

// Project is what DescribeFlowProject or ListFlowProject returns.
type Project struct {
	ID              string
	Name            string
	Description     string
	UserID          string
	ResourceGroupID string // only ListFlowProject may return it; DescribeFlowProject does not
	GmtCreate       int64
	GmtModified     int64
}

// ProjectInput is the desired state of a project.
type ProjectInput struct {
	Name            string
	Description     string
	ResourceGroupID string // create only
}

// ListProjectsInput filters ListFlowProject; the client walks every page.
type ListProjectsInput struct {
	Name            string
	ProjectID       string
	ResourceGroupID string
	PageSize        int
}

// JobResource is one item of a job's ResourceList.
type JobResource struct {
	Path  string
	Alias string
}

// Job is what DescribeFlowJob returns (Mode read from the lower-case "mode" key, Adhoc parsed
// from its string form).
type Job struct {
	ID                string
	ProjectID         string
	Name              string
	Type              string
	Description       string
	Params            string
	ParamConf         string
	CustomVariables   string
	EnvConf           string
	RunConf           string
	MonitorConf       string
	Mode              string
	FailAct           string
	MaxRetry          int64
	RetryInterval     int64
	RetryPolicy       string
	MaxRunningTimeSec int64
	// ClusterID is not an answer field of DescribeFlowJob.md, nor of the SDK's
	// DescribeFlowJobResponse or ListFlowJob's Job: the real API does not return it (the
	// emulator does not either), so it is "" but for a server that adds it. Do not rely on it.
	ClusterID      string
	Adhoc          bool
	CategoryID     string
	AlertConf      string
	Resources      []JobResource
	LastInstanceID string
	GmtCreate      int64
	GmtModified    int64
	// EditLockDetail says who holds the job open for editing in the console ("" when nobody):
	// DescribeFlowJob's string, format undocumented.
	EditLockDetail string
}

// JobInput is the whole desired state of a job for CreateFlowJob and ModifyFlowJob (ModifyFlowJob
// goes through the SDK's common request, since the SDK lacks it). Modify sends every field of
// ModifyFlowJob.md, as FlowInput does; Type, Adhoc and ParentCategory are create-only, and an
// empty Resources leaves the job's resources as they are on Modify (see Client.ModifyJob).
type JobInput struct {
	ProjectID         string
	Name              string
	Type              string // create only
	Description       string
	Params            string
	ParamConf         string
	CustomVariables   string
	EnvConf           string
	RunConf           string
	MonitorConf       string
	Mode              string
	FailAct           string
	MaxRetry          int64
	RetryInterval     int64
	RetryPolicy       string
	MaxRunningTimeSec int64
	ClusterID         string
	Adhoc             bool
	ParentCategory    string
	AlertConf         string
	Resources         []JobResource
}

// ListJobsInput filters ListFlowJob; the client walks every page.
type ListJobsInput struct {
	ProjectID string
	ID        string
	Name      string
	Type      string
	PageSize  int
}

// Category is a folder of flows or jobs.
type Category struct {
	ID           string
	ProjectID    string
	Name         string
	ParentID     string
	Type         string // FLOW or JOB
	CategoryType string // FILE or FOLDER
	ObjectType   string
	ObjectID     string
	GmtCreate    int64
	GmtModified  int64
}

// CategoryInput is the desired state of a category.
type CategoryInput struct {
	ProjectID string
	Name      string
	Type      string // create only: FLOW or JOB
	ParentID  string // "" = the root
}

// ListCategoriesInput filters ListFlowCategory; the client walks every page.
type ListCategoriesInput struct {
	ProjectID string
	ParentID  string
	Root      bool
	PageSize  int
}
