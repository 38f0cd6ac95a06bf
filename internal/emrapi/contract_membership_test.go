package emrapi

import (
	"context"
	"strings"
	"testing"
)

// TestContractMembership decodes, as-is, the sample answer and the sample error of the page of
// every cluster-setting, member and cluster-list action the provider calls
// (/work/shared/reference/api/<action>.md, "正常返回示例" / "异常返回示例"), through the client's
// own calls. Actions without a page (ListFlowProjectClusterSetting, CreateFlowProjectUser,
// ListFlowProjectUser) are decoded from the SDK's response types in
// TestClusterSettingAbsence, TestWritesDataFalse and membership_emulator_test.go.
func TestContractMembership(t *testing.T) {
	const (
		// CreateFlowProjectClusterSetting.md, DeleteFlowProjectClusterSetting.md.
		dataTrue = `{
	"Data":true,
	"RequestId":"ECC2D0D1-B6D5-468D-B698-30E8805EB574"
}`
		// ModifyFlowProjectClusterSetting.md (JSON sample).
		modifyAnswer = `{
	"successResponse":true,
	"requestId":"5ECD6EA1-838E-4BDF-96C8-AEAA40F04F48",
	"data":{
		"Data":true,
		"RequestId":"5ECD6EA1-838E-4BDF-96C8-AEAA40F04F48"
	},
	"code":"200"
}`
		// DeleteFlowProjectUser.md.
		dataTrueString = `{
	"Data":"true",
	"RequestId":"2670BCFB-925D-4C3E-9994-8D12F7A9F538"
}`
		// DescribeFlowProjectClusterSetting.md.
		describeAnswer = `{
	"code":"200",
	"data":{
		"ClusterId":"C-F32FB31D82954C64",
		"DefaultQueue":"undefined",
		"DefaultUser":"hadoop",
		"GmtCreate":1541561123000,
		"GmtModified":1542948908000,
		"HostList":{
			"Host":["emr-header-1.cluster-500159692"]
		},
		"ProjectId":"FP-3535FE0BE5224A47",
		"QueueList":{
			"Queue":[]
		},
		"RequestId":"80F270E8-27BD-4F24-BB2A-CD3FBCC450DA",
		"UserList":{
			"User":[]
		}
	},
	"requestId":"80F270E8-27BD-4F24-BB2A-CD3FBCC450DA",
	"successResponse":true
}`
		// ListFlowCluster.md and ListFlowClusterAll.md (the same sample; ListFlowCluster.md's
		// "error" sample is this success answer again, a slip of the page).
		clustersAnswer = `{
	"Clusters":{
		"ClusterInfo":[
			{
				"ChargeType":"PostPaid",
				"CreateResource":"ECM_EMR",
				"CreateTime":1542953603000,
				"FailReason":{},
				"HasUncompletedOrder":false,
				"Id":"C-4042079DFF01A3F5",
				"Name":"zx-presto-1",
				"OrderTaskInfo":{},
				"RunningTime":1322,
				"Status":"IDLE",
				"Type":"HADOOP"
			},
			{
				"ChargeType":"PostPaid",
				"CreateResource":"ECM_EMR",
				"CreateTime":1542950611000,
				"FailReason":{},
				"HasUncompletedOrder":false,
				"Id":"C-3D0B53253595DBB0",
				"Name":"zx-presto-213",
				"OrderTaskInfo":{},
				"RunningTime":4314,
				"Status":"IDLE",
				"Type":"HADOOP"
			}
		]
	},
	"PageNumber":1,
	"PageSize":10,
	"TotalCount":2
}`
	)
	sampleErr := func(msg, requestID string) reply {
		return reply{status: 400, body: `{
	"code":"FLOW_API_FAILED",
	"message":"` + msg + `",
	"requestId":"` + requestID + `",
	"successResponse":false
}`}
	}
	projectGone := sampleErr("Project does not exist [FP-3535FE0BE5224A4]", "93F6F3CF-B2AE-411A-948F-0F7293058CF5")
	cases := []struct {
		page   string
		answer reply
		call   func(context.Context, *Client) error
		check  func(t *testing.T, err error)
	}{
		{"CreateFlowProjectClusterSetting.md answer", ok(dataTrue), func(ctx context.Context, c *Client) error {
			return c.CreateClusterSetting(ctx, ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1"})
		}, noError},
		{"CreateFlowProjectClusterSetting.md error", sampleErr("Cluster host does not exit [[emr-header-1.cluster-12345]", "2FEF3292-084E-45D8-8D8A-C9B8867B3F37"),
			func(ctx context.Context, c *Client) error {
				return c.CreateClusterSetting(ctx, ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1", Hosts: []string{"emr-header-1.cluster-12345"}})
			}, func(t *testing.T, err error) {
				if !IsClusterHostNotFound(err) {
					t.Errorf("IsClusterHostNotFound(%v) = false", err)
				}
			}},
		{"ModifyFlowProjectClusterSetting.md answer", ok(modifyAnswer), func(ctx context.Context, c *Client) error {
			return c.ModifyClusterSetting(ctx, ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1"})
		}, noError},
		{"DeleteFlowProjectClusterSetting.md answer", ok(dataTrue), func(ctx context.Context, c *Client) error {
			return c.DeleteClusterSetting(ctx, "FP-1", "C-1")
		}, noError},
		{"DeleteFlowProjectClusterSetting.md error", sampleErr("Project does not exist [FP-E3F1523F8FC1D2E6]", "11BAFBD8-8509-4177-A26D-407505E73713"),
			func(ctx context.Context, c *Client) error {
				return c.DeleteClusterSetting(ctx, "FP-E3F1523F8FC1D2E6", "C-1")
			},
			isNotFound},
		{"DescribeFlowProjectClusterSetting.md answer", ok(describeAnswer), func(ctx context.Context, c *Client) error {
			s, err := c.DescribeClusterSetting(ctx, "FP-3535FE0BE5224A47", "C-F32FB31D82954C64")
			if err == nil && (s.DefaultUser != "hadoop" || s.DefaultQueue != "undefined" || s.GmtCreate != 1541561123000 ||
				len(s.Hosts) != 1 || len(s.Users) != 0) {
				t.Errorf("decoded %+v", s)
			}
			return err
		}, noError},
		{"DescribeFlowProjectClusterSetting.md error", projectGone, func(ctx context.Context, c *Client) error {
			_, err := c.DescribeClusterSetting(ctx, "FP-3535FE0BE5224A4", "C-1")
			return err
		}, isNotFound},
		{"DeleteFlowProjectUser.md answer", ok(dataTrueString), func(ctx context.Context, c *Client) error {
			return c.DeleteProjectUser(ctx, "FP-1", "alice")
		}, noError},
		{"DeleteFlowProjectUser.md error", sampleErr("Invalid type [INVALID_TYPE]", "11BAFBD8-8509-4177-A26D-407505E73713"),
			func(ctx context.Context, c *Client) error { return c.DeleteProjectUser(ctx, "FP-1", "alice") },
			func(t *testing.T, err error) {
				if err == nil || IsNotFound(err) || !strings.Contains(err.Error(), "Invalid type [INVALID_TYPE]") {
					t.Errorf("DeleteProjectUser = %v, want the API's refusal, not a not-found", err)
				}
			}},
		{"ListFlowCluster.md answer", ok(clustersAnswer), func(ctx context.Context, c *Client) error {
			got, err := c.ListFlowClusters(ctx, "FP-1")
			checkSampleClusters(t, got, err)
			return err
		}, noError},
		{"ListFlowClusterAll.md answer", ok(clustersAnswer), func(ctx context.Context, c *Client) error {
			got, complete, err := c.ListAllFlowClusters(ctx)
			if !complete {
				t.Error("TotalCount 2 with 2 clusters: not complete")
			}
			checkSampleClusters(t, got, err)
			return err
		}, noError},
		{"ListFlowClusterAll.md error", projectGone, func(ctx context.Context, c *Client) error {
			_, _, err := c.ListAllFlowClusters(ctx)
			return err
		}, func(t *testing.T, err error) {
			if !IsProjectNotFound(err) {
				t.Errorf("IsProjectNotFound(%v) = false", err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.page, func(t *testing.T) {
			api := newFakeAPI(t, script(tc.answer))
			c := newTestClient(t, api.URL, nil)
			tc.check(t, tc.call(t.Context(), c))
		})
	}
}

func noError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("the page's sample answer gave %v", err)
	}
}

func isNotFound(t *testing.T, err error) {
	t.Helper()
	if !IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
}

// checkSampleClusters checks the two clusters of ListFlowCluster(All).md's sample.
func checkSampleClusters(t *testing.T, got []Cluster, err error) {
	t.Helper()
	if err != nil {
		return
	}
	if len(got) != 2 || got[0].ID != "C-4042079DFF01A3F5" || got[0].Name != "zx-presto-1" || got[0].CreateTime != 1542953603000 ||
		got[1].RunningTime != 4314 || got[1].Status != "IDLE" || got[1].Type != "HADOOP" || got[0].ChargeType != "PostPaid" {
		t.Errorf("clusters = %+v", got)
	}
}

// TestEditLock: DescribeFlow's EditLockDetail (format undocumented) is no lock when blank or an
// empty JSON value, and kept as answered otherwise.
func TestEditLock(t *testing.T) {
	for in, want := range map[string]string{
		"": "", " ": "", "{}": "", "[]": "", "null": "", `""`: "",
		"alice": "alice", `{"userName":"alice"}`: `{"userName":"alice"}`,
	} {
		if got := editLock(in); got != want {
			t.Errorf("editLock(%q) = %q, want %q", in, got, want)
		}
	}
}
