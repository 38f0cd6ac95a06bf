package emrapi_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

const (
	cluster         = "C-0000000000000001"
	clusterTemplate = "CT-0000000000000001"
)

// startEmulator runs an in-memory emulator and returns it with a client pointed at it.
func startEmulator(t *testing.T, mod func(*emrapi.Config)) (*emulator.Server, *emrapi.Client) {
	t.Helper()
	srv, err := emulator.New(emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	cfg := emrapi.Config{
		RegionID:        "cn-hangzhou",
		Endpoint:        ts.URL,
		AccessKeyID:     emulator.DefaultAccessKeyID,
		AccessKeySecret: emulator.DefaultAccessKeySecret,
		MaxRetries:      3,
		RetryBaseDelay:  time.Millisecond,
		RetryMaxDelay:   10 * time.Millisecond,
		HTTPTimeout:     10 * time.Second,
		UserAgent:       "terraform-provider-emrflow/test",
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := emrapi.New(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func mustProject(t *testing.T, c *emrapi.Client, name string) string {
	t.Helper()
	id, err := c.CreateProject(t.Context(), emrapi.ProjectInput{Name: name, Description: "test project"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEmulatorFlows(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	pid := mustProject(t, c, "flows")
	parent, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "parent", Description: "p", ClusterID: cluster})
	if err != nil {
		t.Fatal(err)
	}
	folder, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: pid, Name: "etl", Type: "FLOW"})
	if err != nil {
		t.Fatal(err)
	}

	graph := `{"nodes":[{"id":"start","index":0,"type":"node","shape":"startControlNode","label":"start","attribute":{"type":"START"}}],"edges":[]}`
	alert := `{"items":[{"eventId":"EMR-210401001","enabled":true,"alertUserGroupIdList":["AUG-1"]}]}`
	in := emrapi.FlowInput{
		ProjectID: pid, Name: "daily", Description: "daily run", ClusterID: cluster,
		CronExpr: "0 0 0-23/1 * * ?", StartSchedule: 1700000000000, EndSchedule: 1900000000000,
		HostName: "emr-header-1", Graph: graph, AlertConf: alert, ParentFlowIDs: []string{parent},
		ParentCategory: folder, Namespace: "ns", LogArchiveLocation: "oss://bucket/logs",
	}
	id, err := c.CreateFlow(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(id, "F-") {
		t.Errorf("id %q", id)
	}

	f, err := c.DescribeFlow(ctx, pid, id)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != id || f.ProjectID != pid || f.Name != "daily" || f.Description != "daily run" || f.ClusterID != cluster ||
		f.CronExpr != in.CronExpr || f.StartSchedule != in.StartSchedule || f.EndSchedule != in.EndSchedule ||
		f.HostName != "emr-header-1" || f.CategoryID != folder || f.Namespace != "ns" || f.LogArchiveLocation != in.LogArchiveLocation ||
		f.Status != "STOP_SCHEDULE" || !f.Periodic || !slices.Equal(f.ParentFlowIDs, []string{parent}) || f.GmtCreate == 0 {
		t.Errorf("described %+v", f)
	}
	if !strings.Contains(f.Graph, `"startControlNode"`) || !strings.Contains(f.AlertConf, "EMR-210401001") {
		t.Errorf("graph %s, alert %s", f.Graph, f.AlertConf)
	}

	// Same name again: refused, and told apart.
	if _, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "daily", ClusterID: cluster}); !emrapi.IsAlreadyExists(err) {
		t.Errorf("want already exists, got %v", err)
	}

	found, err := c.FindFlowByName(ctx, pid, "daily")
	if err != nil || found.ID != id || found.ProjectID != pid {
		t.Errorf("FindFlowByName: %+v, %v", found, err)
	}
	if _, err := c.FindFlowByName(ctx, pid, "dail"); !emrapi.IsNotFound(err) {
		t.Errorf("FindFlowByName of a prefix: want not found, got %v", err)
	}
	all, err := c.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: pid})
	if err != nil || len(all) != 2 {
		t.Errorf("ListFlows: %d flows, %v", len(all), err)
	}

	// Modify with the optional fields removed: the empty parameters clear them.
	in2 := emrapi.FlowInput{ProjectID: pid, Name: "daily-2", Description: "", ClusterID: clusterTemplate, CreateCluster: true, Graph: graph}
	if err := c.ModifyFlow(ctx, id, in2); err != nil {
		t.Fatal(err)
	}
	f, err = c.DescribeFlow(ctx, pid, id)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "daily-2" || f.Description != "" || f.ClusterID != clusterTemplate || !f.CreateCluster || f.CronExpr != "" ||
		f.StartSchedule != 0 || f.EndSchedule != 0 || f.HostName != "" || f.AlertConf != "" || len(f.ParentFlowIDs) != 0 ||
		f.CategoryID != "" || f.Namespace != "" || f.LogArchiveLocation != "" || f.Periodic {
		t.Errorf("after clearing: %+v", f)
	}

	// Scheduling needs a cron expression.
	in2.Status = "UNDER_SCHEDULE"
	if err := c.ModifyFlow(ctx, id, in2); err == nil || !strings.Contains(err.Error(), "Flow is not periodic") {
		t.Errorf("want 'Flow is not periodic', got %v", err)
	}
	// A scheduled flow is periodic (ModifyFlow.md's Periodic), as the flow resource sends it.
	in2.CronExpr, in2.StartSchedule, in2.Periodic = "0 0 * * * ?", 1700000000000, true
	if err := c.ModifyFlow(ctx, id, in2); err != nil {
		t.Fatal(err)
	}
	if f, err = c.DescribeFlow(ctx, pid, id); err != nil || f.Status != "UNDER_SCHEDULE" {
		t.Errorf("status: %+v, %v", f, err)
	}

	if err := c.DeleteFlow(ctx, pid, id); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeFlow(ctx, pid, id)
	var nf *emrapi.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "flow" || nf.ID != id {
		t.Errorf("after delete: want a NotFoundError, got %v", err)
	}
	if err := c.DeleteFlow(ctx, pid, id); !emrapi.IsNotFound(err) {
		t.Errorf("second delete: want not found, got %v", err)
	}
	if _, err := c.DescribeFlow(ctx, "FP-0000000000000000", parent); !emrapi.IsNotFound(err) {
		t.Errorf("flow of a missing project: want not found, got %v", err)
	}
}

func TestEmulatorProjects(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	id, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: "alpha", Description: "first", ResourceGroupID: "rg-acc"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.DescribeProject(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != id || p.Name != "alpha" || p.Description != "first" || p.GmtCreate == 0 {
		t.Errorf("described %+v", p)
	}
	if _, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: "alpha", Description: "x"}); !emrapi.IsAlreadyExists(err) {
		t.Errorf("want already exists, got %v", err)
	}
	if err := c.ModifyProject(ctx, id, emrapi.ProjectInput{Name: "beta", Description: ""}); err != nil {
		t.Fatal(err)
	}
	if p, err = c.DescribeProject(ctx, id); err != nil || p.Name != "beta" || p.Description != "" {
		t.Errorf("after modify: %+v, %v", p, err)
	}
	found, err := c.FindProjectByName(ctx, "beta")
	// ListFlowProject.md and the SDK's Project item have no ResourceGroupId: it is only a filter.
	if err != nil || found.ID != id || found.ResourceGroupID != "" {
		t.Errorf("FindProjectByName: %+v, %v", found, err)
	}
	list, err := c.ListProjects(ctx, emrapi.ListProjectsInput{ResourceGroupID: "rg-acc"})
	if err != nil || len(list) != 1 {
		t.Errorf("ListProjects: %+v, %v", list, err)
	}

	// A project that holds a flow cannot be deleted.
	fid, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: id, Name: "f", ClusterID: cluster})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteProject(ctx, id); err == nil || !strings.Contains(err.Error(), "Project is not empty") || emrapi.IsRetryable(err) {
		t.Errorf("want 'Project is not empty', got %v", err)
	}
	if err := c.DeleteFlow(ctx, id, fid); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteProject(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeProject(ctx, id); !emrapi.IsNotFound(err) {
		t.Errorf("after delete: want not found, got %v", err)
	}
	if _, err := c.FindProjectByName(ctx, "beta"); !emrapi.IsNotFound(err) {
		t.Errorf("FindProjectByName after delete: want not found, got %v", err)
	}
}

func TestEmulatorJobs(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	pid := mustProject(t, c, "jobs")
	folder, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: pid, Name: "jobs", Type: "JOB"})
	if err != nil {
		t.Fatal(err)
	}
	in := emrapi.JobInput{
		ProjectID: pid, Name: "extract", Type: "SHELL", Description: "extract data",
		Params: "echo hello && sleep 1", ParamConf: `{"date":"${yyyyMMdd}"}`, CustomVariables: `[]`,
		EnvConf: `{"A":"1"}`, RunConf: `{"priority":1,"userName":"hadoop"}`, MonitorConf: `{}`,
		Mode: "YARN", FailAct: "STOP", MaxRetry: 2, RetryInterval: 60, MaxRunningTimeSec: 3600,
		ClusterID: cluster, Adhoc: true, ParentCategory: folder,
		Resources: []emrapi.JobResource{{Path: "oss://bucket/a.jar", Alias: "a"}, {Path: "hdfs:///b.py", Alias: "b"}},
	}
	id, err := c.CreateJob(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	j, err := c.DescribeJob(ctx, pid, id)
	if err != nil {
		t.Fatal(err)
	}
	want := emrapi.Job{
		ID: id, ProjectID: pid, Name: "extract", Type: "SHELL", Description: "extract data", Params: in.Params,
		ParamConf: in.ParamConf, CustomVariables: in.CustomVariables, EnvConf: in.EnvConf, RunConf: in.RunConf,
		MonitorConf: in.MonitorConf, Mode: "YARN", FailAct: "STOP", MaxRetry: 2, RetryInterval: 60,
		MaxRunningTimeSec: 3600, Adhoc: true, CategoryID: folder, Resources: in.Resources,
		GmtCreate: j.GmtCreate, GmtModified: j.GmtModified, LastInstanceID: j.LastInstanceID,
	}
	if !reflect.DeepEqual(*j, want) {
		t.Errorf("described\n %+v\nwant\n %+v", *j, want)
	}

	if _, err := c.CreateJob(ctx, emrapi.JobInput{ProjectID: pid, Name: "bad", Type: "INVALID_TYPE"}); err == nil || !strings.Contains(err.Error(), "Invalid job type") {
		t.Errorf("want 'Invalid job type', got %v", err)
	}

	// Modify with most fields removed: ModifyFlowJob.md's fields are cleared; the ad-hoc flag,
	// the folder and the resources are not ModifyFlowJob's to change and stay.
	if err := c.ModifyJob(ctx, id, emrapi.JobInput{ProjectID: pid, Name: "extract-2", Params: "true", ParentCategory: "FC-X"}); err != nil {
		t.Fatal(err)
	}
	j, err = c.DescribeJob(ctx, pid, id)
	if err != nil {
		t.Fatal(err)
	}
	if j.Name != "extract-2" || j.Type != "SHELL" || j.Params != "true" || j.Description != "" || j.Mode != "" || j.FailAct != "" ||
		j.MaxRetry != 0 || j.ClusterID != "" || !j.Adhoc || j.CategoryID != folder || !reflect.DeepEqual(j.Resources, in.Resources) || j.EnvConf != "" {
		t.Errorf("after clearing: %+v", j)
	}
	// Resources are replaced by others.
	other := []emrapi.JobResource{{Path: "oss://bucket/c.jar"}}
	if err := c.ModifyJob(ctx, id, emrapi.JobInput{ProjectID: pid, Name: "extract-2", Params: "true", Resources: other}); err != nil {
		t.Fatal(err)
	}
	if j, err = c.DescribeJob(ctx, pid, id); err != nil || !reflect.DeepEqual(j.Resources, other) {
		t.Errorf("after replacing resources: %+v, %v", j, err)
	}

	found, err := c.FindJobByName(ctx, pid, "extract-2")
	if err != nil || found.ID != id || found.ProjectID != pid {
		t.Errorf("FindJobByName: %+v, %v", found, err)
	}
	list, err := c.ListJobs(ctx, emrapi.ListJobsInput{ProjectID: pid, Type: "SHELL"})
	if err != nil || len(list) != 1 {
		t.Errorf("ListJobs: %+v, %v", list, err)
	}
	if err := c.DeleteJob(ctx, pid, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeJob(ctx, pid, id); !emrapi.IsNotFound(err) {
		t.Errorf("after delete: want not found, got %v", err)
	}
}

func TestEmulatorCategories(t *testing.T) {
	_, c := startEmulator(t, nil)
	ctx := t.Context()
	pid := mustProject(t, c, "categories")
	top, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: pid, Name: "top", Type: "FLOW"})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: pid, Name: "sub", Type: "FLOW", ParentID: top})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := c.DescribeCategory(ctx, pid, sub)
	if err != nil {
		t.Fatal(err)
	}
	if cat.ID != sub || cat.ProjectID != pid || cat.Name != "sub" || cat.ParentID != top || cat.Type != "FLOW" || cat.CategoryType != "FOLDER" {
		t.Errorf("described %+v", cat)
	}
	if _, err := c.CreateCategory(ctx, emrapi.CategoryInput{ProjectID: pid, Name: "sub", Type: "FLOW", ParentID: top}); !emrapi.IsAlreadyExists(err) {
		t.Errorf("want already exists, got %v", err)
	}
	if err := c.DeleteCategory(ctx, pid, top); err == nil || !strings.Contains(err.Error(), "Category is not empty") {
		t.Errorf("want 'Category is not empty', got %v", err)
	}
	// Rename and move to the root: the empty ParentId is sent and honoured.
	if err := c.ModifyCategory(ctx, sub, emrapi.CategoryInput{ProjectID: pid, Name: "moved"}); err != nil {
		t.Fatal(err)
	}
	if cat, err = c.DescribeCategory(ctx, pid, sub); err != nil || cat.Name != "moved" || cat.ParentID != "" && cat.ParentID != "0" {
		t.Errorf("after move: %+v, %v", cat, err)
	}
	roots, err := c.ListCategories(ctx, emrapi.ListCategoriesInput{ProjectID: pid, Root: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range roots {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"moved", "top"}) {
		t.Errorf("root categories %v", names)
	}
	for _, id := range []string{top, sub} {
		if err := c.DeleteCategory(ctx, pid, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DescribeCategory(ctx, pid, id); !emrapi.IsNotFound(err) {
			t.Errorf("after delete: want not found, got %v", err)
		}
	}
}

func TestEmulatorPaging(t *testing.T) {
	srv, c := startEmulator(t, nil)
	ctx := t.Context()
	pid := mustProject(t, c, "paging")
	for i := range 25 {
		if _, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: fmt.Sprintf("flow-%02d", i), ClusterID: cluster}); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetStats()
	flows, err := c.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: pid, PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range flows {
		seen[f.Name] = true
	}
	if len(flows) != 25 || len(seen) != 25 {
		t.Errorf("%d flows (%d distinct), want 25", len(flows), len(seen))
	}
	if got := srv.Stats().Calls["ListFlow"]; got != 3 {
		t.Errorf("%d ListFlow calls, want 3", got)
	}
}

// TestEmulatorFaults runs the client against the emulator's injected faults.
func TestEmulatorFaults(t *testing.T) {
	ctx := t.Context()
	t.Run("503 retried on reads", func(t *testing.T) {
		srv, c := startEmulator(t, func(cfg *emrapi.Config) { cfg.MaxRetries = 2 })
		pid := mustProject(t, c, "p")
		srv.SetFaults(emulator.Faults{ErrorRate: 1})
		srv.ResetStats()
		_, err := c.DescribeProject(ctx, pid)
		if !emrapi.IsRetryable(err) {
			t.Errorf("want a retryable error, got %v", err)
		}
		if got := srv.Stats().Calls["DescribeFlowProject"]; got != 3 {
			t.Errorf("%d calls, want 3", got)
		}
	})
	t.Run("ambiguous create: not retried, found by name", func(t *testing.T) {
		srv, c := startEmulator(t, nil)
		pid := mustProject(t, c, "p")
		srv.SetFaults(emulator.Faults{AmbiguousRate: 1})
		srv.ResetStats()
		_, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: "maybe", ClusterID: cluster})
		if !emrapi.IsUnknownOutcome(err) {
			t.Fatalf("want an unknown outcome, got %v", err)
		}
		if got := srv.Stats().Calls["CreateFlowForWeb"]; got != 1 {
			t.Errorf("%d create calls, want 1", got)
		}
		srv.SetFaults(emulator.Faults{})
		if f, err := c.FindFlowByName(ctx, pid, "maybe"); err != nil || f.ID == "" {
			t.Errorf("the committed flow is not found: %+v, %v", f, err)
		}
	})
	t.Run("throttled calls all succeed", func(t *testing.T) {
		srv, c := startEmulator(t, func(cfg *emrapi.Config) {
			cfg.MaxRetries = 20
			cfg.RetryBaseDelay = 20 * time.Millisecond
			cfg.RetryMaxDelay = 200 * time.Millisecond
		})
		pid := mustProject(t, c, "p")
		// The bucket holds one second of tokens: 30 creates at once overflow a rate of 20.
		srv.SetFaults(emulator.Faults{ThrottleRPS: 20})
		var wg sync.WaitGroup
		errs := make(chan error, 30)
		for i := range 30 {
			wg.Go(func() {
				if _, err := c.CreateFlow(ctx, emrapi.FlowInput{ProjectID: pid, Name: fmt.Sprintf("t-%d", i), ClusterID: cluster}); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := srv.Stats().Faults.Throttled; n == 0 {
			t.Error("no request was throttled: the test proves nothing")
		}
		flows, err := c.ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: pid})
		if err != nil || len(flows) != 30 {
			t.Errorf("%d flows, want exactly 30 (no duplicate from a retried create): %v", len(flows), err)
		}
	})
}

func TestEmulatorAuthErrors(t *testing.T) {
	tests := []struct {
		name     string
		mod      func(*emrapi.Config)
		wantCode string
	}{
		{"wrong secret", func(cfg *emrapi.Config) { cfg.AccessKeySecret = "wrong" }, "SignatureDoesNotMatch"},
		{"unknown key", func(cfg *emrapi.Config) { cfg.AccessKeyID = "LTAIunknown" }, "InvalidAccessKeyId.NotFound"},
		{"unknown token", func(cfg *emrapi.Config) { cfg.AccessKeyID = "STS.unknown" }, "InvalidAccessKeyId.NotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := startEmulator(t, tt.mod)
			_, err := c.ListProjects(t.Context(), emrapi.ListProjectsInput{})
			var e *emrapi.Error
			if !errors.As(err, &e) || e.Code != tt.wantCode || e.Shape != emrapi.ShapeGateway || e.RequestID == "" {
				t.Fatalf("want %s, got %#v", tt.wantCode, err)
			}
			if emrapi.IsRetryable(err) {
				t.Error("an authentication error is not retryable")
			}
			if got := srv.Stats().Total; got != 1 {
				t.Errorf("%d requests, want 1", got)
			}
		})
	}
}

// TestClusterSettingAtPlanAsksOnce: flows planned at once (Terraform's ten) that need the same
// cluster setting ask the API once between them, and later ones not at all.
func TestClusterSettingAtPlanAsksOnce(t *testing.T) {
	srv, c := startEmulator(t, nil)
	project := mustProject(t, c, "planned-once")
	srv.SetFaults(emulator.Faults{Latency: 50 * time.Millisecond})
	srv.ResetStats()
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			if ok, err := c.ClusterSettingAtPlan(t.Context(), project, cluster); err != nil || ok {
				errs <- fmt.Errorf("ClusterSettingAtPlan = %v, %v; want false for a project without settings", ok, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if ok, err := c.ClusterSettingAtPlan(t.Context(), project, cluster); err != nil || ok {
		t.Errorf("again: %v, %v", ok, err)
	}
	if n := srv.Stats().Calls["DescribeFlowProjectClusterSetting"]; n != 1 {
		t.Errorf("DescribeFlowProjectClusterSetting called %d times for 11 plans, want 1", n)
	}
}
