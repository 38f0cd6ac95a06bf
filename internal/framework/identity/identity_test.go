package identity_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
)

var flowSpec = identity.ProjectScoped("flow", "F-")

// stateSchema is a resource schema holding the identity's attributes and one more.
var stateSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"project_id": schema.StringAttribute{Required: true},
	"id":         schema.StringAttribute{Computed: true},
	"name":       schema.StringAttribute{Required: true},
}}

func newState(ctx context.Context, t *testing.T, values map[string]string) tfsdk.State {
	t.Helper()
	st := tfsdk.State{Schema: stateSchema, Raw: tftypes.NewValue(stateSchema.Type().TerraformType(ctx), nil)}
	for k, v := range values {
		if d := st.SetAttribute(ctx, path.Root(k), v); d.HasError() {
			t.Fatal(d)
		}
	}
	return st
}

func newIdentity(ctx context.Context) *tfsdk.ResourceIdentity {
	s := flowSpec.Schema()
	return &tfsdk.ResourceIdentity{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
}

func identityOf(ctx context.Context, t *testing.T, id *tfsdk.ResourceIdentity) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range []string{"project_id", "id"} {
		var v types.String
		if d := id.GetAttribute(ctx, path.Root(name), &v); d.HasError() {
			t.Fatal(d)
		}
		if !v.IsNull() {
			out[name] = v.ValueString()
		}
	}
	return out
}

func TestFromState(t *testing.T) {
	ctx := context.Background()
	full := map[string]string{"project_id": "FP-1", "id": "F-1", "name": "n"}
	tests := []struct {
		name   string
		states []map[string]string
		want   map[string]string
	}{
		{"the new state", []map[string]string{full}, map[string]string{"project_id": "FP-1", "id": "F-1"}},
		// A Read that removed a vanished object still answers the prior state's identity.
		{"a removed state falls back to the prior one", []map[string]string{nil, full}, map[string]string{"project_id": "FP-1", "id": "F-1"}},
		// A create that failed before the id was known leaves no identity.
		{"no id anywhere", []map[string]string{{"project_id": "FP-1"}}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var getters []identity.Getter
			for _, v := range tt.states {
				st := newState(ctx, t, v)
				if v == nil {
					st.RemoveResource(ctx)
				}
				getters = append(getters, st)
			}
			ident := newIdentity(ctx)
			var diags diag.Diagnostics
			identity.FromState(ctx, ident, &diags, getters...)
			if diags.HasError() {
				t.Fatal(diags)
			}
			got := identityOf(ctx, t, ident)
			if len(got) != len(tt.want) || got["project_id"] != tt.want["project_id"] || got["id"] != tt.want["id"] {
				t.Errorf("identity %v, want %v", got, tt.want)
			}
		})
	}
	// An older Terraform sends no identity: nothing to set, no panic.
	var diags diag.Diagnostics
	identity.FromState(ctx, nil, &diags, newState(ctx, t, full))
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		projectID string
		id        string
		wantErr   string
	}{
		{"valid", "FP-257A173659F5", "F-7A39731FE719", ""},
		{"project id of the wrong kind", "F-257A173659F5", "F-7A39731FE719", `identity.project_id of the flow: "F-257A173659F5" does not look like an ID`},
		{"flow id of the wrong kind", "FP-257A173659F5", "FJ-7A39731FE719", `identity.id of the flow: "FJ-7A39731FE719" does not look like an ID (F- followed`},
		{"empty", "FP-257A173659F5", "", "identity.id of the flow: it is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ident := newIdentity(ctx)
			for k, v := range map[string]string{"project_id": tt.projectID, "id": tt.id} {
				if d := ident.SetAttribute(ctx, path.Root(k), v); d.HasError() {
					t.Fatal(d)
				}
			}
			req := resource.ImportStateRequest{Identity: ident}
			resp := &resource.ImportStateResponse{State: newState(ctx, t, nil)}
			if !flowSpec.Import(ctx, req, resp) {
				t.Fatal("an import by identity was not handled")
			}
			if tt.wantErr != "" {
				if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), tt.wantErr) {
					t.Fatalf("diagnostics %v, want an error containing %q", resp.Diagnostics, tt.wantErr)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			var projectID, id types.String
			resp.State.GetAttribute(ctx, path.Root("project_id"), &projectID)
			resp.State.GetAttribute(ctx, path.Root("id"), &id)
			if projectID.ValueString() != tt.projectID || id.ValueString() != tt.id {
				t.Errorf("state project_id=%s id=%s, want %s %s", projectID, id, tt.projectID, tt.id)
			}
		})
	}
	// An import by ID string is left to the resource's own parser.
	if flowSpec.Import(ctx, resource.ImportStateRequest{ID: "FP-1:F-1"}, &resource.ImportStateResponse{}) {
		t.Error("an import by ID string was taken as an import by identity")
	}
}

func TestWrite(t *testing.T) {
	ctx := context.Background()
	id := newIdentity(ctx)
	if d := flowSpec.Write(ctx, id, types.StringValue("FP-1"), types.StringValue("F-2")); d.HasError() {
		t.Fatal(d)
	}
	if got := identityOf(ctx, t, id); got["project_id"] != "FP-1" || got["id"] != "F-2" {
		t.Errorf("identity = %v, want project_id FP-1, id F-2", got)
	}
	// A CLI without identity support gives no identity: nothing to write, no error.
	if d := flowSpec.Write(ctx, nil, types.StringValue("FP-1"), types.StringValue("F-2")); d.HasError() {
		t.Errorf("nil identity: %v", d)
	}
	// Values and attributes out of step are a provider bug, told rather than half written.
	if d := flowSpec.Write(ctx, newIdentity(ctx), types.StringValue("FP-1")); !d.HasError() {
		t.Error("one value for two attributes: no error")
	}
}
