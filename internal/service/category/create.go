package category

import (
	"context"
	"fmt"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
)

// createCategory makes the folder exactly once (see package createonce). A folder's key is its
// name in its parent folder (the project's root when none); a folder found under it after an
// unknown outcome is ours when it holds the planned type and was created during this apply.
func createCategory(ctx context.Context, client *emrapi.Client, in emrapi.CategoryInput) (createonce.Result, error) {
	where := "the root"
	if in.ParentID != "" {
		where = "folder " + in.ParentID
	}
	return createonce.Create(ctx, createonce.Op{
		Kind:         "folder",
		ResourceType: "emrflow_category",
		Key:          fmt.Sprintf("named %q in %s of project %s", in.Name, where, in.ProjectID),
		Create:       func(ctx context.Context) (string, error) { return client.CreateCategory(ctx, in) },
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			list, err := client.ListCategories(ctx, emrapi.ListCategoriesInput{
				ProjectID: in.ProjectID, ParentID: in.ParentID, Root: in.ParentID == "",
			})
			if err != nil {
				return nil, err
			}
			c := findNamed(list, in)
			if c == nil {
				return nil, &emrapi.NotFoundError{Kind: "category", Name: in.Name}
			}
			return candidate(c, in), nil
		},
	})
}

// findNamed picks, among listed categories, the folder that holds in's name in in's parent: the
// one a create of in made, or the one that keeps it from being made.
func findNamed(list []emrapi.Category, in emrapi.CategoryInput) *emrapi.Category {
	for i := range list {
		c := &list[i]
		if c.Name == in.Name && c.ParentID == in.ParentID && (c.CategoryType == "" || c.CategoryType == "FOLDER") {
			return c
		}
	}
	return nil
}

// candidate describes a folder found by name for the createonce check.
func candidate(c *emrapi.Category, in emrapi.CategoryInput) *createonce.Candidate {
	var diff createonce.Diff
	diff.Check("type", c.Type == in.Type)
	return &createonce.Candidate{ID: c.ID, ImportID: in.ProjectID + ":" + c.ID,
		Created: createonce.Millis(c.GmtCreate), Differs: diff}
}
