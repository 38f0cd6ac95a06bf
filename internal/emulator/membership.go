package emulator

// The project's cluster settings and members, and the cluster lists of data development:
//
//   - CreateFlowProjectClusterSetting, DescribeFlowProjectClusterSetting,
//     ModifyFlowProjectClusterSetting, DeleteFlowProjectClusterSetting (reference/api/ pages of the
//     same names) and ListFlowProjectClusterSetting (no page: the SDK's types);
//   - CreateFlowProjectUser and ListFlowProjectUser (no page: the SDK's types) and
//     DeleteFlowProjectUser (its page);
//   - ListFlowCluster (the clusters a project may use), ListFlowClusterAll (the clusters of the
//     region that data development may use) and ListFlowClusterAllHosts (the hosts a setting may
//     whitelist), from their pages.
//
// The console guide ("Manage a workflow project") says why they exist: a project must be
// associated with a cluster before its flows can run there, with a default submit user and queue
// and whitelists of users, queues and client hosts; members are RAM users who may develop the
// project's jobs and flows. EMULATOR.md lists what the pages leave silent and what the emulator
// assumes there.

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Defaults of a cluster setting, from CreateFlowProjectClusterSetting's page ("默认值为 default",
// "默认值为hadoop").
const (
	defaultSubmitUser  = "hadoop"
	defaultSubmitQueue = "default"
)

// clusterCreateTime is the creation time every seeded cluster reports (2020-01-01T00:00:00Z): a
// constant, so that lists are the same across restarts.
const clusterCreateTime int64 = 1577836800000

// membership is the part of the state this file keeps: embedded in state, so that it is persisted
// with the rest and its keys sit at the top level of the data file.
type membership struct {
	// ClusterSettings are keyed by settingKey(project, cluster).
	ClusterSettings map[string]*clusterSetting `json:"clusterSettings,omitempty"`
	// ProjectUsers are keyed by memberKey(project, user name).
	ProjectUsers map[string]*projectUser `json:"projectUsers,omitempty"`
}

type clusterSetting struct {
	ProjectID    string   `json:"projectId"`
	ClusterID    string   `json:"clusterId"`
	Seq          int64    `json:"seq"`
	DefaultUser  string   `json:"defaultUser"`
	DefaultQueue string   `json:"defaultQueue"`
	Users        []string `json:"users,omitempty"`
	Queues       []string `json:"queues,omitempty"`
	Hosts        []string `json:"hosts,omitempty"`
	GmtCreate    int64    `json:"gmtCreate"`
	GmtModified  int64    `json:"gmtModified"`
}

type projectUser struct {
	ProjectID   string `json:"projectId"`
	UserName    string `json:"userName"`
	UserID      string `json:"userId"`
	Seq         int64  `json:"seq"`
	GmtCreate   int64  `json:"gmtCreate"`
	GmtModified int64  `json:"gmtModified"`
}

func settingKey(projectID, clusterID string) string { return projectID + "/" + clusterID }
func memberKey(projectID, userName string) string   { return projectID + "/" + userName }

// checkMembership makes sure the loaded settings and members are consistent with their keys and
// belong to existing projects.
func (st *state) checkMembership() error {
	for k, cs := range st.ClusterSettings {
		if cs == nil || k != settingKey(cs.ProjectID, cs.ClusterID) || st.Projects[cs.ProjectID] == nil {
			return fmt.Errorf("cluster setting %q: bad record or unknown project", k)
		}
	}
	for k, u := range st.ProjectUsers {
		if u == nil || k != memberKey(u.ProjectID, u.UserName) || st.Projects[u.ProjectID] == nil {
			return fmt.Errorf("project user %q: bad record or unknown project", k)
		}
	}
	return nil
}

// dropMembership forgets a deleted project's cluster settings and members. Assumption (the pages
// are silent): they are parts of the project (tabs of its page in the console), not content that
// keeps DeleteFlowProject from deleting it, as flows, jobs and folders do.
func (st *state) dropMembership(projectID string) {
	for k, cs := range st.ClusterSettings {
		if cs.ProjectID == projectID {
			dropRecord(st, recClusterSetting, st.ClusterSettings, k)
		}
	}
	for k, u := range st.ProjectUsers {
		if u.ProjectID == projectID {
			dropRecord(st, recProjectUser, st.ProjectUsers, k)
		}
	}
}

// membershipActions are the actions of this file, for actionTable.
func membershipActions() map[actionKey]action {
	emr := func(name string, mutating bool, run func(*Server, *call) (any, *apiError)) (actionKey, action) {
		return actionKey{version: versionEMR, name: name}, action{mutating: mutating, run: run}
	}
	t := map[actionKey]action{}
	for _, a := range []struct {
		name     string
		mutating bool
		run      func(*Server, *call) (any, *apiError)
	}{
		{"CreateFlowProjectClusterSetting", true, (*Server).createClusterSetting},
		{"DescribeFlowProjectClusterSetting", false, (*Server).describeClusterSetting},
		{"ModifyFlowProjectClusterSetting", true, (*Server).modifyClusterSetting},
		{"DeleteFlowProjectClusterSetting", true, (*Server).deleteClusterSetting},
		{"ListFlowProjectClusterSetting", false, (*Server).listClusterSettings},
		{"CreateFlowProjectUser", true, (*Server).createProjectUsers},
		{"DeleteFlowProjectUser", true, (*Server).deleteProjectUser},
		{"ListFlowProjectUser", false, (*Server).listProjectUsers},
		{"ListFlowCluster", false, (*Server).listFlowClusters},
		{"ListFlowClusterAll", false, (*Server).listFlowClustersAll},
		{"ListFlowClusterAllHosts", false, (*Server).listFlowClusterAllHosts},
	} {
		k, v := emr(a.name, a.mutating, a.run)
		t[k] = v
	}
	return t
}

// clusterAssociated reports whether a cluster setting associates clusterID with projectID: the
// console guide says a project's flows run only on a cluster associated with it. The runs
// (SubmitFlow and friends) refuse a flow whose cluster is not. region is accepted for when objects
// are scoped by region; project ids are unique across regions, so the answer does not depend on it.
func (s *Server) clusterAssociated(region, projectID, clusterID string) bool {
	_ = region
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.ClusterSettings[settingKey(projectID, clusterID)] != nil
}

// ---- clusters and their hosts ----

// flowClusterIDs returns the seeded clusters that data development may use, sorted: the C-
// clusters. Cluster templates (CT-) are not clusters: the guide's "Add Cluster" menu lists
// subscription and pay-as-you-go clusters only, not the clusters that temporary jobs create.
func (s *Server) flowClusterIDs() []string {
	var ids []string
	for id := range s.clusters {
		if strings.HasPrefix(id, "C-") {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// clusterHost is a host of a seeded cluster that a cluster setting may whitelist. The page of
// CreateFlowProjectClusterSetting: "提交机器白名单列表, 只支持 gateway 和 master 机器" (only
// gateway and master machines); the emulator gives every cluster one of each, named as the
// pages' samples name hosts (emr-header-1.cluster-500159692).
type clusterHost struct {
	Name, Role string
}

func clusterHosts(clusterID string) []clusterHost {
	suffix := strings.ToLower(strings.TrimPrefix(clusterID, "C-"))
	return []clusterHost{
		{Name: "emr-header-1.cluster-" + suffix, Role: "MASTER"},
		{Name: "emr-gateway-1.cluster-" + suffix, Role: "GATEWAY"},
	}
}

type clusterInfoJSON struct {
	ID                  string         `json:"Id"`
	Name                string         `json:"Name"`
	Type                string         `json:"Type"`
	Status              string         `json:"Status"`
	ChargeType          string         `json:"ChargeType"`
	CreateResource      string         `json:"CreateResource"`
	CreateTime          int64          `json:"CreateTime"`
	RunningTime         int64          `json:"RunningTime"`
	HasUncompletedOrder bool           `json:"HasUncompletedOrder"`
	FailReason          map[string]any `json:"FailReason"`
	OrderTaskInfo       map[string]any `json:"OrderTaskInfo"`
}

// clusterInfo describes a seeded cluster as the ListFlowCluster* samples do: an idle
// pay-as-you-go Hadoop cluster. Its name is derived from its id.
func clusterInfo(c *call, id string) clusterInfoJSON {
	return clusterInfoJSON{
		ID:             id,
		Name:           "emulator-" + strings.ToLower(strings.TrimPrefix(id, "C-")),
		Type:           "HADOOP",
		Status:         "IDLE",
		ChargeType:     "PostPaid",
		CreateResource: "ECM_EMR",
		CreateTime:     clusterCreateTime,
		RunningTime:    max(0, (millis(c)-clusterCreateTime)/1000),
		FailReason:     map[string]any{},
		OrderTaskInfo:  map[string]any{},
	}
}

// listClustersResponse is the answer of ListFlowCluster and ListFlowClusterAll: TotalCount, not
// Total, as both pages show.
type listClustersResponse struct {
	RequestID  string `json:"RequestId"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	TotalCount int    `json:"TotalCount"`
	Clusters   struct {
		ClusterInfo []clusterInfoJSON `json:"ClusterInfo"`
	} `json:"Clusters"`
}

func clusterPage(c *call, pg page, ids []string) listClustersResponse {
	resp := listClustersResponse{RequestID: c.requestID, PageNumber: pg.number, PageSize: pg.size, TotalCount: len(ids)}
	resp.Clusters.ClusterInfo = []clusterInfoJSON{}
	for _, id := range pageOf(pg, ids) {
		resp.Clusters.ClusterInfo = append(resp.Clusters.ClusterInfo, clusterInfo(c, id))
	}
	return resp
}

// listFlowClusters is ListFlowCluster: "the project clusters that are available for data
// development", which the emulator reads as the clusters associated with the project by a cluster
// setting, in the order they were associated.
func (s *Server) listFlowClusters(c *call) (any, *apiError) {
	projectID, pg, aerr := c.p.projectPaging()
	if aerr != nil {
		return nil, aerr
	}
	var ids []string
	aerr = s.viewProject(c, projectID, func(st *state) {
		for _, cs := range settingsOf(st, projectID) {
			ids = append(ids, cs.ClusterID)
		}
	})
	if aerr != nil {
		return nil, aerr
	}
	return clusterPage(c, pg, ids), nil
}

// onePageSize is the page a server that ignores the paging parameters answers (SwitchOnePage):
// ListFlowClusterAll.md's sample answer shows PageSize 10.
const onePageSize = 10

// listFlowClustersAll is ListFlowClusterAll: every cluster data development may use. Its page
// documents no paging parameters, only paging fields in the answer; the emulator honours
// PageNumber and PageSize when given, as ListFlowCluster does, or, under SwitchOnePage, ignores
// them and answers its first page of 10 with TotalCount counting every cluster.
func (s *Server) listFlowClustersAll(c *call) (any, *apiError) {
	pg, aerr := c.p.paging()
	if aerr != nil {
		return nil, aerr
	}
	if _, has := c.p.lookup("PageSize"); !has {
		pg.size = maxPageSize // no paging asked for: one page holds them all
	}
	if s.switches.on(SwitchOnePage) {
		pg = page{number: 1, size: onePageSize}
	}
	return clusterPage(c, pg, s.flowClusterIDs()), nil
}

type hostJSON struct {
	HostID         string `json:"HostId"`
	HostName       string `json:"HostName"`
	Role           string `json:"Role"`
	PrivateIP      string `json:"PrivateIp"`
	InstanceType   string `json:"InstanceType"`
	CPU            int    `json:"Cpu"`
	Memory         int    `json:"Memory"`
	Status         string `json:"Status"`
	Type           string `json:"Type"`
	HostInstanceID string `json:"HostInstanceId"`
	SerialNumber   string `json:"SerialNumber"`
}

// listFlowClusterAllHosts is ListFlowClusterAllHosts: the hosts of a cluster that a project's
// cluster setting may whitelist (master and gateway, as its page says).
func (s *Server) listFlowClusterAllHosts(c *call) (any, *apiError) {
	if err := c.p.requireAll("ProjectId", "ClusterId"); err != nil {
		return nil, err
	}
	projectID, clusterID := c.p.get("ProjectId"), c.p.get("ClusterId")
	if aerr := s.view(func(st *state) *apiError { _, err := projectOf(st, c, projectID); return err }); aerr != nil {
		return nil, aerr
	}
	if !s.flowCluster(clusterID) {
		return nil, errClusterNotFound(clusterID)
	}
	var resp struct {
		RequestID string `json:"RequestId"`
		HostList  struct {
			Host []hostJSON `json:"Host"`
		} `json:"HostList"`
	}
	resp.RequestID = c.requestID
	for i, h := range clusterHosts(clusterID) {
		resp.HostList.Host = append(resp.HostList.Host, hostJSON{
			HostID: strconv.Itoa(100001 + i), HostName: h.Name, Role: h.Role,
			PrivateIP: fmt.Sprintf("192.168.0.%d", 10+i), InstanceType: "ecs.g6.xlarge", CPU: 4, Memory: 16,
			Status: "NORMAL", Type: "VM", HostInstanceID: fmt.Sprintf("i-emulator%04d", i+1),
			SerialNumber: fmt.Sprintf("00000000-0000-0000-0000-%012d", i+1),
		})
	}
	return resp, nil
}

// flowCluster tells whether id is a cluster data development may use (see flowClusterIDs).
func (s *Server) flowCluster(id string) bool {
	return strings.HasPrefix(id, "C-") && s.clusters[id]
}

// ---- cluster settings ----

// Assumptions where the pages are silent, as EMULATOR.md lists them:
//   - A cluster can be associated with a project once: a second Create is refused with
//     "Cluster setting already exists [C-…]".
//   - A setting that does not exist is told as "Cluster setting does not exist [C-…]" (Describe,
//     Modify, Delete).
//   - Modify changes what it is given: a present DefaultUser or DefaultQueue replaces the value
//     (empty: the documented default); UserList.N, QueueList.N, HostList.N replace the list; a
//     bare, empty UserList (QueueList, HostList) parameter clears it, as a bare ResourceList
//     does on ModifyFlowJob (under SwitchIgnoreBareList both are ignored: the page documents
//     only UserList.N); an absent one leaves it as it is.
//   - Deleting a setting while flows of the project use the cluster is allowed (no page documents
//     a refusal and the guide says only "To disassociate the cluster, click Delete"); such flows
//     are refused when they are run.

var (
	// The whitelists are Linux user names and YARN queue names; the console takes them
	// comma-separated, so neither may hold a comma or white space.
	linuxUserPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,31}$`)
	queuePattern     = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$`)
)

func errSettingNotFound(clusterID string) *apiError {
	return flowError("Cluster setting does not exist [%s]", clusterID)
}

// settingsOf returns a project's settings in the order they were made.
func settingsOf(st *state, projectID string) []*clusterSetting {
	return ownedBy(st.ClusterSettings, projectID, func(cs *clusterSetting) (string, int64) { return cs.ProjectID, cs.Seq })
}

// membersOf returns a project's users in the order they were added.
func membersOf(st *state, projectID string) []*projectUser {
	return ownedBy(st.ProjectUsers, projectID, func(u *projectUser) (string, int64) { return u.ProjectID, u.Seq })
}

// ownedBy returns the objects of project projectID in creation order; key gives an object's
// project and sequence number.
func ownedBy[T any](m map[string]*T, projectID string, key func(*T) (string, int64)) []*T {
	var out []*T
	for _, v := range m {
		if p, _ := key(v); p == projectID {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		_, a := key(out[i])
		_, b := key(out[j])
		return a < b
	})
	return out
}

// repeatList reads name.1, name.2, … (the SDK's RepeatList). present is true when any of them, or
// a bare name parameter, was sent. Items keep their order; duplicates are dropped.
func (p params) repeatList(name string) (list []string, present bool, aerr *apiError) {
	byIndex := map[int]string{}
	for k, v := range p {
		if k == name {
			present = true
			continue
		}
		rest, ok := strings.CutPrefix(k, name+".")
		if !ok {
			continue
		}
		present = true
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 || n > 9999 || strconv.Itoa(n) != rest {
			return nil, true, errInvalid(k, fmt.Sprintf("expected %s.N with N from 1 to 9999", name))
		}
		byIndex[n] = v
	}
	seen := map[string]bool{}
	for _, n := range slices.Sorted(maps.Keys(byIndex)) {
		v := byIndex[n]
		if v == "" {
			return nil, true, errInvalid(name+"."+strconv.Itoa(n), "must not be empty")
		}
		if !seen[v] {
			seen[v] = true
			list = append(list, v)
		}
	}
	return list, present, nil
}

// settingRequest is what CreateFlowProjectClusterSetting and ModifyFlowProjectClusterSetting both
// take: the setting's address and the whitelists sent (a nil list was not sent).
type settingRequest struct {
	projectID, clusterID string
	users, queues, hosts *[]string
}

// readSettingRequest reads a settingRequest: ProjectId and ClusterId are required.
func (s *Server) readSettingRequest(p params) (settingRequest, *apiError) {
	if err := p.requireAll("ProjectId", "ClusterId"); err != nil {
		return settingRequest{}, err
	}
	r := settingRequest{projectID: p.get("ProjectId"), clusterID: p.get("ClusterId")}
	var aerr *apiError
	r.users, r.queues, r.hosts, aerr = settingLists(p, s.switches.on(SwitchIgnoreBareList))
	return r, aerr
}

// applyLists replaces the whitelists of cs that the request sent.
func (r settingRequest) applyLists(cs *clusterSetting) {
	if r.users != nil {
		cs.Users = *r.users
	}
	if r.queues != nil {
		cs.Queues = *r.queues
	}
	if r.hosts != nil {
		cs.Hosts = *r.hosts
	}
}

// settingLists reads the three whitelists; a nil pointer means "not sent". With ignoreBare
// (SwitchIgnoreBareList), a bare list parameter that carries no items counts as not sent.
func settingLists(p params, ignoreBare bool) (users, queues, hosts *[]string, aerr *apiError) {
	read := func(name string, pattern *regexp.Regexp, what string) (*[]string, *apiError) {
		list, present, err := p.repeatList(name)
		if err != nil || !present || (ignoreBare && len(list) == 0) {
			return nil, err
		}
		for i, v := range list {
			if pattern != nil && !pattern.MatchString(v) {
				return nil, errInvalid(fmt.Sprintf("%s.%d", name, i+1), "not a valid "+what)
			}
		}
		if list == nil {
			list = []string{}
		}
		return &list, nil
	}
	if users, aerr = read("UserList", linuxUserPattern, "Linux user name"); aerr != nil {
		return
	}
	if queues, aerr = read("QueueList", queuePattern, "YARN queue name"); aerr != nil {
		return
	}
	hosts, aerr = read("HostList", nil, "")
	return
}

// checkHosts refuses hosts that are not master or gateway hosts of the cluster, with the message
// of CreateFlowProjectClusterSetting's sample error (sic: "exit", and the unbalanced brackets).
func checkHosts(clusterID string, hosts []string) *apiError {
	known := map[string]bool{}
	for _, h := range clusterHosts(clusterID) {
		known[h.Name] = true
	}
	var bad []string
	for _, h := range hosts {
		if !known[h] {
			bad = append(bad, h)
		}
	}
	if len(bad) > 0 {
		return flowError("Cluster host does not exit [[%s]", strings.Join(bad, ", "))
	}
	return nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func (s *Server) createClusterSetting(c *call) (any, *apiError) {
	p := c.p
	req, aerr := s.readSettingRequest(p)
	if aerr != nil {
		return nil, aerr
	}
	projectID, clusterID := req.projectID, req.clusterID
	cs := &clusterSetting{
		ProjectID:    projectID,
		ClusterID:    clusterID,
		DefaultUser:  orDefault(p.get("DefaultUser"), defaultSubmitUser),
		DefaultQueue: orDefault(p.get("DefaultQueue"), defaultSubmitQueue),
	}
	req.applyLists(cs)
	return s.updateAnswer(c, func(st *state) *apiError {
		if _, err := projectOf(st, c, projectID); err != nil {
			return err
		}
		if !s.flowCluster(clusterID) {
			return errClusterNotFound(clusterID)
		}
		if err := checkHosts(clusterID, cs.Hosts); err != nil {
			return err
		}
		key := settingKey(projectID, clusterID)
		if st.ClusterSettings[key] != nil {
			return flowError("Cluster setting already exists [%s]", clusterID)
		}
		cs.Seq = st.nextSeq()
		cs.GmtCreate, cs.GmtModified = millis(c), millis(c)
		if st.ClusterSettings == nil {
			st.ClusterSettings = map[string]*clusterSetting{}
		}
		putRecord(st, recClusterSetting, st.ClusterSettings, key, cs)
		return nil
	})
}

// settingOf returns the setting of a project and cluster, or the error for a missing project or
// setting.
func settingOf(st *state, c *call, projectID, clusterID string) (*clusterSetting, *apiError) {
	return inProject(st, c, projectID, st.ClusterSettings[settingKey(projectID, clusterID)],
		func(cs *clusterSetting) string { return cs.ProjectID }, errSettingNotFound(clusterID))
}

// settingAt addresses a setting by ProjectId and ClusterId, as its Describe, Modify and Delete
// actions do.
var settingAt = byParam("ClusterId", settingOf, "ProjectId", "ClusterId")

func (s *Server) modifyClusterSetting(c *call) (any, *apiError) {
	p := c.p
	req, aerr := s.readSettingRequest(p)
	if aerr != nil {
		return nil, aerr
	}
	resp, aerr := changeInProject(s, c, settingAt, func(st *state, old *clusterSetting) *apiError {
		ns := *old
		if v, ok := p.lookup("DefaultUser"); ok {
			ns.DefaultUser = orDefault(v, defaultSubmitUser)
		}
		if v, ok := p.lookup("DefaultQueue"); ok {
			ns.DefaultQueue = orDefault(v, defaultSubmitQueue)
		}
		req.applyLists(&ns)
		if err := checkHosts(req.clusterID, ns.Hosts); err != nil {
			return err
		}
		ns.GmtModified = millis(c)
		putRecord(st, recClusterSetting, st.ClusterSettings, settingKey(req.projectID, req.clusterID), &ns)
		return nil
	})
	return resp, s.settingNotFound(c, aerr)
}

func (s *Server) deleteClusterSetting(c *call) (any, *apiError) {
	resp, aerr := changeInProject(s, c, settingAt, func(st *state, cs *clusterSetting) *apiError {
		dropRecord(st, recClusterSetting, st.ClusterSettings, settingKey(cs.ProjectID, cs.ClusterID))
		return nil
	})
	return resp, s.settingNotFound(c, aerr)
}

// settingJSON is a setting as DescribeFlowProjectClusterSetting answers it (flat, as the SDK's
// response type reads it; the page's sample wraps it in a "data" envelope) and as
// ListFlowProjectClusterSetting items show it (with ClusterName).
type settingJSON struct {
	GmtCreate    int64  `json:"GmtCreate"`
	GmtModified  int64  `json:"GmtModified"`
	ProjectID    string `json:"ProjectId"`
	ClusterID    string `json:"ClusterId"`
	ClusterName  string `json:"ClusterName,omitempty"`
	DefaultUser  string `json:"DefaultUser"`
	DefaultQueue string `json:"DefaultQueue"`
	UserList     struct {
		User []string `json:"User"`
	} `json:"UserList"`
	QueueList struct {
		Queue []string `json:"Queue"`
	} `json:"QueueList"`
	HostList struct {
		Host []string `json:"Host"`
	} `json:"HostList"`
}

func settingJSONOf(cs *clusterSetting) settingJSON {
	out := settingJSON{
		GmtCreate: cs.GmtCreate, GmtModified: cs.GmtModified,
		ProjectID: cs.ProjectID, ClusterID: cs.ClusterID,
		DefaultUser: cs.DefaultUser, DefaultQueue: cs.DefaultQueue,
	}
	out.UserList.User = append([]string{}, cs.Users...)
	out.QueueList.Queue = append([]string{}, cs.Queues...)
	out.HostList.Host = append([]string{}, cs.Hosts...)
	return out
}

// settingResponse is DescribeFlowProjectClusterSetting's answer.
type settingResponse struct {
	RequestID string `json:"RequestId"`
	settingJSON
}

func (s *Server) describeClusterSetting(c *call) (any, *apiError) {
	resp, aerr := describeInProject(s, c, settingAt, func(_ *state, cs *clusterSetting) settingResponse {
		return settingResponse{RequestID: c.requestID, settingJSON: settingJSONOf(cs)}
	})
	if s.switches.on(SwitchEmptyEnvelope) && isSettingNotFound(c, aerr) {
		// No page gives the not-found answer; a successful, empty envelope is one reading.
		return map[string]any{"code": "200", "data": nil}, nil
	}
	return resp, s.settingNotFound(c, aerr)
}

// isSettingNotFound tells whether aerr is the answer about a missing setting (its project exists).
func isSettingNotFound(c *call, aerr *apiError) bool {
	return aerr != nil && aerr.message == errSettingNotFound(c.p.get("ClusterId")).message
}

// settingNotFound rewords the answer about a missing setting under SwitchUndocumentedNotFound,
// with a message no client could have matched: no page documents the real one.
func (s *Server) settingNotFound(c *call, aerr *apiError) *apiError {
	if s.switches.on(SwitchUndocumentedNotFound) && isSettingNotFound(c, aerr) {
		return flowError("The association record could not be located for the given arguments (%s)", c.p.get("ClusterId"))
	}
	return aerr
}

func (s *Server) listClusterSettings(c *call) (any, *apiError) {
	var resp struct {
		pageResponse
		ClusterSettings struct {
			ClusterSetting []settingJSON `json:"ClusterSetting"`
		} `json:"ClusterSettings"`
	}
	var aerr *apiError
	resp.pageResponse, resp.ClusterSettings.ClusterSetting, aerr = pageInProject(s, c, settingsOf, func(cs *clusterSetting) settingJSON {
		item := settingJSONOf(cs)
		item.ClusterName = clusterInfo(c, cs.ClusterID).Name
		return item
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}

// ---- project users ----

// Assumptions where the pages are silent (CreateFlowProjectUser and ListFlowProjectUser have no
// page; the SDK's request has User.N.UserId and User.N.UserName):
//   - The emulator knows no RAM users: it takes any user id of digits (RAM user ids are numbers)
//     and any RAM-style user name (1 to 64 of letters, digits, ".", "_", "-").
//   - A user name can be a member of a project once ("User name already exists: [x]"); a Create
//     naming several users adds all or none.
//   - DeleteFlowProjectUser of a user who is not a member: "User does not exist [x]".

var (
	ramUserNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
	ramUserIDPattern   = regexp.MustCompile(`^[0-9]{1,64}$`)
)

func (s *Server) createProjectUsers(c *call) (any, *apiError) {
	p := c.p
	projectID, aerr := p.required("ProjectId")
	if aerr != nil {
		return nil, aerr
	}
	items, _, aerr := p.objectList("User", "UserId", "UserName")
	if aerr != nil {
		return nil, aerr
	}
	if len(items) == 0 {
		return nil, errMissing("User.1.UserName")
	}
	users := make([]*projectUser, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		u := &projectUser{ProjectID: projectID, UserID: it.fields["UserId"], UserName: it.fields["UserName"]}
		switch {
		case u.UserName == "":
			return nil, errMissing(it.key("User", "UserName"))
		case u.UserID == "":
			return nil, errMissing(it.key("User", "UserId"))
		case !ramUserNamePattern.MatchString(u.UserName):
			return nil, errInvalid(it.key("User", "UserName"), "a RAM user name is 1 to 64 letters, digits, '.', '_' or '-'")
		case !ramUserIDPattern.MatchString(u.UserID):
			return nil, errInvalid(it.key("User", "UserId"), "a RAM user id is a number")
		case seen[u.UserName]:
			return nil, errNameExists("User", u.UserName)
		}
		seen[u.UserName] = true
		users = append(users, u)
	}
	return s.updateAnswer(c, func(st *state) *apiError {
		if _, err := projectOf(st, c, projectID); err != nil {
			return err
		}
		for _, u := range users {
			if st.ProjectUsers[memberKey(projectID, u.UserName)] != nil {
				return errNameExists("User", u.UserName)
			}
		}
		if st.ProjectUsers == nil {
			st.ProjectUsers = map[string]*projectUser{}
		}
		for _, u := range users {
			u.Seq = st.nextSeq()
			u.GmtCreate, u.GmtModified = millis(c), millis(c)
			putRecord(st, recProjectUser, st.ProjectUsers, memberKey(projectID, u.UserName), u)
		}
		return nil
	})
}

// memberOf returns the user name of a project, or the error for a missing project or user.
func memberOf(st *state, c *call, projectID, name string) (*projectUser, *apiError) {
	return inProject(st, c, projectID, st.ProjectUsers[memberKey(projectID, name)],
		func(u *projectUser) string { return u.ProjectID }, flowError("User does not exist [%s]", name))
}

func (s *Server) deleteProjectUser(c *call) (any, *apiError) {
	resp, aerr := changeInProject(s, c, byParam("UserName", memberOf, "ProjectId", "UserName"), func(st *state, u *projectUser) *apiError {
		dropRecord(st, recProjectUser, st.ProjectUsers, memberKey(u.ProjectID, u.UserName))
		return nil
	})
	if s.switches.on(SwitchUndocumentedNotFound) && aerr != nil && strings.HasPrefix(aerr.message, "User does not exist") {
		// DeleteFlowProjectUser.md's sample error is about a bad type: the real answer about a
		// user who is not a member is unknown.
		return nil, flowError("The member record could not be located for the given arguments (%s)", c.p.get("UserName"))
	}
	return resp, aerr
}

type projectUserJSON struct {
	GmtCreate     int64  `json:"GmtCreate"`
	GmtModified   int64  `json:"GmtModified"`
	ProjectID     string `json:"ProjectId"`
	OwnerID       string `json:"OwnerId"`
	UserName      string `json:"UserName"`
	AccountUserID string `json:"AccountUserId"`
}

func (s *Server) listProjectUsers(c *call) (any, *apiError) {
	var resp struct {
		pageResponse
		Users struct {
			User []projectUserJSON `json:"User"`
		} `json:"Users"`
	}
	var aerr *apiError
	resp.pageResponse, resp.Users.User, aerr = pageInProject(s, c, membersOf, func(u *projectUser) projectUserJSON {
		return projectUserJSON{
			GmtCreate: u.GmtCreate, GmtModified: u.GmtModified, ProjectID: u.ProjectID,
			OwnerID: accountID, UserName: u.UserName, AccountUserID: u.UserID,
		}
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}
