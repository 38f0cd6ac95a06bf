// Package identity gives the provider's resources their resource identity (Terraform >= 1.12): the
// identity schema, import by identity, and the identity that every Create, Read and Update returns.
//
// Every identity attribute of this provider has the name of a state attribute holding the same
// value (project_id, id, cluster_id, user_name), so an identity is always a projection of the
// state. That lets the resources set it in one deferred line, whatever their bodies do, and lets
// an import by identity fill the state by name.
package identity

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// Attr is one identity attribute: a string state attribute of the same name.
type Attr struct {
	Name        string
	Description string
	// Prefix, when set, is the id prefix an imported value must have (e.g. "FP-"): a wrong one is
	// told at import instead of as a not-found read.
	Prefix string
}

// Spec is the identity of one resource type.
type Spec struct {
	Kind  string // "flow", for messages
	Attrs []Attr
}

// Project is the identity of emrflow_project: {id}.
func Project() Spec {
	return Spec{Kind: "project", Attrs: []Attr{
		{Name: "id", Prefix: validate.ProjectPrefix, Description: "The project's ID, e.g. `FP-257A173659F5E1A2`."},
	}}
}

// ProjectScoped is the identity of an object the API reads only together with its project:
// {project_id, id}, e.g. ProjectScoped("flow", "F-").
func ProjectScoped(kind, prefix string) Spec {
	return Spec{Kind: kind, Attrs: []Attr{
		{Name: "project_id", Prefix: validate.ProjectPrefix, Description: "ID of the project the " + kind + " belongs to, e.g. `FP-257A173659F5E1A2`."},
		{Name: "id", Prefix: prefix, Description: fmt.Sprintf("The %s's ID, e.g. `%s7A39731FE719B3C4`.", kind, prefix)},
	}}
}

// Schema is the identity schema: every attribute is required for an import by identity.
func (s Spec) Schema() identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(s.Attrs))
	for _, a := range s.Attrs {
		attrs[a.Name] = identityschema.StringAttribute{RequiredForImport: true, Description: a.Description}
	}
	return identityschema.Schema{Attributes: attrs}
}

// Import handles an import by identity (an `import` block with `identity = {...}`): it checks the
// attributes and copies them to the state attributes of the same names, for Read to fill in the
// rest. It returns false for an import by ID string, which the resource parses as before.
func (s Spec) Import(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	if req.ID != "" || req.Identity == nil {
		return false
	}
	for _, a := range s.Attrs {
		var v types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(a.Name), &v)...)
		if resp.Diagnostics.HasError() {
			return true
		}
		if err := a.check(v); err != nil {
			resp.Diagnostics.AddError("Invalid import identity",
				fmt.Sprintf("identity.%s of the %s: %s.", a.Name, s.Kind, err))
			continue
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a.Name), v)...)
	}
	return true
}

func (a Attr) check(v types.String) error {
	switch {
	case v.IsNull() || v.IsUnknown() || v.ValueString() == "":
		return fmt.Errorf("it is required")
	case a.Prefix != "" && !validate.HasIDPrefix(v.ValueString(), a.Prefix):
		return fmt.Errorf("%q does not look like an ID (%s followed by letters and digits)", v.ValueString(), a.Prefix)
	}
	return nil
}

// Getter is what a state or plan offers to read an attribute.
type Getter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// FromState sets ident (a CreateResponse, ReadResponse or UpdateResponse Identity) from the first
// of states that holds every identity attribute. Resources call it deferred at the top of Create,
// Read and Update with their response state first and, for Read and Update, the prior state
// after it: a Read that removes a vanished object still answers the identity the state had, and
// a state written by a provider version without identity gets one on its next refresh.
// A nil ident (a Terraform CLI older than 1.12) is left alone.
func FromState(ctx context.Context, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics, states ...Getter) {
	if ident == nil {
		return
	}
	for _, st := range states {
		values, ok := read(ctx, st, ident)
		if !ok {
			continue
		}
		for name, v := range values {
			diags.Append(ident.SetAttribute(ctx, path.Root(name), v)...)
		}
		return
	}
}

// read returns the identity attributes held by st, and false unless it has them all.
func read(ctx context.Context, st Getter, ident *tfsdk.ResourceIdentity) (map[string]types.String, bool) {
	if st == nil {
		return nil, false
	}
	values := map[string]types.String{}
	for name := range ident.Schema.GetAttributes() {
		var v types.String
		if d := st.GetAttribute(ctx, path.Root(name), &v); d.HasError() || v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
			return nil, false
		}
		values[name] = v
	}
	return values, true
}

// Set writes values (attribute name to value) into ident; list resources use it to give each
// result its identity.
func Set(ctx context.Context, ident *tfsdk.ResourceIdentity, values map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range values {
		diags.Append(ident.SetAttribute(ctx, path.Root(name), v)...)
	}
	return diags
}

// Write sets ident to values, given in the order of s.Attrs (null and unknown values are written
// as they are). A nil ident (a Terraform CLI older than 1.12) is left alone.
func (s Spec) Write(ctx context.Context, ident *tfsdk.ResourceIdentity, values ...types.String) diag.Diagnostics {
	var diags diag.Diagnostics
	if ident == nil {
		return diags
	}
	if len(values) != len(s.Attrs) {
		diags.AddError("Cannot set the resource identity",
			fmt.Sprintf("The %s identity has %d attributes, got %d values. This is a bug in the provider; please report it.", s.Kind, len(s.Attrs), len(values)))
		return diags
	}
	for i, a := range s.Attrs {
		diags.Append(ident.SetAttribute(ctx, path.Root(a.Name), values[i])...)
	}
	return diags
}
