package emrapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"
)

// A project's cluster settings and members, and the clusters data development may use. The pages
// (reference/api/): CreateFlowProjectClusterSetting, DescribeFlowProjectClusterSetting,
// ModifyFlowProjectClusterSetting, DeleteFlowProjectClusterSetting, DeleteFlowProjectUser,
// ListFlowCluster, ListFlowClusterAll; ListFlowProjectClusterSetting, CreateFlowProjectUser and
// ListFlowProjectUser have no page and follow the SDK's types.

// ClusterSetting is the association of a cluster with a project: the default submit user and
// queue, and the whitelists of Linux users, YARN queues and client hosts.
type ClusterSetting struct {
	ProjectID    string
	ClusterID    string
	ClusterName  string // ListFlowProjectClusterSetting only
	DefaultUser  string
	DefaultQueue string
	Users        []string
	Queues       []string
	Hosts        []string
	GmtCreate    int64
	GmtModified  int64
}

// ClusterSettingInput is the whole desired state of a cluster setting.
type ClusterSettingInput struct {
	ProjectID    string
	ClusterID    string
	DefaultUser  string // "" = the API's default (hadoop)
	DefaultQueue string // "" = the API's default (default)
	Users        []string
	Queues       []string
	Hosts        []string
}

// ProjectUser is a member of a project: a RAM user, by id and name.
type ProjectUser struct {
	ProjectID string
	UserID    string // AccountUserId in ListFlowProjectUser
	UserName  string
	OwnerID   string
	GmtCreate int64
}

// Cluster is a cluster as ListFlowCluster and ListFlowClusterAll describe it.
type Cluster struct {
	ID                  string
	Name                string
	Type                string
	Status              string
	ChargeType          string
	CreateResource      string
	CreateTime          int64 // milliseconds
	RunningTime         int64 // seconds
	ExpiredTime         int64 // milliseconds; 0 when unset
	HasUncompletedOrder bool
}

func matchesFlowMessage(err error, re *regexp.Regexp) bool {
	var e *Error
	return errors.As(err, &e) && e.Shape != ShapeNetwork && re.MatchString(e.Message)
}

// The answers of CreateFlowProjectClusterSetting and ModifyFlowProjectClusterSetting about a
// request the server refused, which the cluster setting resource reports on the attribute at
// fault. No page documents them; the emulator answers so (internal/emulator/membership.go).
var (
	clusterNotFoundMessage = regexp.MustCompile(`^Cluster does not exist`)
	// "Cluster host does not exit [[…]": sic, the API's spelling; the prefix holds either.
	hostNotFoundMessage  = regexp.MustCompile(`^Cluster host does not exi`)
	settingExistsMessage = regexp.MustCompile(`already exists`)
)

// IsClusterNotFound reports whether err says that the cluster a request named does not exist
// (or cannot be used by data development): "Cluster does not exist [C-…]".
func IsClusterNotFound(err error) bool { return matchesFlowMessage(err, clusterNotFoundMessage) }

// IsClusterHostNotFound reports whether err says that a host of a cluster setting's whitelist is
// not a master or gateway host of the cluster: "Cluster host does not exit [[…]".
func IsClusterHostNotFound(err error) bool { return matchesFlowMessage(err, hostNotFoundMessage) }

// IsSettingExists reports whether err says that the cluster is already associated with the
// project: "Cluster setting already exists [C-…]" (any "already exists" answer of the create).
func IsSettingExists(err error) bool { return matchesFlowMessage(err, settingExistsMessage) }

// CreateClusterSetting associates a cluster with a project. Like every create it is retried only
// when nothing was executed; after an unknown outcome, DescribeClusterSetting tells what happened.
func (c *Client) CreateClusterSetting(ctx context.Context, in ClusterSettingInput) error {
	cl := newCall("CreateFlowProjectClusterSetting", create).
		set("ProjectId", in.ProjectID).
		set("ClusterId", in.ClusterID).
		opt("DefaultUser", in.DefaultUser).
		opt("DefaultQueue", in.DefaultQueue)
	setRepeatList(cl, "UserList", in.Users)
	setRepeatList(cl, "QueueList", in.Queues)
	setRepeatList(cl, "HostList", in.Hosts)
	return c.do(ctx, cl, nil)
}

// DescribeClusterSetting reads the setting of a project and cluster; a missing one (or a missing
// project or cluster) is a *NotFoundError of kind "cluster setting" whose ID is the cluster's.
//
// No page gives the answer about a missing setting: it may be an error whose message no client
// has seen, or a successful, empty answer ({"code":"200","data":null}). So absence is decided
// from ListFlowProjectClusterSetting (settingAbsent), never from one guessed sentence: after an
// error the API answered, and after an answer that names no setting.
func (c *Client) DescribeClusterSetting(ctx context.Context, projectID, clusterID string) (*ClusterSetting, error) {
	cl := newCall("DescribeFlowProjectClusterSetting", idempotent).set("ProjectId", projectID).set("ClusterId", clusterID)
	var out settingAnswer
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, c.settingAbsent(ctx, projectID, clusterID, err)
	}
	s := out.setting()
	if s.ClusterID == "" && s.GmtCreate == 0 {
		// An answer that names no setting: the list tells whether there is one.
		listed, err := c.listedSetting(ctx, projectID, clusterID)
		if err != nil {
			return nil, err
		}
		s = *listed
	}
	s.ProjectID = cmp.Or(s.ProjectID, projectID)
	if s.ClusterID == "" {
		s.ClusterID = clusterID
	}
	return &s, nil
}

// settingAbsent turns err, the API's answer to a call about one setting, into a *NotFoundError
// when ListFlowProjectClusterSetting does not list the setting (or its project is gone).
func (c *Client) settingAbsent(ctx context.Context, projectID, clusterID string, err error) error {
	return absentFromList(err, func() error {
		_, lerr := c.listedSetting(ctx, projectID, clusterID)
		return lerr
	}, &NotFoundError{Kind: "cluster setting", ID: clusterID, Err: err})
}

// absentFromList returns notFound when err is an answer of the API (not a network failure,
// throttling or 5xx, which tell nothing) and lookup, a look-up in the object's list, says it is not
// there; else err as it is, also when the list cannot be read. It serves the calls whose pages
// document no not-found message: the list decides, never a guessed sentence.
func absentFromList(err error, lookup func() error, notFound *NotFoundError) error {
	var e *Error
	if !errors.As(err, &e) || IsRetryable(err) || e.Code == CodeNotDone {
		return err // not an answer about the object, or one that found it (Data: false)
	}
	if IsNotFound(lookup()) {
		return notFound
	}
	return err
}

// listedSetting finds the setting in its project's list; one not listed, or a project that is
// gone, is a *NotFoundError.
func (c *Client) listedSetting(ctx context.Context, projectID, clusterID string) (*ClusterSetting, error) {
	all, err := c.ListClusterSettings(ctx, projectID)
	if err != nil {
		if IsNotFound(err) {
			return nil, &NotFoundError{Kind: "cluster setting", ID: clusterID, Err: err}
		}
		return nil, fmt.Errorf("listing the cluster settings of project %s: %w", projectID, err)
	}
	for i := range all {
		if all[i].ClusterID == clusterID {
			return &all[i], nil
		}
	}
	return nil, &NotFoundError{Kind: "cluster setting", ID: clusterID}
}

// ModifyClusterSetting sends both defaults and the whitelists' items (UserList.N, QueueList.N,
// HostList.N, the only forms the page documents). An empty whitelist sends nothing, which leaves
// the list as it was: a bare, empty UserList may be ignored by the gateway, so the resource
// replaces a setting whose list is emptied instead of asking Modify to clear it.
func (c *Client) ModifyClusterSetting(ctx context.Context, in ClusterSettingInput) error {
	cl := newCall("ModifyFlowProjectClusterSetting", idempotent).
		set("ProjectId", in.ProjectID).
		set("ClusterId", in.ClusterID).
		set("DefaultUser", in.DefaultUser).
		set("DefaultQueue", in.DefaultQueue)
	setRepeatList(cl, "UserList", in.Users)
	setRepeatList(cl, "QueueList", in.Queues)
	setRepeatList(cl, "HostList", in.Hosts)
	return c.do(ctx, cl, nil)
}

// DeleteClusterSetting removes the association of a cluster with a project. A setting that is
// already gone is a *NotFoundError.
func (c *Client) DeleteClusterSetting(ctx context.Context, projectID, clusterID string) error {
	cl := newCall("DeleteFlowProjectClusterSetting", idempotent).set("ProjectId", projectID).set("ClusterId", clusterID)
	if err := c.do(ctx, cl, nil); err != nil {
		return c.settingAbsent(ctx, projectID, clusterID, err)
	}
	return nil
}

// ListClusterSettings returns every cluster setting of a project, walking all pages.
func (c *Client) ListClusterSettings(ctx context.Context, projectID string) ([]ClusterSetting, error) {
	base := newCall("ListFlowProjectClusterSetting", idempotent).set("ProjectId", projectID)
	return listAll(ctx, c, base, 0, func(p *settingPage) []ClusterSetting {
		return convertItems(p.ClusterSettings.ClusterSetting, func(j *settingJSON) ClusterSetting {
			s := j.setting()
			s.ProjectID = cmp.Or(s.ProjectID, projectID)
			return s
		})
	})
}

// CreateProjectUser makes a RAM user a member of a project (CreateFlowProjectUser with one
// User.1). Retried only when nothing was executed; after an unknown outcome, FindProjectUser
// tells what happened.
func (c *Client) CreateProjectUser(ctx context.Context, projectID, userID, userName string) error {
	cl := newCall("CreateFlowProjectUser", create).
		set("ProjectId", projectID).
		set("User.1.UserId", userID).
		set("User.1.UserName", userName)
	return c.do(ctx, cl, nil)
}

// DeleteProjectUser removes a member from a project, by user name (the only key the action takes).
// A user who is not a member (or a project that is gone) is a *NotFoundError.
func (c *Client) DeleteProjectUser(ctx context.Context, projectID, userName string) error {
	cl := newCall("DeleteFlowProjectUser", idempotent).set("ProjectId", projectID).set("UserName", userName)
	if err := c.do(ctx, cl, nil); err != nil {
		// The page's sample error is about a bad type, not a missing user: whether the user is
		// still a member is the list's to tell.
		return absentFromList(err, func() error {
			_, ferr := c.FindProjectUser(ctx, projectID, userName)
			return ferr
		}, &NotFoundError{Kind: "project user", Name: userName, Err: err})
	}
	return nil
}

// ListProjectUsers returns every member of a project, walking all pages.
func (c *Client) ListProjectUsers(ctx context.Context, projectID string) ([]ProjectUser, error) {
	base := newCall("ListFlowProjectUser", idempotent).set("ProjectId", projectID)
	return listAll(ctx, c, base, 0, func(p *userPage) []ProjectUser {
		return convertItems(p.Users.User, func(u *userJSON) ProjectUser {
			return ProjectUser{
				ProjectID: cmp.Or(string(u.ProjectID), projectID),
				UserID:    string(u.AccountUserID),
				UserName:  string(u.UserName),
				OwnerID:   string(u.OwnerID),
				GmtCreate: int64(u.GmtCreate),
			}
		})
	})
}

// FindProjectUser returns the member of a project with exactly that user name. A user who is not
// a member, or a project that is gone, is a *NotFoundError.
func (c *Client) FindProjectUser(ctx context.Context, projectID, userName string) (*ProjectUser, error) {
	users, err := c.ListProjectUsers(ctx, projectID)
	if err != nil {
		if IsNotFound(err) {
			return nil, &NotFoundError{Kind: "project user", Name: userName, Err: err}
		}
		return nil, err
	}
	return findOne(users, "project user", userName, func(u ProjectUser) string { return u.UserName })
}

// ListFlowClusters returns the clusters a project may use (ListFlowCluster), walking all pages.
func (c *Client) ListFlowClusters(ctx context.Context, projectID string) ([]Cluster, error) {
	all, _, err := c.listClusters(ctx, newCall("ListFlowCluster", idempotent).set("ProjectId", projectID))
	return all, err
}

// ListAllFlowClusters returns the clusters of the region that data development may use
// (ListFlowClusterAll). Its page documents no paging parameters but paging fields in the answer:
// the pages are walked all the same. complete is false when the answers count more clusters
// (TotalCount) than they hold, as from a server that ignores PageNumber and answers its first
// page every time: a cluster the list lacks may then exist all the same.
func (c *Client) ListAllFlowClusters(ctx context.Context) (clusters []Cluster, complete bool, err error) {
	return c.listClusters(ctx, newCall("ListFlowClusterAll", idempotent))
}

func (c *Client) listClusters(ctx context.Context, base *call) ([]Cluster, bool, error) {
	var all []Cluster
	seen := map[string]bool{}
	for n := 1; n <= maxPages; n++ {
		cl := &call{action: base.action, kind: base.kind, query: maps.Clone(base.query), form: maps.Clone(base.form)}
		cl.set("PageNumber", strconv.Itoa(n)).set("PageSize", strconv.Itoa(DefaultPageSize))
		var p clusterPage
		if err := c.do(ctx, cl, &p); err != nil {
			return nil, false, err
		}
		added := 0
		for _, item := range p.Clusters.ClusterInfo {
			cluster := item.cluster()
			if seen[cluster.ID] {
				continue // a server that ignores PageNumber repeats its one page
			}
			seen[cluster.ID] = true
			all = append(all, cluster)
			added++
		}
		size := DefaultPageSize
		if p.PageSize > 0 {
			size = int(p.PageSize)
		}
		total := int(p.TotalCount)
		if added == 0 || (total > 0 && len(all) >= total) || (total <= 0 && len(p.Clusters.ClusterInfo) < size) {
			return all, total <= len(all), nil
		}
	}
	return nil, false, fmt.Errorf("%s: more than %d pages: the answers never end", base.action, maxPages)
}

// setRepeatList sends name.1, name.2, … (the SDK's RepeatList); no items send nothing.
func setRepeatList(cl *call, name string, items []string) {
	for i, v := range items {
		cl.set(name+"."+strconv.Itoa(i+1), v)
	}
}

// stringList decodes {"User":["a","b"]} (the key varies: User, Queue, Host): the first array
// member of the object. It also takes a bare array, null, and a string: DescribeFlowProjectClusterSetting.md
// types UserList, QueueList and HostList as String, and the console takes them comma-separated,
// so "a,b" is two items (blanks around them trimmed, empty ones dropped; no item may hold a comma).
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*l = nil
	switch {
	case len(b) == 0 || string(b) == "null" || string(b) == `""`:
		return nil
	case b[0] == '[':
		var items []flexString
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
		for _, s := range items {
			*l = append(*l, string(s))
		}
		return nil
	case b[0] == '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			return err
		}
		for _, raw := range obj {
			var inner stringList
			if err := inner.UnmarshalJSON(raw); err == nil && len(inner) > 0 {
				*l = inner
				return nil
			}
		}
		return nil
	default:
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("not a list: %s", b)
		}
		for item := range strings.SplitSeq(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				*l = append(*l, item)
			}
		}
		return nil
	}
}

type settingJSON struct {
	ProjectID    flexString `json:"ProjectId"`
	ClusterID    flexString `json:"ClusterId"`
	ClusterName  flexString `json:"ClusterName"`
	DefaultUser  flexString `json:"DefaultUser"`
	DefaultQueue flexString `json:"DefaultQueue"`
	UserList     stringList `json:"UserList"`
	QueueList    stringList `json:"QueueList"`
	HostList     stringList `json:"HostList"`
	GmtCreate    flexInt64  `json:"GmtCreate"`
	GmtModified  flexInt64  `json:"GmtModified"`
}

func (j *settingJSON) setting() ClusterSetting {
	return ClusterSetting{
		ProjectID:    string(j.ProjectID),
		ClusterID:    string(j.ClusterID),
		ClusterName:  string(j.ClusterName),
		DefaultUser:  string(j.DefaultUser),
		DefaultQueue: string(j.DefaultQueue),
		Users:        j.UserList,
		Queues:       j.QueueList,
		Hosts:        j.HostList,
		GmtCreate:    int64(j.GmtCreate),
		GmtModified:  int64(j.GmtModified),
	}
}

// settingAnswer is DescribeFlowProjectClusterSetting's answer: flat as the SDK reads it, or
// wrapped in a "data" envelope as the page's sample shows it.
type settingAnswer struct {
	settingJSON
}

func (a *settingAnswer) UnmarshalJSON(b []byte) error {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err == nil && len(bytes.TrimSpace(env.Data)) > 0 && bytes.TrimSpace(env.Data)[0] == '{' {
		b = env.Data
	}
	return json.Unmarshal(b, &a.settingJSON)
}

type settingPage struct {
	pageInfo
	ClusterSettings struct {
		ClusterSetting []settingJSON `json:"ClusterSetting"`
	} `json:"ClusterSettings"`
}

type userPage struct {
	pageInfo
	Users struct {
		User []userJSON `json:"User"`
	} `json:"Users"`
}

type userJSON struct {
	ProjectID     flexString `json:"ProjectId"`
	OwnerID       flexString `json:"OwnerId"`
	UserName      flexString `json:"UserName"`
	AccountUserID flexString `json:"AccountUserId"`
	GmtCreate     flexInt64  `json:"GmtCreate"`
}

type clusterJSON struct {
	ID                  flexString `json:"Id"`
	Name                flexString `json:"Name"`
	Type                flexString `json:"Type"`
	Status              flexString `json:"Status"`
	ChargeType          flexString `json:"ChargeType"`
	CreateResource      flexString `json:"CreateResource"`
	CreateTime          flexInt64  `json:"CreateTime"`
	RunningTime         flexInt64  `json:"RunningTime"`
	ExpiredTime         flexInt64  `json:"ExpiredTime"`
	HasUncompletedOrder flexBool   `json:"HasUncompletedOrder"`
}

func (j *clusterJSON) cluster() Cluster {
	return Cluster{
		ID:                  string(j.ID),
		Name:                string(j.Name),
		Type:                string(j.Type),
		Status:              string(j.Status),
		ChargeType:          string(j.ChargeType),
		CreateResource:      string(j.CreateResource),
		CreateTime:          int64(j.CreateTime),
		RunningTime:         int64(j.RunningTime),
		ExpiredTime:         int64(j.ExpiredTime),
		HasUncompletedOrder: bool(j.HasUncompletedOrder),
	}
}

// clusterPage is an answer of ListFlowCluster or ListFlowClusterAll: TotalCount, not Total.
type clusterPage struct {
	PageNumber flexInt64 `json:"PageNumber"`
	PageSize   flexInt64 `json:"PageSize"`
	TotalCount flexInt64 `json:"TotalCount"`
	Clusters   struct {
		ClusterInfo []clusterJSON `json:"ClusterInfo"`
	} `json:"Clusters"`
}
