package emrapi

import "testing"

// TestIsNotFoundDocumentedMessages feeds IsNotFound every "does not exist" sample error of the doc
// pages (/work/shared/reference/api/<page>), whole bodies as the API sends them, through the same
// parsing as a real answer; and the documented errors that name a bad reference rather than the
// missing object asked for, which must not count.
func TestIsNotFoundDocumentedMessages(t *testing.T) {
	tests := []struct {
		page    string
		message string
		want    bool
	}{
		{"DeleteFlow.md", "Flow does not exist [F-12345]", true},
		{"DescribeFlowJob.md", "Flow Job does not exist [FJ-A10DB75C7D62A]", true},
		{"ListFlow.md", "Project does not exist [FP-3535FE0BE5224A4]", true},
		{"CreateFlowCategory.md", "Project does not exist [FP-C05787BC0EC88258]", true},
		{"DeleteFlowCategory.md", "Project does not exist [FP-ABD24A6163D31274]", true},
		{"DeleteFlowProjectClusterSetting.md", "Project does not exist [FP-E3F1523F8FC1D2E6]", true},
		{"DescribeFlowProjectClusterSetting.md", "Project does not exist [FP-3535FE0BE5224A4]", true},
		{"ListFlowInstance.md", "Project does not exist [FP-117AB3389E1AD9A34]", true},
		{"ListFlowJobHistory.md", "Project does not exist [FP-3535FE0BE5224A4]", true},
		{"ListFlowClusterAll.md", "Project does not exist [FP-3535FE0BE5224A4]", true},
		{"DeleteFlowProject.md", "project not exist", true},
		{"ModifyFlowProject.md", "project not exist", true},
		{"KillFlowJob.md", "project not exist", true},
		{"ResumeFlow.md", "project not exist", true},
		{"SubmitFlowJob.md", "project not exist", true},
		{"SuspendFlow.md", "project not exist", true},
		{"DescribeFlowNodeInstanceLauncherLog.md", "flow instance does not exist [FNI-2DC5BBC3D47FE45]", true},
		{"ListFlowNodeInstanceContainerStatus.md", "flow node instance does not exist [FNI-AFF866DB3A0BB0133]", true},
		// Undocumented, answered by emulators before the pages were read; still a missing object.
		{"(emulator before 2024)", "Job does not exist [FJ-1]", true},
		{"(emulator)", "Category does not exist [FC-1]", true},
		// Documented errors that are not "the object asked for is missing".
		{"CreateFlowProjectClusterSetting.md", "Cluster host does not exit [[emr-header-1.cluster-12345]", false},
		{"CloneFlow.md", "Flow name already exists: [0_copy]", false},
		{"CreateFlowJob.md", "Invalid job type [INVALID_TYPE]", false},
		{"CreateFlowProject.md", "Invalid project name [Project name longer than 256]", false},
		{"ListFlowProject.md", "Invalid Param[pageSize should less than 250]", false},
		{"DeleteFlowProjectUser.md", "Invalid type [INVALID_TYPE]", false},
		{"(emulator) bad reference", "Parent flow does not exist [F-2]", false},
		{"(emulator) bad reference", "Cluster does not exist [C-1]", false},
		{"(prefix only)", "Flowchart does not exist", false},
	}
	for _, tt := range tests {
		t.Run(tt.page+"/"+tt.message, func(t *testing.T) {
			body := `{"code":"FLOW_API_FAILED","message":"` + tt.message + `","requestId":"11BAFBD8","successResponse":false}`
			err := parseErrorBody("A", 400, nil, []byte(body))
			if err.Shape != ShapeFlow || err.Message != tt.message {
				t.Fatalf("parsed %+v", err)
			}
			if got := IsNotFound(err); got != tt.want {
				t.Errorf("IsNotFound(%q) = %v, want %v (%s)", tt.message, got, tt.want, tt.page)
			}
			if got := IsNotFound(notFound(err, "flow", "F-1")); got != tt.want {
				t.Errorf("IsNotFound(notFound(%q)) = %v", tt.message, got)
			}
		})
	}
}
