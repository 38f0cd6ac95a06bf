package emrapi_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func TestEmulatorClusterSettings(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	p := mustProject(t, c, "settings")

	in := emrapi.ClusterSettingInput{ProjectID: p, ClusterID: cluster, Users: []string{"hadoop", "etl"},
		Hosts: []string{"emr-header-1.cluster-0000000000000001"}}
	if err := c.CreateClusterSetting(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := c.DescribeClusterSetting(ctx, p, cluster)
	if err != nil {
		t.Fatal(err)
	}
	if got.DefaultUser != "hadoop" || got.DefaultQueue != "default" || !reflect.DeepEqual(got.Users, in.Users) ||
		len(got.Queues) != 0 || !reflect.DeepEqual(got.Hosts, in.Hosts) || got.ProjectID != p {
		t.Fatalf("describe: %+v", got)
	}

	// Modify sets the defaults and the lists it has items for; an empty one keeps its items (the
	// resource replaces a setting whose list is emptied).
	mod := emrapi.ClusterSettingInput{ProjectID: p, ClusterID: cluster, DefaultUser: "etl", DefaultQueue: "q1",
		Queues: []string{"q1", "q2"}}
	if err := c.ModifyClusterSetting(ctx, mod); err != nil {
		t.Fatal(err)
	}
	got, err = c.DescribeClusterSetting(ctx, p, cluster)
	if err != nil {
		t.Fatal(err)
	}
	if got.DefaultUser != "etl" || got.DefaultQueue != "q1" || !reflect.DeepEqual(got.Users, in.Users) ||
		!reflect.DeepEqual(got.Hosts, in.Hosts) || !reflect.DeepEqual(got.Queues, mod.Queues) {
		t.Fatalf("after modify: %+v", got)
	}

	list, err := c.ListClusterSettings(ctx, p)
	if err != nil || len(list) != 1 || list[0].ClusterID != cluster || list[0].ClusterName == "" {
		t.Fatalf("list: %+v, %v", list, err)
	}
	clusters, err := c.ListFlowClusters(ctx, p)
	if err != nil || len(clusters) != 1 || clusters[0].ID != cluster || clusters[0].Status != "IDLE" {
		t.Fatalf("ListFlowClusters: %+v, %v", clusters, err)
	}
	all, complete, err := c.ListAllFlowClusters(ctx)
	if err != nil || len(all) != 3 || !complete || all[0].ID != cluster || all[0].Name == "" || all[0].CreateTime == 0 {
		t.Fatalf("ListAllFlowClusters: %+v (complete %v), %v", all, complete, err)
	}

	if err := c.DeleteClusterSetting(ctx, p, cluster); err != nil {
		t.Fatal(err)
	}
	var nf *emrapi.NotFoundError
	if _, err := c.DescribeClusterSetting(ctx, p, cluster); !errors.As(err, &nf) || nf.Kind != "cluster setting" || !emrapi.IsNotFound(err) {
		t.Fatalf("describe after delete: %v", err)
	}
	if err := c.DeleteClusterSetting(ctx, p, cluster); !emrapi.IsNotFound(err) {
		t.Fatalf("delete twice: %v", err)
	}
	if _, err := c.DescribeClusterSetting(ctx, "FP-FFFFFFFFFFFFFFFF", cluster); !emrapi.IsNotFound(err) {
		t.Fatalf("describe in a missing project: %v", err)
	}
	// A cluster the project cannot use is an error, not a not-found.
	err = c.CreateClusterSetting(ctx, emrapi.ClusterSettingInput{ProjectID: p, ClusterID: clusterTemplate})
	var apiErr *emrapi.Error
	if !errors.As(err, &apiErr) || apiErr.Message != "Cluster does not exist ["+clusterTemplate+"]" || emrapi.IsNotFound(err) {
		t.Fatalf("template: %v", err)
	}
}

func TestEmulatorProjectUsers(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	p := mustProject(t, c, "users")
	if err := c.CreateProjectUser(ctx, p, "200000000000001", "alice"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateProjectUser(ctx, p, "200000000000001", "alice"); !emrapi.IsAlreadyExists(err) {
		t.Fatalf("second add: %v", err)
	}
	u, err := c.FindProjectUser(ctx, p, "alice")
	if err != nil || u.UserID != "200000000000001" || u.ProjectID != p {
		t.Fatalf("find: %+v, %v", u, err)
	}
	if _, err := c.FindProjectUser(ctx, p, "bob"); !emrapi.IsNotFound(err) {
		t.Fatalf("find a stranger: %v", err)
	}
	if _, err := c.FindProjectUser(ctx, "FP-FFFFFFFFFFFFFFFF", "alice"); !emrapi.IsNotFound(err) {
		t.Fatalf("find in a missing project: %v", err)
	}
	if err := c.DeleteProjectUser(ctx, p, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteProjectUser(ctx, p, "alice"); !emrapi.IsNotFound(err) {
		t.Fatalf("delete twice: %v", err)
	}
}
