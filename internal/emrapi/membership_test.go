package emrapi

import (
	"fmt"
	"reflect"
	"testing"
)

// TestClusterSettingParameters: Create and Modify send only the whitelists' items, never a bare,
// empty list parameter, which no page documents (an emptied list replaces the setting instead).
func TestClusterSettingParameters(t *testing.T) {
	api := newFakeAPI(t, func(int, recorded) reply { return ok(`{"RequestId":"R","Data":true}`) })
	c := newTestClient(t, api.URL, nil)
	in := ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1", Users: []string{"a", "b"}}
	if err := c.CreateClusterSetting(t.Context(), in); err != nil {
		t.Fatal(err)
	}
	if err := c.ModifyClusterSetting(t.Context(), ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1",
		DefaultUser: "hadoop", DefaultQueue: "default", Hosts: []string{"h1"}}); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	create, modify := reqs[0], reqs[1]
	for k, want := range map[string]string{"ProjectId": "FP-1", "ClusterId": "C-1", "UserList.1": "a", "UserList.2": "b"} {
		if v, _ := create.param(k); v != want {
			t.Errorf("create %s = %q, want %q", k, v, want)
		}
	}
	for _, k := range []string{"UserList", "QueueList", "HostList", "QueueList.1", "DefaultUser", "DefaultQueue"} {
		if _, has := create.param(k); has {
			t.Errorf("create sent %s", k)
		}
	}
	for k, want := range map[string]string{"DefaultUser": "hadoop", "DefaultQueue": "default", "HostList.1": "h1"} {
		if v, has := modify.param(k); !has || v != want {
			t.Errorf("modify %s = %q (sent %v), want %q", k, v, has, want)
		}
	}
	for _, k := range []string{"UserList", "QueueList", "HostList"} {
		if _, has := modify.param(k); has {
			t.Errorf("modify sent a bare %s", k)
		}
	}
}

// TestCreatesNotRetriedAfterUnknownOutcome: a 5xx may have executed the create; it is not sent
// again (the caller looks the object up), while a throttled one is.
func TestMembershipCreatesNotRetriedAfterUnknownOutcome(t *testing.T) {
	for name, create := range map[string]func(*Client) error{
		"setting": func(c *Client) error {
			return c.CreateClusterSetting(t.Context(), ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1"})
		},
		"user": func(c *Client) error { return c.CreateProjectUser(t.Context(), "FP-1", "1", "alice") },
	} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(n int, _ recorded) reply {
				switch n {
				case 0:
					return gatewayErr(400, "Throttling.User", "slow down")
				case 1:
					return gatewayErr(500, "InternalError", "boom")
				}
				return ok(`{"RequestId":"R","Data":true}`)
			})
			c := newTestClient(t, api.URL, nil)
			if err := create(c); err == nil || !IsUnknownOutcome(err) {
				t.Fatalf("want the unknown outcome, got %v", err)
			}
			if api.count() != 2 {
				t.Fatalf("%d requests, want 2 (one throttled, one unknown)", api.count())
			}
		})
	}
}

// TestSettingAnswerShapes: DescribeFlowProjectClusterSetting read flat (the SDK's shape) or in the
// page's "data" envelope, with lists as objects or arrays.
func TestSettingAnswerShapes(t *testing.T) {
	want := &ClusterSetting{ProjectID: "FP-3535FE0BE5224A47", ClusterID: "C-F32FB31D82954C64", DefaultUser: "hadoop",
		DefaultQueue: "undefined", Hosts: []string{"emr-header-1.cluster-500159692"}, GmtCreate: 1541561123000, GmtModified: 1542948908000}
	for name, body := range map[string]string{
		// The page's sample answer, verbatim.
		"envelope": `{"code":"200","data":{"ClusterId":"C-F32FB31D82954C64","DefaultQueue":"undefined","DefaultUser":"hadoop",` +
			`"GmtCreate":1541561123000,"GmtModified":1542948908000,"HostList":{"Host":["emr-header-1.cluster-500159692"]},` +
			`"ProjectId":"FP-3535FE0BE5224A47","QueueList":{"Queue":[]},"RequestId":"80F270E8","UserList":{"User":[]}},` +
			`"requestId":"80F270E8","successResponse":true}`,
		"flat": `{"RequestId":"R","ClusterId":"C-F32FB31D82954C64","DefaultQueue":"undefined","DefaultUser":"hadoop",` +
			`"GmtCreate":"1541561123000","GmtModified":1542948908000,"HostList":["emr-header-1.cluster-500159692"],` +
			`"ProjectId":"FP-3535FE0BE5224A47","UserList":null}`,
	} {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(int, recorded) reply { return ok(body) })
			c := newTestClient(t, api.URL, nil)
			got, err := c.DescribeClusterSetting(t.Context(), "FP-3535FE0BE5224A47", "C-F32FB31D82954C64")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestClusterListWalk: ListFlowClusterAll's pages are walked by TotalCount, and a server that
// ignores PageNumber (repeating its one page) does not loop or duplicate, and is known to have
// answered an incomplete list.
func TestClusterListWalk(t *testing.T) {
	page := `{"Clusters":{"ClusterInfo":[{"Id":"C-1","Name":"a","CreateTime":1542953603000,"FailReason":{}},` +
		`{"Id":"C-2","Name":"b","HasUncompletedOrder":"false"}]},"PageNumber":1,"PageSize":10,"TotalCount":%d}`
	for _, tc := range []struct {
		total, wantCalls int
		wantComplete     bool
	}{{3, 2, false}, {2, 1, true}, {0, 1, true}} {
		api := newFakeAPI(t, func(int, recorded) reply { return ok(fmt.Sprintf(page, tc.total)) })
		c := newTestClient(t, api.URL, nil)
		got, complete, err := c.ListAllFlowClusters(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != "C-1" || got[1].Name != "b" || got[0].CreateTime != 1542953603000 ||
			api.count() != tc.wantCalls || complete != tc.wantComplete {
			t.Fatalf("TotalCount %d: got %+v (complete %v) after %d requests", tc.total, got, complete, api.count())
		}
	}
}

// TestStringListDecode: the whitelists of DescribeFlowProjectClusterSetting (and its list's
// items) as the SDK types them ({"User":[…]}), as bare arrays, and as the page types them
// (String), comma-separated as the console takes them.
func TestStringListDecode(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`{"User":["a","b"]}`, []string{"a", "b"}},
		{`{"Queue":[]}`, nil},
		{`["a","b"]`, []string{"a", "b"}},
		{`null`, nil},
		{`""`, nil},
		{`"a"`, []string{"a"}},
		{`"a,b"`, []string{"a", "b"}},
		{`"a, b ,,c"`, []string{"a", "b", "c"}},
		{`{"Host":"h1,h2"}`, []string{"h1", "h2"}},
		{`" , "`, nil},
	}
	for _, tc := range cases {
		var got stringList
		if err := got.UnmarshalJSON([]byte(tc.in)); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual([]string(got), tc.want) {
			t.Errorf("%s = %q, want %q", tc.in, got, tc.want)
		}
	}
	var bad stringList
	if err := bad.UnmarshalJSON([]byte(`12`)); err == nil {
		t.Error("a number decoded as a list")
	}
}
