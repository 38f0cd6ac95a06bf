package projectuser

import (
	"context"
	"fmt"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
)

// createProjectUser adds the member exactly once (see package createonce). A member's key is its
// user name in the project; one found under it after an unknown outcome is ours when it holds the
// same user id (or none: the list may leave it out) and was added during this apply.
func createProjectUser(ctx context.Context, client *emrapi.Client, projectID, userID, name string) (createonce.Result, error) {
	return createonce.Create(ctx, createonce.Op{
		Kind:         what,
		ResourceType: resourceType,
		Key:          fmt.Sprintf("named %q in project %s", name, projectID),
		Create: func(ctx context.Context) (string, error) {
			return name, client.CreateProjectUser(ctx, projectID, userID, name)
		},
		Find: func(ctx context.Context) (*createonce.Candidate, error) {
			u, err := client.FindProjectUser(ctx, projectID, name)
			if err != nil {
				return nil, err
			}
			var d createonce.Diff
			d.Check("user_id", u.UserID == "" || u.UserID == userID)
			return &createonce.Candidate{ID: name, ImportID: projectID + ":" + name, Created: createonce.Millis(u.GmtCreate), Differs: d}, nil
		},
	})
}
