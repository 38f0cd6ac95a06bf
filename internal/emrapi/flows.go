package emrapi

import (
	"cmp"
	"context"
	"errors"
	"iter"
	"strconv"
	"strings"
)

// CreateFlow creates a flow (CreateFlowForWeb) and returns its id. It is retried only when the
// error proves nothing was executed; after an unknown outcome (IsUnknownOutcome) the flow may
// exist: look it up with FindFlowByName before trying again.
func (c *Client) CreateFlow(ctx context.Context, in FlowInput) (string, error) {
	cl := newCall("CreateFlowForWeb", create)
	setFlowFields(cl, in, false)
	var out idAnswer
	if err := c.do(ctx, cl, &out); err != nil {
		return "", err
	}
	return out.id(cl.action)
}

// DescribeFlow reads a flow. DescribeFlow does not return the project id: it is filled from
// projectID. A missing flow (or project) is a *NotFoundError.
func (c *Client) DescribeFlow(ctx context.Context, projectID, id string) (*Flow, error) {
	cl := newCall("DescribeFlow", idempotent).set("ProjectId", projectID).set("Id", id)
	var out flowJSON
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, notFound(err, "flow", id)
	}
	f := out.flow()
	f.ProjectID = projectID
	f.ID = cmp.Or(f.ID, id)
	return &f, nil
}

// ModifyFlow replaces the whole state of a flow (ModifyFlowForWeb). Every field is sent, empty ones
// as empty parameters, so that a field removed from the configuration is cleared; Status is sent
// only when set.
func (c *Client) ModifyFlow(ctx context.Context, id string, in FlowInput) error {
	cl := newCall("ModifyFlowForWeb", idempotent).
		set("Id", id).
		set("Periodic", strconv.FormatBool(in.Periodic)).
		opt("Status", in.Status)
	setFlowFields(cl, in, true)
	return c.do(ctx, cl, nil)
}

// setFlowFields sends the fields CreateFlowForWeb and ModifyFlowForWeb share, the graph and the
// alerts in the body. whole is Modify's rule (see fieldSetters).
func setFlowFields(cl *call, in FlowInput, whole bool) {
	put, putBody := cl.fieldSetters(whole)
	cl.set("ProjectId", in.ProjectID).
		set("Name", in.Name).
		setBody("Description", in.Description).
		set("ClusterId", in.ClusterID).
		set("CreateCluster", strconv.FormatBool(in.CreateCluster))
	put("CronExpr", in.CronExpr)
	put("StartSchedule", millis(in.StartSchedule))
	put("EndSchedule", millis(in.EndSchedule))
	put("HostName", in.HostName)
	putBody("Graph", in.Graph)
	putBody("AlertConf", in.AlertConf)
	put("ParentFlowList", strings.Join(in.ParentFlowIDs, ","))
	put("ParentCategory", in.ParentCategory)
	put("Namespace", in.Namespace)
	put("LogArchiveLocation", in.LogArchiveLocation)
}

// DeleteFlow deletes a flow. Deleting a missing flow is an error for which IsNotFound is true.
func (c *Client) DeleteFlow(ctx context.Context, projectID, id string) error {
	return c.do(ctx, newCall("DeleteFlow", idempotent).set("ProjectId", projectID).set("Id", id), nil)
}

// ListFlows returns every flow that matches in, walking all pages. ListFlow items carry no
// ParentFlowList: ParentFlowIDs stays empty (DescribeFlow returns it).
func (c *Client) ListFlows(ctx context.Context, in ListFlowsInput) ([]Flow, error) {
	return collect(c.FlowPages(ctx, in))
}

// FlowPages yields the flows that match in page by page, as the pages arrive.
func (c *Client) FlowPages(ctx context.Context, in ListFlowsInput) iter.Seq2[[]Flow, error] {
	base := newCall("ListFlow", idempotent).
		opt("ProjectId", in.ProjectID).
		opt("Id", in.ID).
		opt("Name", in.Name).
		opt("ClusterId", in.ClusterID).
		opt("Status", in.Status)
	return pages(ctx, c, base, in.PageSize, func(p *flowPage) []Flow {
		return convertItems(p.Flow.Flow, func(j *flowJSON) Flow {
			f := j.flow()
			f.ProjectID = cmp.Or(f.ProjectID, in.ProjectID)
			return f
		})
	})
}

// FindFlowByName returns the flow of a project with exactly that name, or a *NotFoundError.
func (c *Client) FindFlowByName(ctx context.Context, projectID, name string) (*Flow, error) {
	flows, err := c.ListFlows(ctx, ListFlowsInput{ProjectID: projectID, Name: name})
	if err != nil {
		return nil, err
	}
	return findOne(flows, "flow", name, func(f Flow) string { return f.Name })
}

type flowJSON struct {
	ID                 flexString `json:"Id"`
	ProjectID          flexString `json:"ProjectId"`
	Name               flexString `json:"Name"`
	Description        flexString `json:"Description"`
	ClusterID          flexString `json:"ClusterId"`
	CreateCluster      flexBool   `json:"CreateCluster"`
	CronExpr           flexString `json:"CronExpr"`
	StartSchedule      flexInt64  `json:"StartSchedule"`
	EndSchedule        flexInt64  `json:"EndSchedule"`
	HostName           flexString `json:"HostName"`
	Graph              flexString `json:"Graph"`
	AlertConf          flexString `json:"AlertConf"`
	CategoryID         flexString `json:"CategoryId"`
	Status             flexString `json:"Status"`
	Periodic           flexBool   `json:"Periodic"`
	Namespace          flexString `json:"Namespace"`
	LogArchiveLocation flexString `json:"LogArchiveLocation"`
	Lifecycle          flexString `json:"Lifecycle"`
	Type               flexString `json:"Type"`
	GmtCreate          flexInt64  `json:"GmtCreate"`
	GmtModified        flexInt64  `json:"GmtModified"`
	EditLockDetail     flexString `json:"EditLockDetail"`
	ParentFlowList     struct {
		ParentFlow []struct {
			ParentFlowID flexString `json:"ParentFlowId"`
		} `json:"ParentFlow"`
	} `json:"ParentFlowList"`
}

func (j *flowJSON) flow() Flow {
	f := Flow{
		ID:                 string(j.ID),
		ProjectID:          string(j.ProjectID),
		Name:               string(j.Name),
		Description:        string(j.Description),
		ClusterID:          string(j.ClusterID),
		CreateCluster:      bool(j.CreateCluster),
		CronExpr:           string(j.CronExpr),
		StartSchedule:      int64(j.StartSchedule),
		EndSchedule:        int64(j.EndSchedule),
		HostName:           string(j.HostName),
		Graph:              string(j.Graph),
		AlertConf:          string(j.AlertConf),
		CategoryID:         string(j.CategoryID),
		Status:             string(j.Status),
		Periodic:           bool(j.Periodic),
		Namespace:          string(j.Namespace),
		LogArchiveLocation: string(j.LogArchiveLocation),
		Lifecycle:          string(j.Lifecycle),
		Type:               string(j.Type),
		GmtCreate:          int64(j.GmtCreate),
		GmtModified:        int64(j.GmtModified),
		EditLockDetail:     editLock(string(j.EditLockDetail)),
	}
	for _, p := range j.ParentFlowList.ParentFlow {
		if p.ParentFlowID != "" {
			f.ParentFlowIDs = append(f.ParentFlowIDs, string(p.ParentFlowID))
		}
	}
	return f
}

type flowPage struct {
	pageInfo
	Flow struct {
		Flow []flowJSON `json:"Flow"`
	} `json:"Flow"`
}

// idAnswer is the answer of the Create* actions.
type idAnswer struct {
	ID flexString `json:"Id"`
}

func (a idAnswer) id(action string) (string, error) {
	if a.ID == "" {
		return "", &Error{Action: action, Message: "the answer holds no Id", Shape: ShapeGateway, OutcomeUnknown: true}
	}
	return string(a.ID), nil
}

// millis renders a schedule time; 0 means unset and renders as "".
func millis(ms int64) string {
	if ms == 0 {
		return ""
	}
	return strconv.FormatInt(ms, 10)
}

// notFound turns an API "does not exist" answer into a *NotFoundError of the object asked for.
func notFound(err error, kind, id string) error {
	if IsNotFound(err) {
		var nf *NotFoundError
		if errors.As(err, &nf) {
			return err
		}
		return &NotFoundError{Kind: kind, ID: id, Err: err}
	}
	return err
}

// editLock normalises an EditLockDetail (DescribeFlow, DescribeFlowJob; format undocumented): an
// empty JSON value ("{}", "[]", "null") or blanks are no lock, "".
func editLock(detail string) string {
	switch strings.TrimSpace(detail) {
	case "", "{}", "[]", "null", `""`:
		return ""
	}
	return detail
}
