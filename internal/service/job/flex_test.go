package job

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// fullJob is a job as DescribeFlowJob returns it with every field set.
func fullJob() *emrapi.Job {
	return &emrapi.Job{
		ID:                "FJ-0123456789ABCDEF",
		ProjectID:         "FP-0123456789ABCDEF",
		Name:              "extract",
		Type:              "SHELL",
		Description:       "d",
		Params:            "ls -l",
		ParamConf:         `{"date":"${yyyy-MM-dd}"}`,
		CustomVariables:   `{"scope":"PROJECT"}`,
		EnvConf:           `{"A":"1"}`,
		RunConf:           `{"priority":1}`,
		MonitorConf:       `{"inputs":[]}`,
		Mode:              "LOCAL",
		FailAct:           "CONTINUE",
		MaxRetry:          3,
		RetryInterval:     200,
		RetryPolicy:       "p",
		MaxRunningTimeSec: 60,
		ClusterID:         "C-0000000000000001",
		Adhoc:             true,
		CategoryID:        "FC-0123456789ABCDEF",
		AlertConf:         `{"items":[]}`,
		Resources: []emrapi.JobResource{
			{Path: "oss://b/app.jar", Alias: "app.jar"},
			{Path: "hdfs:///lib.py"},
		},
	}
}

func TestFlattenExpandRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	for name, j := range map[string]*emrapi.Job{
		"full": fullJob(),
		"minimal": {
			ID: "FJ-1", ProjectID: "FP-1", Name: "n", Type: "HIVE_SQL", Mode: "YARN", FailAct: "STOP",
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m jobModel
			if diags := flattenJob(ctx, j, &m); diags.HasError() {
				t.Fatalf("flattenJob: %v", diags)
			}
			in, diags := expandJobInput(ctx, &m, j.AlertConf)
			if diags.HasError() {
				t.Fatalf("expandJobInput: %v", diags)
			}
			in.Type = m.Type.ValueString() // set by Create only
			want := emrapi.JobInput{
				ProjectID: j.ProjectID, Name: j.Name, Type: j.Type, Description: j.Description, Params: j.Params,
				ParamConf: j.ParamConf, CustomVariables: j.CustomVariables, EnvConf: j.EnvConf, RunConf: j.RunConf,
				MonitorConf: j.MonitorConf, Mode: j.Mode, FailAct: j.FailAct, MaxRetry: j.MaxRetry,
				RetryInterval: j.RetryInterval, RetryPolicy: j.RetryPolicy, MaxRunningTimeSec: j.MaxRunningTimeSec,
				// An import reads no cluster: DescribeFlowJob does not document ClusterId.
				ClusterID: "", Adhoc: j.Adhoc, ParentCategory: j.CategoryID, AlertConf: j.AlertConf,
				Resources: j.Resources,
			}
			if diff := cmp.Diff(want, in); diff != "" {
				t.Fatalf("expandJobInput(flattenJob(job)) differs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFlattenEmptyAnswer checks that a job whose optional fields the server left empty reads back
// as the schema's nulls and defaults, so that a configuration leaving them out plans no change.
func TestFlattenEmptyAnswer(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	var m jobModel
	if diags := flattenJob(ctx, &emrapi.Job{ID: "FJ-1", ProjectID: "FP-1", Name: "n", Type: "SHELL"}, &m); diags.HasError() {
		t.Fatalf("flattenJob: %v", diags)
	}
	emptyList, _ := types.ListValue(resourceObjectType, nil)
	want := jobModel{
		ID: types.StringValue("FJ-1"), ProjectID: types.StringValue("FP-1"), Name: types.StringValue("n"),
		Type: types.StringValue("SHELL"), Description: types.StringNull(), Params: types.StringNull(),
		ParamConf: jsontypes.NewNormalizedNull(), CustomVariables: jsontypes.NewNormalizedNull(),
		EnvConf: jsontypes.NewNormalizedNull(), RunConf: jsontypes.NewNormalizedNull(),
		MonitorConf: jsontypes.NewNormalizedNull(),
		Mode:        types.StringValue(defaultMode), FailAct: types.StringValue(defaultFailAct),
		MaxRetry: types.Int64Value(0), RetryInterval: types.Int64Value(0), RetryPolicy: types.StringNull(),
		MaxRunningTimeSec: types.Int64Value(0), ClusterID: types.StringNull(), Adhoc: types.BoolValue(false),
		ParentCategoryID: types.StringNull(), Resources: emptyList,
	}
	if !cmp.Equal(want, m) {
		t.Fatalf("flattenJob(empty answer) =\n%+v\nwant\n%+v", m, want)
	}
}

func TestFlattenKeepsProjectAndTypeWhenAbsent(t *testing.T) {
	t.Parallel()
	m := jobModel{ProjectID: types.StringValue("FP-1"), Type: types.StringValue("SPARK")}
	if diags := flattenJob(t.Context(), &emrapi.Job{ID: "FJ-1", Name: "n"}, &m); diags.HasError() {
		t.Fatalf("flattenJob: %v", diags)
	}
	if m.ProjectID.ValueString() != "FP-1" || m.Type.ValueString() != "SPARK" {
		t.Fatalf("project %s, type %s: want the known FP-1 and SPARK kept", m.ProjectID, m.Type)
	}
}

func TestExpandNullsAreEmpty(t *testing.T) {
	t.Parallel()
	m := jobModel{
		ProjectID: types.StringValue("FP-1"), Name: types.StringValue("n"), Type: types.StringValue("SHELL"),
		Description: types.StringNull(), ParamConf: jsontypes.NewNormalizedNull(), ClusterID: types.StringNull(),
		Resources: types.ListNull(resourceObjectType),
	}
	in, diags := expandJobInput(t.Context(), &m, "")
	if diags.HasError() {
		t.Fatalf("expandJobInput: %v", diags)
	}
	if in.Description != "" || in.ParamConf != "" || in.ClusterID != "" || in.Resources != nil || in.Type != "" {
		t.Fatalf("expand = %+v: want nulls as empty values, no resources and no type", in)
	}
}

// memPrivate is an in-memory private state.
type memPrivate map[string][]byte

func (p memPrivate) SetKey(_ context.Context, k string, v []byte) diag.Diagnostics {
	p[k] = v
	return nil
}

func (p memPrivate) GetKey(_ context.Context, k string) ([]byte, diag.Diagnostics) {
	return p[k], nil
}

func TestAlertConfPrivateRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	for _, conf := range []string{"", `{"items":[{"eventId":"EMR-210401001"}]}`, "not json \"quoted\""} {
		p := memPrivate{}
		if diags := setAlertConf(ctx, p, conf); diags.HasError() {
			t.Fatalf("set %q: %v", conf, diags)
		}
		got, diags := getAlertConf(ctx, p)
		if diags.HasError() || got != conf {
			t.Fatalf("get after set %q = %q, %v", conf, got, diags)
		}
	}
	if got, diags := getAlertConf(ctx, memPrivate{}); got != "" || diags.HasError() {
		t.Fatalf("get from empty private state = %q, %v; want \"\" and no error", got, diags)
	}
	if _, diags := getAlertConf(ctx, memPrivate{privateAlertConf: []byte(`{}`)}); !diags.HasError() {
		t.Fatal("get of a non-string private value: want an error")
	}
}
