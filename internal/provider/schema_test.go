package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// describedAttribute is what every framework attribute type has: the description the docs are
// generated from.
type describedAttribute interface{ GetMarkdownDescription() string }

// checkSchema fails t when the schema's implementation is not valid (ValidateImplementation: the
// checks the framework otherwise makes only when Terraform asks for the schema) or an attribute
// has no description (the docs would have an empty line for it).
func checkSchema[A describedAttribute](t *testing.T, schemaDiags, implDiags diag.Diagnostics, attrs map[string]A) {
	t.Helper()
	if schemaDiags.HasError() {
		t.Fatalf("schema: %v", schemaDiags)
	}
	if implDiags.HasError() {
		t.Fatalf("schema implementation: %v", implDiags)
	}
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s has no description", name)
		}
	}
}

// TestSchemasAreValid checks the schema of every resource (and its identity), data source, list
// resource and action that the provider registers, so that one added later is checked too.
func TestSchemasAreValid(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	prefix := meta.TypeName + "_"
	named := func(t *testing.T, typeName string) {
		t.Helper()
		if !strings.HasPrefix(typeName, prefix) {
			t.Errorf("type name %q does not start with %q", typeName, prefix)
		}
	}
	t.Run("provider", func(t *testing.T) {
		var resp fwprovider.SchemaResponse
		p.Schema(ctx, fwprovider.SchemaRequest{}, &resp)
		checkSchema(t, resp.Diagnostics, resp.Schema.ValidateImplementation(ctx), resp.Schema.Attributes)
	})

	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		t.Run("resource "+md.TypeName, func(t *testing.T) {
			named(t, md.TypeName)
			var resp resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &resp)
			checkSchema(t, resp.Diagnostics, resp.Schema.ValidateImplementation(ctx), resp.Schema.Attributes)
			if ri, ok := r.(resource.ResourceWithIdentity); ok {
				var id resource.IdentitySchemaResponse
				ri.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &id)
				checkSchema(t, id.Diagnostics, id.IdentitySchema.ValidateImplementation(ctx), id.IdentitySchema.Attributes)
			}
		})
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var md datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		t.Run("data source "+md.TypeName, func(t *testing.T) {
			named(t, md.TypeName)
			var resp datasource.SchemaResponse
			d.Schema(ctx, datasource.SchemaRequest{}, &resp)
			checkSchema(t, resp.Diagnostics, resp.Schema.ValidateImplementation(ctx), resp.Schema.Attributes)
		})
	}
	pl, ok := p.(fwprovider.ProviderWithListResources)
	if !ok {
		t.Fatal("the provider has no list resources")
	}
	for _, newList := range pl.ListResources(ctx) {
		l := newList()
		var md resource.MetadataResponse
		l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		t.Run("list resource "+md.TypeName, func(t *testing.T) {
			named(t, md.TypeName)
			var resp list.ListResourceSchemaResponse
			l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &resp)
			checkSchema(t, resp.Diagnostics, resp.Schema.ValidateImplementation(ctx), resp.Schema.Attributes)
		})
	}
	pa, ok := p.(fwprovider.ProviderWithActions)
	if !ok {
		t.Fatal("the provider has no actions")
	}
	for _, newAction := range pa.Actions(ctx) {
		a := newAction()
		var md action.MetadataResponse
		a.Metadata(ctx, action.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		t.Run("action "+md.TypeName, func(t *testing.T) {
			named(t, md.TypeName)
			var resp action.SchemaResponse
			a.Schema(ctx, action.SchemaRequest{}, &resp)
			checkSchema(t, resp.Diagnostics, resp.Schema.ValidateImplementation(ctx), resp.Schema.Attributes)
		})
	}
}
