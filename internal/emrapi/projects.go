package emrapi

import (
	"cmp"
	"context"
	"iter"
)

// CreateProject creates a project (CreateFlowProject) and returns its id. Like every create, it is
// retried only when nothing was executed; after an unknown outcome, use FindProjectByName.
func (c *Client) CreateProject(ctx context.Context, in ProjectInput) (string, error) {
	cl := newCall("CreateFlowProject", create).
		set("Name", in.Name).
		set("Description", in.Description).
		opt("ResourceGroupId", in.ResourceGroupID)
	var out idAnswer
	if err := c.do(ctx, cl, &out); err != nil {
		return "", err
	}
	return out.id(cl.action)
}

// DescribeProject reads a project; a missing one is a *NotFoundError. DescribeFlowProject returns
// no ResourceGroupId.
func (c *Client) DescribeProject(ctx context.Context, id string) (*Project, error) {
	var out projectJSON
	if err := c.do(ctx, newCall("DescribeFlowProject", idempotent).set("ProjectId", id), &out); err != nil {
		return nil, notFound(err, "project", id)
	}
	p := out.project()
	p.ID = cmp.Or(p.ID, id)
	return &p, nil
}

// ModifyProject sets a project's name and description (both always sent). The resource group
// cannot be changed.
func (c *Client) ModifyProject(ctx context.Context, id string, in ProjectInput) error {
	cl := newCall("ModifyFlowProject", idempotent).
		set("ProjectId", id).
		set("Name", in.Name).
		set("Description", in.Description)
	return c.do(ctx, cl, nil)
}

// DeleteProject deletes a project, which must be empty.
func (c *Client) DeleteProject(ctx context.Context, id string) error {
	return c.do(ctx, newCall("DeleteFlowProject", idempotent).set("ProjectId", id), nil)
}

// ListProjects returns every project that matches in, walking all pages.
func (c *Client) ListProjects(ctx context.Context, in ListProjectsInput) ([]Project, error) {
	return collect(c.ProjectPages(ctx, in))
}

// ProjectPages yields the projects that match in page by page, as the pages arrive.
func (c *Client) ProjectPages(ctx context.Context, in ListProjectsInput) iter.Seq2[[]Project, error] {
	base := newCall("ListFlowProject", idempotent).
		opt("Name", in.Name).
		opt("ProjectId", in.ProjectID).
		opt("ResourceGroupId", in.ResourceGroupID)
	return pages(ctx, c, base, in.PageSize, func(p *projectPage) []Project {
		return convertItems(p.Projects.Project, (*projectJSON).project)
	})
}

// FindProjectByName returns the project with exactly that name, or a *NotFoundError.
func (c *Client) FindProjectByName(ctx context.Context, name string) (*Project, error) {
	projects, err := c.ListProjects(ctx, ListProjectsInput{Name: name})
	if err != nil {
		return nil, err
	}
	return findOne(projects, "project", name, func(p Project) string { return p.Name })
}

type projectJSON struct {
	ID              flexString `json:"Id"`
	Name            flexString `json:"Name"`
	Description     flexString `json:"Description"`
	UserID          flexString `json:"UserId"`
	ResourceGroupID flexString `json:"ResourceGroupId"`
	GmtCreate       flexInt64  `json:"GmtCreate"`
	GmtModified     flexInt64  `json:"GmtModified"`
}

func (j *projectJSON) project() Project {
	return Project{
		ID:              string(j.ID),
		Name:            string(j.Name),
		Description:     string(j.Description),
		UserID:          string(j.UserID),
		ResourceGroupID: string(j.ResourceGroupID),
		GmtCreate:       int64(j.GmtCreate),
		GmtModified:     int64(j.GmtModified),
	}
}

type projectPage struct {
	pageInfo
	Projects struct {
		Project []projectJSON `json:"Project"`
	} `json:"Projects"`
}
