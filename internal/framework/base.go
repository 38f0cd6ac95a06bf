package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// WithClient holds the API client the provider configured. Embed one of the types below, not this
// one: they add the Configure method of their kind of object.
type WithClient struct {
	client *emrapi.Client
}

// Client is the configured API client. It is nil until the framework has called Configure with the
// provider's data, which it does before any CRUD, Read or List call (during validation it may
// call Configure with nil provider data: nothing is configured then, and no call is made).
func (w *WithClient) Client() *emrapi.Client { return w.client }

// SetClient sets the client directly: for unit tests that build an object without a provider.
func (w *WithClient) SetClient(c *emrapi.Client) { w.client = c }

func (w *WithClient) configure(providerData any, diags *diag.Diagnostics) {
	client, d := Client(providerData)
	diags.Append(d...)
	if client != nil {
		w.client = client
	}
}

// ResourceWithClient gives a resource (or a list resource, whose Configure has the same
// signature) its API client. Embed it by value: `framework.ResourceWithClient`.
type ResourceWithClient struct{ WithClient }

// Configure implements resource.ResourceWithConfigure and list.ListResourceWithConfigure.
func (r *ResourceWithClient) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

// DataSourceWithClient gives a data source its API client.
type DataSourceWithClient struct{ WithClient }

// Configure implements datasource.DataSourceWithConfigure.
func (d *DataSourceWithClient) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

// ActionWithClient gives an action its API client.
type ActionWithClient struct{ WithClient }

// Configure implements action.ActionWithConfigure.
func (a *ActionWithClient) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.configure(req.ProviderData, &resp.Diagnostics)
}

// Client returns the API client the provider handed to a resource or data source. A nil
// providerData is normal (the framework configures resources before the provider during
// validation) and gives a nil client without error.
func Client(providerData any) (*emrapi.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	if providerData == nil {
		return nil, diags
	}
	client, ok := providerData.(*emrapi.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *emrapi.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil, diags
	}
	return client, diags
}
