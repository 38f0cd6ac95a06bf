package flow

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework's Get and Set (req.Plan.Get, resp.State.Set, ...) convert a whole flowModel by
// reflection on every call: they parse the struct tags and compile a regular expression per
// field to check the attribute name, for each of the ~5 conversions of every flow in every plan
// (issue 10: regexp.Compile alone was 10.5% of the provider's CPU on a plan of 100 flows). The
// conversions here do the same from a table of the model's fields, built once: each field's
// attribute type comes from the schema, and the value goes through that type's own
// ValueFromTerraform and ToTerraformValue, as the framework's reflection does in the end.
// flow_fastpath_test.go checks that the table names every field of flowModel and that both
// directions agree with the framework's.

// modelField is one attribute of flowModel: its name and a pointer to its field.
type modelField struct {
	name string
	get  func(*flowModel) attr.Value
	// set stores v, which must be of the field's Go type; it reports whether it was.
	set func(*flowModel, attr.Value) bool
}

// field makes the modelField of an attribute whose field has the value type V.
func field[V attr.Value](name string, p func(*flowModel) *V) modelField {
	return modelField{
		name: name,
		get:  func(m *flowModel) attr.Value { return *p(m) },
		set: func(m *flowModel, v attr.Value) bool {
			x, ok := v.(V)
			if ok {
				*p(m) = x
			}
			return ok
		},
	}
}

// flowFields is the table: one row per `tfsdk` tag of flowModel.
var flowFields = []modelField{
	field("id", func(m *flowModel) *types.String { return &m.ID }),
	field("region", func(m *flowModel) *types.String { return &m.Region }),
	field("project_id", func(m *flowModel) *types.String { return &m.ProjectID }),
	field("cluster_id", func(m *flowModel) *types.String { return &m.ClusterID }),
	field("create_cluster", func(m *flowModel) *types.Bool { return &m.CreateCluster }),
	field("name", func(m *flowModel) *types.String { return &m.Name }),
	field("description", func(m *flowModel) *types.String { return &m.Description }),
	field("cron_expr", func(m *flowModel) *types.String { return &m.CronExpr }),
	field("start_schedule", func(m *flowModel) *types.Int64 { return &m.StartSchedule }),
	field("end_schedule", func(m *flowModel) *types.Int64 { return &m.EndSchedule }),
	field("host_name", func(m *flowModel) *types.String { return &m.HostName }),
	field("parent_flow_ids", func(m *flowModel) *types.Set { return &m.ParentFlowIDs }),
	field("parent_category_id", func(m *flowModel) *types.String { return &m.ParentCategoryID }),
	field("graph", func(m *flowModel) *types.Object { return &m.Graph }),
	field("graph_json", func(m *flowModel) *jsontypes.Normalized { return &m.GraphJSON }),
	field("alert", func(m *flowModel) *types.Set { return &m.Alerts }),
	field("status", func(m *flowModel) *types.String { return &m.Status }),
	field("periodic", func(m *flowModel) *types.Bool { return &m.Periodic }),
	field("namespace", func(m *flowModel) *types.String { return &m.Namespace }),
	field("log_archive_location", func(m *flowModel) *types.String { return &m.LogArchiveLocation }),
	field("timeouts", func(m *flowModel) *timeouts.Value { return &m.Timeouts }),
}

// flowTypes are the attribute types of the resource's schema and its object type, computed once.
type flowTypes struct {
	attrs map[string]attr.Type
	obj   tftypes.Object
}

var flowSchemaTypes = sync.OnceValues(func() (flowTypes, error) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	(&flowResource{}).Schema(ctx, resource.SchemaRequest{}, &resp)
	return schemaTypes(ctx, resp.Schema)
})

func schemaTypes(ctx context.Context, s schema.Schema) (flowTypes, error) {
	t, ok := s.Type().(attr.TypeWithAttributeTypes)
	if !ok {
		return flowTypes{}, fmt.Errorf("the flow schema's type %T has no attribute types", s.Type())
	}
	obj, ok := t.TerraformType(ctx).(tftypes.Object)
	if !ok {
		return flowTypes{}, fmt.Errorf("the flow schema's Terraform type %T is not an object", t.TerraformType(ctx))
	}
	return flowTypes{attrs: t.AttributeTypes(), obj: obj}, nil
}

// getModel reads a plan, state or configuration value (req.Plan.Raw, ...) into m, as
// req.Plan.Get(ctx, m) would.
func getModel(ctx context.Context, raw tftypes.Value, m *flowModel) diag.Diagnostics {
	var diags diag.Diagnostics
	ts, err := flowSchemaTypes()
	if err != nil {
		diags.AddError("Cannot read the flow", err.Error())
		return diags
	}
	var vals map[string]tftypes.Value
	if err := raw.As(&vals); err != nil {
		diags.AddError("Cannot read the flow", fmt.Sprintf("The value is not an object of the flow's schema: %s. This is a bug in the provider; please report it.", err))
		return diags
	}
	for _, f := range flowFields {
		v, err := ts.attrs[f.name].ValueFromTerraform(ctx, vals[f.name])
		if err == nil && !f.set(m, v) {
			err = fmt.Errorf("a %T does not fit the model's field", v)
		}
		if err != nil {
			diags.AddError("Cannot read the flow", fmt.Sprintf("Attribute %s: %s. This is a bug in the provider; please report it.", f.name, err))
		}
	}
	return diags
}

// modelValue is m as a value of the schema's type, what resp.State.Set(ctx, m) would store in
// resp.State.Raw.
func modelValue(ctx context.Context, m *flowModel) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	ts, err := flowSchemaTypes()
	if err != nil {
		diags.AddError("Cannot write the flow", err.Error())
		return tftypes.Value{}, diags
	}
	vals := make(map[string]tftypes.Value, len(flowFields))
	for _, f := range flowFields {
		v, err := f.get(m).ToTerraformValue(ctx)
		if err != nil {
			diags.AddError("Cannot write the flow", fmt.Sprintf("Attribute %s: %s. This is a bug in the provider; please report it.", f.name, err))
			continue
		}
		vals[f.name] = v
	}
	if diags.HasError() {
		return tftypes.Value{}, diags
	}
	// NewValue panics on a value that does not fit its type; the check turns that into an error.
	if err := tftypes.ValidateValue(ts.obj, vals); err != nil {
		diags.AddError("Cannot write the flow", fmt.Sprintf("The model does not fit the schema: %s. This is a bug in the provider; please report it.", err))
		return tftypes.Value{}, diags
	}
	return tftypes.NewValue(ts.obj, vals), diags
}

// rootValue reads one top-level attribute of a plan, state or configuration value (req.Plan.Raw,
// ...), as req.Plan.GetAttribute(ctx, path.Root(name), &v) would. The framework's GetAttribute
// looks the path up in the schema first, and every such look-up copies the schema's map of 18
// attributes (terraform-plugin-framework v1.19.0, resource/schema.Schema.GetAttributes); this
// takes the value from the object and converts it with the attribute's type.
func rootValue(ctx context.Context, raw tftypes.Value, name string) (attr.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	ts, err := flowSchemaTypes()
	if err != nil {
		diags.AddError("Cannot read the flow", err.Error())
		return nil, diags
	}
	t, ok := ts.attrs[name]
	if !ok {
		diags.AddError("Cannot read the flow", fmt.Sprintf("The schema has no attribute %s. This is a bug in the provider; please report it.", name))
		return nil, diags
	}
	v, err := raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName(name))
	tv, isValue := v.(tftypes.Value)
	if err != nil || !isValue {
		diags.AddError("Cannot read the flow", fmt.Sprintf("The value has no attribute %s (%v). This is a bug in the provider; please report it.", name, err))
		return nil, diags
	}
	out, err := t.ValueFromTerraform(ctx, tv)
	if err != nil {
		diags.AddError("Cannot read the flow", fmt.Sprintf("Attribute %s: %s. This is a bug in the provider; please report it.", name, err))
		return nil, diags
	}
	return out, diags
}

// rootAs is rootValue into a value of type V (types.String, types.Object, ...).
func rootAs[V attr.Value](ctx context.Context, raw tftypes.Value, name string, into *V) diag.Diagnostics {
	v, diags := rootValue(ctx, raw, name)
	if diags.HasError() {
		return diags
	}
	x, ok := v.(V)
	if !ok {
		diags.AddError("Cannot read the flow", fmt.Sprintf("Attribute %s is a %T, not a %T. This is a bug in the provider; please report it.", name, v, *into))
		return diags
	}
	*into = x
	return diags
}
