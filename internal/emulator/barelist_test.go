package emulator_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// TestBareList: a bare, empty list parameter (UserList=, ResourceList=), which no page documents,
// clears the list on both families by default, and is ignored on both under ignore-bare-list.
func TestBareList(t *testing.T) {
	for _, tc := range []struct {
		switches string
		cleared  bool
	}{{"", true}, {emulator.SwitchIgnoreBareList, false}} {
		t.Run("switches="+tc.switches, func(t *testing.T) {
			f := newFixture(t, emulator.Config{Switches: tc.switches})
			p := f.createProject("p")

			mustOK(t, "create setting", f.createSetting(p, cluster1, func(r *emr.CreateFlowProjectClusterSettingRequest) {
				r.UserList = &[]string{"hadoop", "etl"}
			}))
			_, err := f.common(f.client, "2016-04-08", "ModifyFlowProjectClusterSetting", map[string]string{
				"ProjectId": p, "ClusterId": cluster1, "UserList": "",
			})
			mustOK(t, "modify setting", err)
			got, err := f.describeSetting(p, cluster1)
			mustOK(t, "describe setting", err)
			if cleared := len(got.UserList.User) == 0; cleared != tc.cleared {
				t.Errorf("users after a bare UserList: %v, want cleared=%v", got.UserList.User, tc.cleared)
			}

			job := f.createJob(p, "j")
			_, err = f.common(f.client, "2016-04-08", "ModifyFlowJob", map[string]string{
				"ProjectId": p, "Id": job, "Name": "j", "ResourceList.1.Path": "oss://b/a.jar",
			})
			mustOK(t, "add a resource", err)
			_, err = f.common(f.client, "2016-04-08", "ModifyFlowJob", map[string]string{
				"ProjectId": p, "Id": job, "Name": "j", "ResourceList": "",
			})
			mustOK(t, "modify job", err)
			req := emr.CreateDescribeFlowJobRequest()
			req.ProjectId, req.Id = p, job
			resp, err := f.client.DescribeFlowJob(req)
			mustOK(t, "describe job", err)
			var body struct {
				ResourceList struct{ Resource []json.RawMessage }
			}
			mustOK(t, "decode job", json.Unmarshal(resp.GetHttpContentBytes(), &body))
			if cleared := len(body.ResourceList.Resource) == 0; cleared != tc.cleared {
				t.Errorf("resources after a bare ResourceList: %s, want cleared=%v", body.ResourceList.Resource, tc.cleared)
			}
		})
	}
}

// TestNotFoundSwitches: the answers about a missing setting (and a user who is not a member) under
// empty-envelope and undocumented-not-found.
func TestNotFoundSwitches(t *testing.T) {
	for _, tc := range []struct {
		switches, wantBody, wantMsg string
	}{
		{"", "", "Cluster setting does not exist [" + cluster1 + "]"},
		{emulator.SwitchEmptyEnvelope, `{"code":"200","data":null}`, ""},
		{emulator.SwitchUndocumentedNotFound, "", "The association record could not be located"},
	} {
		t.Run("switches="+tc.switches, func(t *testing.T) {
			f := newFixture(t, emulator.Config{Switches: tc.switches})
			p := f.createProject("p")
			resp, err := f.describeSetting(p, cluster1)
			if tc.wantBody != "" {
				mustOK(t, "describe", err)
				var got, want any
				mustOK(t, "decode", json.Unmarshal(resp.GetHttpContentBytes(), &got))
				mustOK(t, "decode want", json.Unmarshal([]byte(tc.wantBody), &want))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("answer %s, want %s", resp.GetHttpContentString(), tc.wantBody)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("describe = %v, want an error with %q", err, tc.wantMsg)
			}
		})
	}
}
