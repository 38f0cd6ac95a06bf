package emulator_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// TestAnswerProfilesSettings: the profiles reshape the cluster settings' answers too: strings
// answers the whitelists comma-joined (DescribeFlowProjectClusterSetting.md types them String),
// shuffled reverses them, documented wraps the setting in the page's {"code","data"} envelope,
// sparse drops the empty ones.
func TestAnswerProfilesSettings(t *testing.T) {
	cases := []struct {
		profile string
		check   func(t *testing.T, body map[string]any)
	}{
		{emulator.AnswersStrings, func(t *testing.T, body map[string]any) {
			if body["UserList"] != "etl,hadoop" || body["QueueList"] != "" || body["GmtCreate"] == nil {
				t.Errorf("strings: %v", body)
			}
			if _, isString := body["GmtCreate"].(string); !isString {
				t.Errorf("strings: GmtCreate %v is not a string", body["GmtCreate"])
			}
		}},
		{emulator.AnswersShuffled, func(t *testing.T, body map[string]any) {
			users, _ := body["UserList"].(map[string]any)
			if !reflect.DeepEqual(users["User"], []any{"hadoop", "etl"}) {
				t.Errorf("shuffled: %v", body["UserList"])
			}
		}},
		{emulator.AnswersDocumented, func(t *testing.T, body map[string]any) {
			data, _ := body["data"].(map[string]any)
			if body["code"] != "200" || data["ClusterId"] != cluster1 || body["successResponse"] != true {
				t.Errorf("documented: %v", body)
			}
		}},
		{emulator.AnswersSparse, func(t *testing.T, body map[string]any) {
			if _, has := body["QueueList"]; has {
				t.Errorf("sparse: %v", body)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.profile, func(t *testing.T) {
			f := newFixture(t, emulator.Config{Answers: tc.profile})
			p := f.createProject("p")
			mustOK(t, "create", f.createSetting(p, cluster1, func(r *emr.CreateFlowProjectClusterSettingRequest) {
				r.UserList = &[]string{"etl", "hadoop"}
			}))
			resp, err := f.common(f.client, "2016-04-08", "DescribeFlowProjectClusterSetting", map[string]string{"ProjectId": p, "ClusterId": cluster1})
			mustOK(t, "describe", err)
			var body map[string]any
			mustOK(t, "decode", json.Unmarshal(resp.GetHttpContentBytes(), &body))
			tc.check(t, body)
		})
	}
}
