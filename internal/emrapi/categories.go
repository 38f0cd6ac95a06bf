package emrapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"iter"
	"strconv"
)

// CreateCategory creates a folder (CreateFlowCategory) and returns its id.
func (c *Client) CreateCategory(ctx context.Context, in CategoryInput) (string, error) {
	cl := newCall("CreateFlowCategory", create).
		set("ProjectId", in.ProjectID).
		set("Name", in.Name).
		set("Type", in.Type).
		opt("ParentId", in.ParentID)
	var out idAnswer
	if err := c.do(ctx, cl, &out); err != nil {
		return "", err
	}
	return out.id(cl.action)
}

// DescribeCategory reads a folder; a missing one is a *NotFoundError.
func (c *Client) DescribeCategory(ctx context.Context, projectID, id string) (*Category, error) {
	cl := newCall("DescribeFlowCategory", idempotent).set("ProjectId", projectID).set("Id", id)
	var out categoryJSON
	if err := c.do(ctx, cl, &out); err != nil {
		return nil, notFound(err, "category", id)
	}
	cat := out.category()
	cat.ID = cmp.Or(cat.ID, id)
	cat.ProjectID = cmp.Or(cat.ProjectID, projectID)
	return &cat, nil
}

// ModifyCategory renames or moves a folder. Both fields are always sent: an empty ParentID moves it
// to the root. The type cannot be changed.
func (c *Client) ModifyCategory(ctx context.Context, id string, in CategoryInput) error {
	cl := newCall("ModifyFlowCategory", idempotent).
		set("Id", id).
		set("ProjectId", in.ProjectID).
		set("Name", in.Name).
		set("ParentId", in.ParentID)
	return c.do(ctx, cl, nil)
}

// DeleteCategory deletes a folder, which must be empty.
func (c *Client) DeleteCategory(ctx context.Context, projectID, id string) error {
	return c.do(ctx, newCall("DeleteFlowCategory", idempotent).set("ProjectId", projectID).set("Id", id), nil)
}

// ListCategories returns the folders (and, as the API does, the objects in them) that match in,
// walking all pages.
func (c *Client) ListCategories(ctx context.Context, in ListCategoriesInput) ([]Category, error) {
	return collect(c.CategoryPages(ctx, in))
}

// CategoryPages yields the categories that match in page by page, as the pages arrive.
func (c *Client) CategoryPages(ctx context.Context, in ListCategoriesInput) iter.Seq2[[]Category, error] {
	base := newCall("ListFlowCategory", idempotent).
		set("ProjectId", in.ProjectID).
		opt("ParentId", in.ParentID)
	if in.Root {
		base.set("Root", strconv.FormatBool(true))
	}
	return pages(ctx, c, base, in.PageSize, func(p *categoryPage) []Category {
		return convertItems(p.Categories.Category, func(j *categoryJSON) Category {
			cat := j.category()
			cat.ProjectID = cmp.Or(cat.ProjectID, in.ProjectID)
			return cat
		})
	})
}

type categoryJSON struct {
	ID           flexString `json:"Id"`
	ProjectID    flexString `json:"ProjectId"`
	Name         flexString `json:"Name"`
	ParentID     flexString `json:"ParentId"`
	Type         flexString `json:"Type"`
	CategoryType flexString `json:"CategoryType"`
	ObjectType   flexString `json:"ObjectType"`
	ObjectID     flexString `json:"ObjectId"`
	GmtCreate    flexInt64  `json:"GmtCreate"`
	GmtModified  flexInt64  `json:"GmtModified"`
}

// rootParent is how ListFlowCategory.md's sample answer names the parent of a root folder; the
// client answers "" for the root, as everywhere else.
const rootParent = "root_parent"

func (j *categoryJSON) category() Category {
	parent := string(j.ParentID)
	if parent == rootParent {
		parent = ""
	}
	return Category{
		ID:           string(j.ID),
		ProjectID:    string(j.ProjectID),
		Name:         string(j.Name),
		ParentID:     parent,
		Type:         string(j.Type),
		CategoryType: string(j.CategoryType),
		ObjectType:   string(j.ObjectType),
		ObjectID:     string(j.ObjectID),
		GmtCreate:    int64(j.GmtCreate),
		GmtModified:  int64(j.GmtModified),
	}
}

type categoryPage struct {
	pageInfo
	Categories categoryList `json:"Categories"`
}

// categoryList is ListFlowCategory's "Categories": {"Category":[…]} as the SDK's type reads it, or
// a bare array of items as ListFlowCategory.md's sample answer shows it.
type categoryList struct {
	Category []categoryJSON `json:"Category"`
}

func (l *categoryList) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, &l.Category)
	}
	type plain categoryList // without this method
	return json.Unmarshal(b, (*plain)(l))
}
