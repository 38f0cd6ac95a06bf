package emrapi

import (
	"errors"
	"testing"
)

// TestClusterSettingAbsence: no page gives the answer about a missing cluster setting, so absence
// is decided from ListFlowProjectClusterSetting, whatever the Describe (or Delete) answered: an
// error no client could match, or a successful, empty envelope. The sample answers are the
// shapes of DescribeFlowProjectClusterSetting.md (the "data" envelope) and the SDK's
// ListFlowProjectClusterSettingResponse.
func TestClusterSettingAbsence(t *testing.T) {
	const (
		listWith    = `{"RequestId":"R","PageNumber":1,"PageSize":20,"Total":1,"ClusterSettings":{"ClusterSetting":[{"ClusterId":"C-1","GmtCreate":5,"DefaultUser":"etl","UserList":{"User":["etl"]}}]}}`
		listWithout = `{"RequestId":"R","PageNumber":1,"PageSize":20,"Total":1,"ClusterSettings":{"ClusterSetting":[{"ClusterId":"C-2","GmtCreate":5}]}}`
		empty       = `{"code":"200","data":null}`
	)
	unmatched := flowErr("The association record could not be located for the given arguments (C-1)")
	cases := []struct {
		name      string
		replies   []reply
		wantFound bool   // the setting is returned
		wantGone  bool   // IsNotFound
		wantCalls int    // requests sent; 0: no ListFlowProjectClusterSetting among them
		wantUser  string // DefaultUser of the returned setting
	}{
		{name: "unmatched error, not listed", replies: []reply{unmatched, ok(listWithout)}, wantGone: true, wantCalls: 2},
		{name: "unmatched error, listed", replies: []reply{unmatched, ok(listWith)}, wantCalls: 2},
		{name: "project gone", replies: []reply{unmatched, flowErr("Project does not exist [FP-1]")}, wantGone: true, wantCalls: 2},
		{name: "empty envelope, not listed", replies: []reply{ok(empty), ok(listWithout)}, wantGone: true, wantCalls: 2},
		{name: "empty envelope, listed", replies: []reply{ok(empty), ok(listWith)}, wantFound: true, wantCalls: 2, wantUser: "etl"},
		{name: "flat answer", replies: []reply{ok(`{"RequestId":"R","ClusterId":"C-1","GmtCreate":5,"DefaultUser":"u"}`)}, wantFound: true, wantCalls: 1, wantUser: "u"},
		{name: "throttled: the list is not asked", replies: []reply{gatewayErr(400, "Throttling.User", "slow down")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, script(tc.replies...))
			c := newTestClient(t, api.URL, func(cfg *Config) { cfg.MaxRetries = 5 })
			s, err := c.DescribeClusterSetting(t.Context(), "FP-1", "C-1")
			if got := IsNotFound(err); got != tc.wantGone {
				t.Errorf("IsNotFound(%v) = %v, want %v", err, got, tc.wantGone)
			}
			if (s != nil) != tc.wantFound || (err == nil) != tc.wantFound {
				t.Fatalf("DescribeClusterSetting = %+v, %v", s, err)
			}
			if s != nil && (s.DefaultUser != tc.wantUser || s.ClusterID != "C-1" || s.ProjectID != "FP-1") {
				t.Errorf("setting = %+v", s)
			}
			lists := 0
			for _, r := range api.requests() {
				if r.Action == "ListFlowProjectClusterSetting" {
					lists++
				}
			}
			if tc.wantCalls > 0 && api.count() != tc.wantCalls {
				t.Errorf("%d requests, want %d", api.count(), tc.wantCalls)
			}
			if tc.wantCalls == 0 && lists != 0 {
				t.Errorf("the list was asked after a failure that is not the API's answer")
			}
		})
	}
	t.Run("delete of a setting already gone", func(t *testing.T) {
		api := newFakeAPI(t, script(unmatched, ok(listWithout)))
		c := newTestClient(t, api.URL, nil)
		err := c.DeleteClusterSetting(t.Context(), "FP-1", "C-1")
		var nf *NotFoundError
		if !errors.As(err, &nf) || nf.Kind != "cluster setting" {
			t.Fatalf("DeleteClusterSetting = %v, want a *NotFoundError", err)
		}
	})
}
