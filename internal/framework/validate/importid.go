package validate

import (
	"fmt"
	"strings"
)

// The id prefixes of the API's objects, named once for every package that checks or builds ids.
const (
	ProjectPrefix         = "FP-" // a project (FP-257A173659F5E1A2)
	FlowPrefix            = "F-"  // a flow
	JobPrefix             = "FJ-" // a job
	FolderPrefix          = "FC-" // a folder (the API's "category")
	ClusterPrefix         = "C-"  // a cluster (C-DCEE11B49C8F42B4)
	ClusterTemplatePrefix = "CT-" // a cluster template, from which a run may create its cluster
	FlowInstancePrefix    = "FI-" // a run of a flow (a flow instance)
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
