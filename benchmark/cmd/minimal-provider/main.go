// Command minimal-provider is the benchmark's yardstick: a terraform-plugin-framework provider
// that does nothing, with one resource of one attribute. `make bench` plans N of its resources
// next to N flows (same CLI, same run, interleaved) to tell what the flow resource costs beyond
// the framework's and the plugin protocol's own cost (issue 10: plan at the cost of a minimal
// provider). It serves under the emrflow provider's address so that the benchmark installs it
// the way it installs the real one (dev_overrides); its resource is emrflow_minimal.
//
// It also serves emrflow_flow with the real resource's schema and the same do-nothing behaviour:
// planning N flows against it measures what the schema alone costs in the framework and the CLI,
// so that the rest of the real provider's cost is its own code.
//
// It runs with the same process set-up as the real provider (processdefaults: SDK trace loggers off,
// GC percent): the comparison is then of the resources, not of the process settings.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/emrflow/terraform-provider-emrflow/internal/processdefaults"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/flow"
)

func main() {
	debug := flag.Bool("debug", false, "serve in debug mode (Terraform attaches with TF_REATTACH_PROVIDERS), as the provider's -debug does")
	flag.Parse()
	if _, err := processdefaults.Configure(processdefaults.Env{Getenv: os.Getenv, Setenv: os.Setenv}); err != nil {
		log.Fatal(err)
	}
	err := providerserver.Serve(context.Background(), func() provider.Provider { return minimalProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/emrflow/emrflow", Debug: *debug})
	if err != nil {
		log.Fatal(err)
	}
}

type minimalProvider struct{}

func (minimalProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "emrflow"
}

func (minimalProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (minimalProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (minimalProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return minimalResource{} },
		func() resource.Resource { return sameSchemaResource{flow.NewResource()} },
	}
}

func (minimalProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// minimalResource stores its one attribute as planned and reads it back unchanged: no API, no
// reflection, no plan modification.
type minimalResource struct{}

func (minimalResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_minimal"
}

func (minimalResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"value": schema.StringAttribute{Required: true},
	}}
}

func (minimalResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

// Read keeps the state the framework copied into the response.
func (minimalResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (minimalResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (minimalResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// sameSchemaResource has the flow resource's name and schema and does nothing: the plan is stored
// as the state, with the values only the API would know (unknown in the plan) stored as known
// placeholders of their type, so that, as with the real resource, the next plan has no changes
// (a null for a computed attribute such as a node's x would be planned as unknown again, and the
// plan would differ from the real provider's no-change plan).
type sameSchemaResource struct{ real resource.Resource }

func (r sameSchemaResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r sameSchemaResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

func (sameSchemaResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = knownOrPlaceholder(req.Plan.Raw)
}

func (sameSchemaResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (sameSchemaResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = knownOrPlaceholder(req.Plan.Raw)
}

func (sameSchemaResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// knownOrPlaceholder replaces every unknown value of v with a known placeholder of its type.
func knownOrPlaceholder(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return placeholder(v.Type()), nil
		}
		return v, nil
	})
	if err != nil {
		return v
	}
	return out
}

// placeholder is a known value of typ: "computed", 0 or false for a primitive, an empty
// collection, an object of placeholders (null for anything else).
func placeholder(typ tftypes.Type) tftypes.Value {
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, "computed")
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, 0)
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, false)
	case typ.Is(tftypes.Object{}):
		obj, _ := typ.(tftypes.Object)
		attrs := map[string]tftypes.Value{}
		for name, t := range obj.AttributeTypes {
			attrs[name] = placeholder(t)
		}
		return tftypes.NewValue(typ, attrs)
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}):
		return tftypes.NewValue(typ, []tftypes.Value{})
	case typ.Is(tftypes.Map{}):
		return tftypes.NewValue(typ, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(typ, nil)
}
