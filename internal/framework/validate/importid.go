package validate

import (
	"fmt"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

// The id prefixes of the API's objects, re-exported from the API's vocabulary (vocab), where the
// graph codec also finds them.
const (
	ProjectPrefix         = vocab.ProjectPrefix
	FlowPrefix            = vocab.FlowPrefix
	JobPrefix             = vocab.JobPrefix
	FolderPrefix          = vocab.FolderPrefix
	ClusterPrefix         = vocab.ClusterPrefix
	ClusterTemplatePrefix = vocab.ClusterTemplatePrefix
	FlowInstancePrefix    = vocab.FlowInstancePrefix
)

// ParseProjectScopedID splits the import id of an object that the API can only read together with
// its project, "FP-…:<prefix>…" (e.g. "FP-257A173659F5:FJ-7A39731FE719"), and checks the shape of
// both halves. The error says what a valid id looks like.
func ParseProjectScopedID(importID, prefix string) (projectID, id string, err error) {
	example := fmt.Sprintf("%s257A173659F5E1A2:%s7A39731FE719B3C4", ProjectPrefix, prefix)
	projectID, id, ok := strings.Cut(importID, ":")
	switch {
	case !ok:
		return "", "", fmt.Errorf("expected <project id>:<id> such as %s, got %q (no colon)", example, importID)
	case !HasIDPrefix(projectID, ProjectPrefix):
		return "", "", fmt.Errorf("expected <project id>:<id> such as %s, got %q: %q is not a project id (%s…)", example, importID, projectID, ProjectPrefix)
	case !HasIDPrefix(id, prefix):
		return "", "", fmt.Errorf("expected <project id>:<id> such as %s, got %q: %q does not start with %s followed by letters and digits", example, importID, id, prefix)
	}
	return projectID, id, nil
}
