package emrapi

import (
	"fmt"
	"strings"
	"testing"
)

// The messages below are the sample errors of the pages in /work/shared/reference/api/ named on
// each row, or, where a row says so, an answer no page documents.
func TestVocabulary(t *testing.T) {
	flowErr := func(msg string) error {
		return &Error{Action: "A", Code: "FLOW_API_FAILED", Message: msg, Shape: ShapeFlow}
	}
	tests := []struct {
		msg              string
		projectNotFound  bool
		notEmpty         bool
		referenceHintFor string // a word the hint must hold; "" = no hint
	}{
		{msg: "Project does not exist [FP-D18E9976D2A3C36F]", projectNotFound: true, referenceHintFor: "project_id"}, // ListFlow.md
		{msg: "project not exist", projectNotFound: true},                                                            // DeleteFlowProject.md
		{msg: "Flow does not exist [F-1]"},                                                                           // DeleteFlow.md
		{msg: "Flow Job does not exist [FJ-1]", referenceHintFor: "job"},                                             // DescribeFlowJob.md
		{msg: "Category is not empty [FC-1]", notEmpty: true},                                                        // assumption: no page documents it
		{msg: "Cluster does not exist [C-1]", referenceHintFor: "cluster_id"},                                        // assumption
		{msg: "Parent flow does not exist [F-1]", referenceHintFor: "parent_flow_ids"},                               // assumption
		{msg: "Category does not exist [FC-1]", referenceHintFor: "folder"},                                          // assumption
		{msg: "Invalid project name [x]"},                                                                            // CreateFlowProject.md
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			for _, err := range []error{flowErr(tc.msg), fmt.Errorf("wrapped: %w", flowErr(tc.msg))} {
				if got := IsProjectNotFound(err); got != tc.projectNotFound {
					t.Errorf("IsProjectNotFound(%v) = %v", err, got)
				}
				if got := IsNotEmpty(err); got != tc.notEmpty {
					t.Errorf("IsNotEmpty(%v) = %v", err, got)
				}
				hint := ReferenceHint(err)
				if (hint != "") != (tc.referenceHintFor != "") {
					t.Errorf("ReferenceHint(%v) = %q", err, hint)
				}
				if tc.referenceHintFor != "" && !containsFold(hint, tc.referenceHintFor) {
					t.Errorf("ReferenceHint(%v) = %q, want it to name %q", err, hint, tc.referenceHintFor)
				}
			}
		})
	}
	// A network failure says nothing about the server's objects, whatever its text.
	netErr := &Error{Action: "A", Message: "Project does not exist", Shape: ShapeNetwork}
	if IsProjectNotFound(netErr) || IsNotEmpty(&Error{Message: "is not empty", Shape: ShapeNetwork}) {
		t.Error("a network error was classified by its text")
	}
	if IsProjectNotFound(nil) || IsNotEmpty(nil) || ReferenceHint(nil) != "" {
		t.Error("nil error classified")
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// The cluster setting's refusals (no page documents them; the emulator's wording).
func TestClusterSettingVocabulary(t *testing.T) {
	flowErr := func(msg string) error {
		return fmt.Errorf("wrapped: %w", &Error{Action: "A", Code: "FLOW_API_FAILED", Message: msg, Shape: ShapeFlow})
	}
	tests := []struct {
		msg                          string
		cluster, host, settingExists bool
	}{
		{msg: "Cluster does not exist [C-1]", cluster: true},
		{msg: "Cluster host does not exit [[h1]", host: true},
		{msg: "Cluster host does not exist [h1]", host: true},
		{msg: "Cluster setting already exists [C-1]", settingExists: true},
		{msg: "Project does not exist [FP-1]"},
		{msg: "Cluster setting does not exist [C-1]"},
	}
	for _, tc := range tests {
		err := flowErr(tc.msg)
		if got := IsClusterNotFound(err); got != tc.cluster {
			t.Errorf("IsClusterNotFound(%q) = %v", tc.msg, got)
		}
		if got := IsClusterHostNotFound(err); got != tc.host {
			t.Errorf("IsClusterHostNotFound(%q) = %v", tc.msg, got)
		}
		if got := IsSettingExists(err); got != tc.settingExists {
			t.Errorf("IsSettingExists(%q) = %v", tc.msg, got)
		}
	}
	netErr := &Error{Action: "A", Message: "Cluster does not exist", Shape: ShapeNetwork}
	if IsClusterNotFound(netErr) || IsClusterNotFound(nil) || IsClusterHostNotFound(nil) || IsSettingExists(nil) {
		t.Error("a network or nil error was classified by its text")
	}
}
