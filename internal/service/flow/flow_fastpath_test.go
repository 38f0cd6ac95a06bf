package flow

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestFlowFieldsCoverModel checks the table against flowModel's tags: every tagged field has
// exactly one row, and the row's pointer is to the field that carries its tag (a row that
// pointed at the wrong field of the same type would compile).
func TestFlowFieldsCoverModel(t *testing.T) {
	t.Parallel()
	rt := reflect.TypeFor[flowModel]()
	tags := map[string]int{}
	for i := range rt.NumField() {
		tags[rt.Field(i).Tag.Get("tfsdk")] = i
	}
	seen := map[string]bool{}
	for _, f := range flowFields {
		i, ok := tags[f.name]
		if !ok {
			t.Errorf("row %q: flowModel has no such tag", f.name)
			continue
		}
		if seen[f.name] {
			t.Errorf("row %q appears twice", f.name)
		}
		seen[f.name] = true
		var m flowModel
		// A value no other field holds: the field at the tag's index must be the one it lands in.
		probe := reflect.ValueOf(&m).Elem().Field(i)
		if !f.set(&m, f.get(&m)) {
			t.Errorf("row %q: set refuses its own type", f.name)
		}
		if !reflect.DeepEqual(probe.Interface(), f.get(&m)) {
			t.Errorf("row %q: get does not read the tagged field", f.name)
		}
		marked := markedValue(t, f.name, probe.Interface())
		if !f.set(&m, marked) {
			t.Fatalf("row %q: set refused %T", f.name, marked)
		}
		for name, j := range tags {
			v := reflect.ValueOf(&m).Elem().Field(j).Interface()
			if got := reflect.DeepEqual(v, marked); got != (j == i) {
				t.Errorf("row %q: after set, field %q holds the marked value = %v", f.name, name, got)
			}
		}
	}
	for name := range tags {
		if !seen[name] {
			t.Errorf("flowModel's %q has no row in flowFields", name)
		}
	}
}

// markedValue returns a non-null value of the same Go type as zero.
func markedValue(t *testing.T, name string, zero any) attr.Value {
	t.Helper()
	switch zero.(type) {
	case types.String:
		return types.StringValue("marked")
	case types.Bool:
		return types.BoolValue(true)
	case types.Int64:
		return types.Int64Value(42)
	case types.Set:
		return types.SetUnknown(types.StringType)
	case types.Object:
		return types.ObjectUnknown(graphAttrTypes)
	case jsontypes.Normalized:
		return jsontypes.NewNormalizedValue(`{"marked":true}`)
	case timeouts.Value:
		return timeouts.Value{Object: types.ObjectUnknown(map[string]attr.Type{"create": types.StringType})}
	}
	t.Fatalf("row %q: no marked value for %T", name, zero)
	return nil
}

// fastpathModels are models of every kind of value the conversions meet: known, null and
// unknown, nested graph and alerts.
func fastpathModels(t *testing.T) map[string]flowModel {
	ctx := context.Background()
	var resp resource.SchemaResponse
	(&flowResource{}).Schema(ctx, resource.SchemaRequest{}, &resp)
	ts, err := schemaTypes(ctx, resp.Schema)
	if err != nil {
		t.Fatal(err)
	}
	tt, ok := ts.attrs["timeouts"].(attr.TypeWithAttributeTypes)
	if !ok {
		t.Fatalf("timeouts type %T has no attribute types", ts.attrs["timeouts"])
	}
	toType := tt.AttributeTypes()
	full := flowModel{
		ID: types.StringValue("F-1"), Region: types.StringValue("cn-hangzhou"), ProjectID: types.StringValue("FP-1"),
		ClusterID: types.StringValue("C-1"), CreateCluster: types.BoolValue(false), Name: types.StringValue("n"),
		Description: types.StringValue(""), CronExpr: types.StringValue("0 0 * * * ?"), StartSchedule: types.Int64Value(1),
		EndSchedule: types.Int64Value(2), HostName: types.StringValue("h"), ParentFlowIDs: stringSet("F-2", "F-3"),
		ParentCategoryID: types.StringValue("FC-1"), Graph: chainGraph(), GraphJSON: jsontypes.NewNormalizedNull(),
		Alerts: alertSet(t, alertModel{EventID: types.StringValue("EMR-210401001"), Enabled: types.BoolValue(true),
			UserGroupIDs: stringSet("AUG-1"), DingDingGroupIDs: types.SetNull(types.StringType)}),
		Status: types.StringValue(statusStopped), Periodic: types.BoolValue(true), Namespace: types.StringNull(),
		LogArchiveLocation: types.StringValue("oss://b/"),
		Timeouts: timeouts.Value{Object: types.ObjectValueMust(toType, map[string]attr.Value{
			"create": types.StringValue("1m"), "update": types.StringNull(), "delete": types.StringNull()})},
	}
	nulls := flowModel{}
	for _, f := range flowFields {
		v, err := ts.attrs[f.name].ValueFromTerraform(ctx, tftypes.NewValue(ts.attrs[f.name].TerraformType(ctx), nil))
		if err != nil || !f.set(&nulls, v) {
			t.Fatalf("null %s: %v", f.name, err)
		}
	}
	unknowns := full
	unknowns.ID = types.StringUnknown()
	unknowns.Region = types.StringUnknown()
	unknowns.Status = types.StringUnknown()
	unknowns.Periodic = types.BoolUnknown()
	unknowns.Graph = types.ObjectUnknown(graphAttrTypes)
	unknowns.Alerts = types.SetUnknown(alertObjectType)
	unknowns.GraphJSON = jsontypes.NewNormalizedUnknown()
	json := nulls
	json.GraphJSON = jsontypes.NewNormalizedValue(`{"nodes":[],"edges":[]}`)
	json.Alerts = types.SetValueMust(alertObjectType, []attr.Value{})
	return map[string]flowModel{"full": full, "nulls": nulls, "unknowns": unknowns, "graph_json": json}
}

// TestFastpathAgreesWithFramework checks that modelValue makes the value the framework's Set
// makes, and getModel reads back the model the framework's Get reads, for every kind of model.
func TestFastpathAgreesWithFramework(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var resp resource.SchemaResponse
	(&flowResource{}).Schema(ctx, resource.SchemaRequest{}, &resp)
	for name, m := range fastpathModels(t) {
		t.Run(name, func(t *testing.T) {
			want := tfsdk.State{Schema: resp.Schema}
			if d := want.Set(ctx, &m); d.HasError() {
				t.Fatalf("framework Set: %v", d)
			}
			got, d := modelValue(ctx, &m)
			if d.HasError() {
				t.Fatalf("modelValue: %v", d)
			}
			if !got.Equal(want.Raw) {
				diffs, _ := got.Diff(want.Raw)
				for _, d := range diffs {
					t.Errorf("modelValue differs from the framework's Set at %s: %v, want %v", d.Path, d.Value1, d.Value2)
				}
				t.FailNow()
			}
			var fromFramework, fromTable flowModel
			if d := want.Get(ctx, &fromFramework); d.HasError() {
				t.Fatalf("framework Get: %v", d)
			}
			if d := getModel(ctx, got, &fromTable); d.HasError() {
				t.Fatalf("getModel: %v", d)
			}
			if !reflect.DeepEqual(fromTable, fromFramework) {
				for _, f := range flowFields {
					if !f.get(&fromTable).Equal(f.get(&fromFramework)) {
						t.Errorf("%s: getModel %v, framework %v", f.name, f.get(&fromTable), f.get(&fromFramework))
					}
				}
				t.Error("getModel and the framework's Get disagree")
			}
		})
	}
}

func TestGetModelRejectsOtherValues(t *testing.T) {
	t.Parallel()
	var m flowModel
	if d := getModel(context.Background(), tftypes.NewValue(tftypes.String, "x"), &m); !d.HasError() {
		t.Error("a string was read as a flow")
	}
}

// TestRootValueAgreesWithFramework checks that rootValue reads every top-level attribute of every
// kind of model as the framework's GetAttribute does, and that rootAs refuses a wrong type.
func TestRootValueAgreesWithFramework(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var resp resource.SchemaResponse
	(&flowResource{}).Schema(ctx, resource.SchemaRequest{}, &resp)
	for name, m := range fastpathModels(t) {
		t.Run(name, func(t *testing.T) {
			st := tfsdk.State{Schema: resp.Schema}
			if d := st.Set(ctx, &m); d.HasError() {
				t.Fatalf("framework Set: %v", d)
			}
			for _, f := range flowFields {
				var want attr.Value
				if d := st.GetAttribute(ctx, path.Root(f.name), &want); d.HasError() {
					t.Fatalf("framework GetAttribute %s: %v", f.name, d)
				}
				got, d := rootValue(ctx, st.Raw, f.name)
				if d.HasError() {
					t.Fatalf("rootValue %s: %v", f.name, d)
				}
				if !got.Equal(want) {
					t.Errorf("%s: rootValue %v, framework %v", f.name, got, want)
				}
			}
			var s types.String
			if d := rootAs(ctx, st.Raw, "graph", &s); !d.HasError() {
				t.Error("rootAs read the graph block into a types.String")
			}
			if _, d := rootValue(ctx, st.Raw, "no_such_attribute"); !d.HasError() {
				t.Error("rootValue read an attribute the schema does not have")
			}
		})
	}
}
