package emulator_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

const (
	cluster1 = "C-0000000000000001"
	cluster2 = "C-0000000000000002"
	host1    = "emr-header-1.cluster-0000000000000001"
	gateway1 = "emr-gateway-1.cluster-0000000000000001"
)

func (f *fixture) createSetting(projectID, clusterID string, change func(*emr.CreateFlowProjectClusterSettingRequest)) error {
	f.t.Helper()
	req := emr.CreateCreateFlowProjectClusterSettingRequest()
	req.ProjectId, req.ClusterId = projectID, clusterID
	if change != nil {
		change(req)
	}
	_, err := f.client.CreateFlowProjectClusterSetting(req)
	return err
}

func (f *fixture) describeSetting(projectID, clusterID string) (*emr.DescribeFlowProjectClusterSettingResponse, error) {
	f.t.Helper()
	req := emr.CreateDescribeFlowProjectClusterSettingRequest()
	req.ProjectId, req.ClusterId = projectID, clusterID
	return f.client.DescribeFlowProjectClusterSetting(req)
}

func TestClusterSettingLifecycle(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")

	if emulator.ClusterAssociated(f.srv, testRegion, p, cluster1) {
		t.Fatal("associated before any setting")
	}
	// Create with nothing but the ids: the documented defaults, empty whitelists.
	mustOK(t, "create", f.createSetting(p, cluster1, nil))
	got, err := f.describeSetting(p, cluster1)
	mustOK(t, "describe", err)
	if got.DefaultUser != "hadoop" || got.DefaultQueue != "default" || got.ProjectId != p || got.ClusterId != cluster1 ||
		len(got.UserList.User)+len(got.QueueList.Queue)+len(got.HostList.Host) != 0 || got.GmtCreate == 0 {
		t.Fatalf("defaults: %+v", got)
	}
	if !emulator.ClusterAssociated(f.srv, testRegion, p, cluster1) || emulator.ClusterAssociated(f.srv, testRegion, p, cluster2) {
		t.Fatal("clusterAssociated does not follow the settings")
	}

	// Modify sets what it is given and keeps the rest.
	mod := emr.CreateModifyFlowProjectClusterSettingRequest()
	mod.ProjectId, mod.ClusterId = p, cluster1
	mod.DefaultQueue = "etl"
	mod.UserList = &[]string{"hadoop", "etl"}
	mod.QueueList = &[]string{"etl", "root.adhoc"}
	mod.HostList = &[]string{host1, gateway1}
	_, err = f.client.ModifyFlowProjectClusterSetting(mod)
	mustOK(t, "modify", err)
	mod = emr.CreateModifyFlowProjectClusterSettingRequest()
	mod.ProjectId, mod.ClusterId, mod.DefaultUser = p, cluster1, "etl"
	_, err = f.client.ModifyFlowProjectClusterSetting(mod)
	mustOK(t, "modify user only", err)
	got, err = f.describeSetting(p, cluster1)
	mustOK(t, "describe", err)
	if got.DefaultUser != "etl" || got.DefaultQueue != "etl" ||
		!reflect.DeepEqual(got.UserList.User, []string{"hadoop", "etl"}) ||
		!reflect.DeepEqual(got.QueueList.Queue, []string{"etl", "root.adhoc"}) ||
		!reflect.DeepEqual(got.HostList.Host, []string{host1, gateway1}) {
		t.Fatalf("after modify: %+v", got)
	}

	// A bare, empty list parameter clears the list (the SDK's typed request cannot send it).
	_, err = f.common(f.client, "2016-04-08", "ModifyFlowProjectClusterSetting", map[string]string{
		"ProjectId": p, "ClusterId": cluster1, "UserList": "", "HostList": "", "DefaultQueue": "",
	})
	mustOK(t, "clear", err)
	got, err = f.describeSetting(p, cluster1)
	mustOK(t, "describe", err)
	if len(got.UserList.User) != 0 || len(got.HostList.Host) != 0 || len(got.QueueList.Queue) != 2 || got.DefaultQueue != "default" {
		t.Fatalf("after clearing: %+v", got)
	}

	// The list and ListFlowCluster show it; ListFlowClusterAll shows every cluster, not templates.
	mustOK(t, "create 2", f.createSetting(p, cluster2, nil))
	list := emr.CreateListFlowProjectClusterSettingRequest()
	list.ProjectId = p
	lr, err := f.client.ListFlowProjectClusterSetting(list)
	mustOK(t, "list", err)
	if lr.Total != 2 || len(lr.ClusterSettings.ClusterSetting) != 2 || lr.ClusterSettings.ClusterSetting[0].ClusterId != cluster1 ||
		lr.ClusterSettings.ClusterSetting[0].ClusterName == "" {
		t.Fatalf("list: %+v", lr)
	}
	fc := emr.CreateListFlowClusterRequest()
	fc.ProjectId = p
	fr, err := f.client.ListFlowCluster(fc)
	mustOK(t, "ListFlowCluster", err)
	if fr.TotalCount != 2 || fr.Clusters.ClusterInfo[1].Id != cluster2 || fr.Clusters.ClusterInfo[1].Type != "HADOOP" {
		t.Fatalf("ListFlowCluster: %+v", fr)
	}
	ar, err := f.client.ListFlowClusterAll(emr.CreateListFlowClusterAllRequest())
	mustOK(t, "ListFlowClusterAll", err)
	var ids []string
	for _, c := range ar.Clusters.ClusterInfo {
		ids = append(ids, c.Id)
	}
	if want := []string{cluster1, cluster2, "C-0000000000000003"}; !reflect.DeepEqual(ids, want) || ar.TotalCount != 3 {
		t.Fatalf("ListFlowClusterAll: %v, want %v", ids, want)
	}
	hr := emr.CreateListFlowClusterAllHostsRequest()
	hr.ProjectId, hr.ClusterId = p, cluster1
	hosts, err := f.client.ListFlowClusterAllHosts(hr)
	mustOK(t, "ListFlowClusterAllHosts", err)
	if len(hosts.HostList.Host) != 2 || hosts.HostList.Host[0].HostName != host1 || hosts.HostList.Host[1].HostName != gateway1 {
		t.Fatalf("hosts: %+v", hosts.HostList)
	}

	// Delete, then it is gone.
	del := emr.CreateDeleteFlowProjectClusterSettingRequest()
	del.ProjectId, del.ClusterId = p, cluster1
	_, err = f.client.DeleteFlowProjectClusterSetting(del)
	mustOK(t, "delete", err)
	_, err = f.describeSetting(p, cluster1)
	flowErr(t, err, "Cluster setting does not exist ["+cluster1+"]")
	_, err = f.client.DeleteFlowProjectClusterSetting(del)
	flowErr(t, err, "Cluster setting does not exist ["+cluster1+"]")
	if emulator.ClusterAssociated(f.srv, testRegion, p, cluster1) {
		t.Fatal("still associated after delete")
	}
}

func TestClusterSettingErrors(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	for _, tc := range []struct {
		name    string
		project string
		cluster string
		change  func(*emr.CreateFlowProjectClusterSettingRequest)
		flow    string // flow-service message prefix
		gateway string // or gateway code
	}{
		{name: "unknown cluster", project: p, cluster: "C-FFFFFFFFFFFFFFFF", flow: "Cluster does not exist [C-FFFFFFFFFFFFFFFF]"},
		{name: "template", project: p, cluster: "CT-0000000000000001", flow: "Cluster does not exist [CT-0000000000000001]"},
		{name: "unknown project", project: "FP-FFFFFFFFFFFFFFFF", cluster: cluster1, flow: "Project does not exist [FP-FFFFFFFFFFFFFFFF]"},
		{name: "foreign host", project: p, cluster: cluster1, flow: "Cluster host does not exit [[emr-header-1.cluster-12345]",
			change: func(r *emr.CreateFlowProjectClusterSettingRequest) {
				r.HostList = &[]string{host1, "emr-header-1.cluster-12345"}
			}},
		{name: "host of another cluster", project: p, cluster: cluster2, flow: "Cluster host does not exit [[" + host1 + "]",
			change: func(r *emr.CreateFlowProjectClusterSettingRequest) { r.HostList = &[]string{host1} }},
		{name: "comma in user", project: p, cluster: cluster1, gateway: "InvalidParameter",
			change: func(r *emr.CreateFlowProjectClusterSettingRequest) { r.UserList = &[]string{"a,b"} }},
		{name: "space in queue", project: p, cluster: cluster1, gateway: "InvalidParameter",
			change: func(r *emr.CreateFlowProjectClusterSettingRequest) { r.QueueList = &[]string{"a b"} }},
		{name: "no cluster", project: p, gateway: "MissingParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.createSetting(tc.project, tc.cluster, tc.change)
			if tc.gateway != "" {
				gatewayErr(t, err, 400, tc.gateway)
				return
			}
			flowErr(t, err, tc.flow)
		})
	}
	mustOK(t, "create", f.createSetting(p, cluster1, nil))
	flowErr(t, f.createSetting(p, cluster1, nil), "Cluster setting already exists ["+cluster1+"]")
	// A failed Modify changes nothing.
	mod := emr.CreateModifyFlowProjectClusterSettingRequest()
	mod.ProjectId, mod.ClusterId, mod.DefaultUser = p, cluster1, "etl"
	mod.HostList = &[]string{"nowhere"}
	_, err := f.client.ModifyFlowProjectClusterSetting(mod)
	flowErr(t, err, "Cluster host does not exit [[nowhere]")
	got, err := f.describeSetting(p, cluster1)
	mustOK(t, "describe", err)
	if got.DefaultUser != "hadoop" {
		t.Fatalf("a refused Modify changed the setting: %+v", got)
	}
}

func TestProjectUsers(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	add := func(users ...emr.CreateFlowProjectUserUser) error {
		req := emr.CreateCreateFlowProjectUserRequest()
		req.ProjectId = p
		req.User = &users
		_, err := f.client.CreateFlowProjectUser(req)
		return err
	}
	mustOK(t, "add", add(emr.CreateFlowProjectUserUser{UserId: "200000000000001", UserName: "alice"},
		emr.CreateFlowProjectUserUser{UserId: "200000000000002", UserName: "bob.dev"}))
	flowErr(t, add(emr.CreateFlowProjectUserUser{UserId: "200000000000003", UserName: "alice"}), "User name already exists: [alice]")
	gatewayErr(t, add(emr.CreateFlowProjectUserUser{UserId: "abc", UserName: "carol"}), 400, "InvalidParameter")
	gatewayErr(t, add(emr.CreateFlowProjectUserUser{UserId: "1", UserName: "carol smith"}), 400, "InvalidParameter")
	gatewayErr(t, add(emr.CreateFlowProjectUserUser{UserName: "carol"}), 400, "MissingParameter")

	list := emr.CreateListFlowProjectUserRequest()
	list.ProjectId = p
	lr, err := f.client.ListFlowProjectUser(list)
	mustOK(t, "list", err)
	if lr.Total != 2 || lr.Users.User[0].UserName != "alice" || lr.Users.User[0].AccountUserId != "200000000000001" ||
		lr.Users.User[1].UserName != "bob.dev" || lr.Users.User[0].ProjectId != p || lr.Users.User[0].OwnerId == "" {
		t.Fatalf("list: %+v", lr)
	}
	del := emr.CreateDeleteFlowProjectUserRequest()
	del.ProjectId, del.UserName = p, "alice"
	_, err = f.client.DeleteFlowProjectUser(del)
	mustOK(t, "delete", err)
	_, err = f.client.DeleteFlowProjectUser(del)
	flowErr(t, err, "User does not exist [alice]")
	lr, err = f.client.ListFlowProjectUser(list)
	mustOK(t, "list", err)
	if lr.Total != 1 || lr.Users.User[0].UserName != "bob.dev" {
		t.Fatalf("list after delete: %+v", lr)
	}
}

// TestMembershipPersistedAndDroppedWithProject: settings and members survive a restart, and
// deleting their project (which they do not keep from being deleted) drops them.
func TestMembershipPersistedAndDroppedWithProject(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, emulator.Config{DataFile: file})
	p := f.createProject("p")
	mustOK(t, "setting", f.createSetting(p, cluster1, func(r *emr.CreateFlowProjectClusterSettingRequest) {
		r.UserList = &[]string{"etl"}
	}))
	req := emr.CreateCreateFlowProjectUserRequest()
	req.ProjectId, req.User = p, &[]emr.CreateFlowProjectUserUser{{UserId: "1", UserName: "alice"}}
	_, err := f.client.CreateFlowProjectUser(req)
	mustOK(t, "user", err)

	g := newFixture(t, emulator.Config{DataFile: file})
	got, err := g.describeSetting(p, cluster1)
	mustOK(t, "describe after restart", err)
	if !reflect.DeepEqual(got.UserList.User, []string{"etl"}) {
		t.Fatalf("after restart: %+v", got)
	}
	del := emr.CreateDeleteFlowProjectRequest()
	del.ProjectId = p
	_, err = g.client.DeleteFlowProject(del)
	mustOK(t, "delete project", err)
	raw, err := os.ReadFile(file)
	mustOK(t, "read", err)
	var data map[string]json.RawMessage
	mustOK(t, "decode", json.Unmarshal(raw, &data))
	if _, ok := data["clusterSettings"]; ok {
		t.Fatalf("settings of a deleted project persisted: %s", data["clusterSettings"])
	}
	if _, ok := data["projectUsers"]; ok {
		t.Fatalf("members of a deleted project persisted: %s", data["projectUsers"])
	}
}
