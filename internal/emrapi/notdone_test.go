package emrapi

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestWritesDataFalse: every write the provider makes whose page answers "Data | Boolean | true |
// 是否成功" (ModifyFlowForWeb.md, DeleteFlow.md, ModifyFlowJob.md, DeleteFlowJob.md,
// ModifyFlowProject.md, DeleteFlowProject.md, ModifyFlowCategory.md, DeleteFlowCategory.md,
// CreateFlowProjectClusterSetting.md, ModifyFlowProjectClusterSetting.md,
// DeleteFlowProjectClusterSetting.md, DeleteFlowProjectUser.md; CreateFlowProjectUser: the SDK's
// response type) fails on Data false, naming the action and the object, and is not retried; Data
// true, "true" (the pages' samples) or absent is success.
func TestWritesDataFalse(t *testing.T) {
	writes := []struct {
		action, object string
		call           func(context.Context, *Client) error
	}{
		{"ModifyFlowForWeb", "project FP-1, id F-1", func(ctx context.Context, c *Client) error {
			return c.ModifyFlow(ctx, "F-1", FlowInput{ProjectID: "FP-1", Name: "f"})
		}},
		{"DeleteFlow", "project FP-1, id F-1", func(ctx context.Context, c *Client) error { return c.DeleteFlow(ctx, "FP-1", "F-1") }},
		{"ModifyFlowJob", "project FP-1, id FJ-1", func(ctx context.Context, c *Client) error {
			return c.ModifyJob(ctx, "FJ-1", JobInput{ProjectID: "FP-1", Name: "j"})
		}},
		{"DeleteFlowJob", "project FP-1, id FJ-1", func(ctx context.Context, c *Client) error { return c.DeleteJob(ctx, "FP-1", "FJ-1") }},
		{"ModifyFlowProject", "project FP-1", func(ctx context.Context, c *Client) error {
			return c.ModifyProject(ctx, "FP-1", ProjectInput{Name: "p"})
		}},
		{"DeleteFlowProject", "project FP-1", func(ctx context.Context, c *Client) error { return c.DeleteProject(ctx, "FP-1") }},
		{"ModifyFlowCategory", "project FP-1, id FC-1", func(ctx context.Context, c *Client) error {
			return c.ModifyCategory(ctx, "FC-1", CategoryInput{ProjectID: "FP-1", Name: "c"})
		}},
		{"DeleteFlowCategory", "project FP-1, id FC-1", func(ctx context.Context, c *Client) error { return c.DeleteCategory(ctx, "FP-1", "FC-1") }},
		{"CreateFlowProjectClusterSetting", "project FP-1, cluster C-1", func(ctx context.Context, c *Client) error {
			return c.CreateClusterSetting(ctx, ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1"})
		}},
		{"ModifyFlowProjectClusterSetting", "project FP-1, cluster C-1", func(ctx context.Context, c *Client) error {
			return c.ModifyClusterSetting(ctx, ClusterSettingInput{ProjectID: "FP-1", ClusterID: "C-1"})
		}},
		{"DeleteFlowProjectClusterSetting", "project FP-1, cluster C-1", func(ctx context.Context, c *Client) error {
			return c.DeleteClusterSetting(ctx, "FP-1", "C-1")
		}},
		{"CreateFlowProjectUser", "project FP-1", func(ctx context.Context, c *Client) error {
			return c.CreateProjectUser(ctx, "FP-1", "1", "alice")
		}},
		{"DeleteFlowProjectUser", "project FP-1, user alice", func(ctx context.Context, c *Client) error {
			return c.DeleteProjectUser(ctx, "FP-1", "alice")
		}},
	}
	answers := []struct {
		body string
		done bool
	}{
		{`{"RequestId":"R","Data":false}`, false},
		{`{"RequestId":"R","Data":"false"}`, false},
		{`{"requestId":"R","data":false}`, false},
		{`{"RequestId":"R","Data":true}`, true},
		{`{"RequestId":"R","Data":"true"}`, true},
		{`{"RequestId":"R"}`, true},
		{`{"RequestId":"R","Data":null}`, true},
	}
	for _, w := range writes {
		for _, a := range answers {
			t.Run(w.action+" "+a.body, func(t *testing.T) {
				api := newFakeAPI(t, script(ok(a.body)))
				c := newTestClient(t, api.URL, nil)
				err := w.call(t.Context(), c)
				if a.done {
					if err != nil {
						t.Fatalf("%s = %v, want success", w.action, err)
					}
					return
				}
				var e *Error
				if !errors.As(err, &e) || e.Code != CodeNotDone || IsNotFound(err) {
					t.Fatalf("%s = %v, want a not-done error", w.action, err)
				}
				if msg := err.Error(); !strings.Contains(msg, w.action) || !strings.Contains(msg, w.object) {
					t.Errorf("message %q does not name %s and %s", msg, w.action, w.object)
				}
				if api.count() != 1 {
					t.Errorf("%d requests: a not-done write was retried or followed up", api.count())
				}
			})
		}
	}
}
