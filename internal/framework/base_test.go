package framework_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
)

func TestWithClientConfigure(t *testing.T) {
	ctx := context.Background()
	client := &emrapi.Client{}
	for _, tc := range []struct {
		name      string
		data      any
		wantNil   bool
		wantError bool
	}{
		{name: "validation-time nil provider data", data: nil, wantNil: true},
		{name: "configured client", data: client},
		{name: "wrong type is a bug diagnostic", data: "not a client", wantNil: true, wantError: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r framework.ResourceWithClient
			rresp := &resource.ConfigureResponse{}
			r.Configure(ctx, resource.ConfigureRequest{ProviderData: tc.data}, rresp)

			var d framework.DataSourceWithClient
			dresp := &datasource.ConfigureResponse{}
			d.Configure(ctx, datasource.ConfigureRequest{ProviderData: tc.data}, dresp)

			var a framework.ActionWithClient
			aresp := &action.ConfigureResponse{}
			a.Configure(ctx, action.ConfigureRequest{ProviderData: tc.data}, aresp)

			for kind, got := range map[string]struct {
				client   *emrapi.Client
				hasError bool
			}{
				"resource":    {r.Client(), rresp.Diagnostics.HasError()},
				"data source": {d.Client(), dresp.Diagnostics.HasError()},
				"action":      {a.Client(), aresp.Diagnostics.HasError()},
			} {
				if got.hasError != tc.wantError {
					t.Errorf("%s: error = %v, want %v", kind, got.hasError, tc.wantError)
				}
				if (got.client == nil) != tc.wantNil || (!tc.wantNil && got.client != client) {
					t.Errorf("%s: client = %p, want nil=%v (or %p)", kind, got.client, tc.wantNil, client)
				}
			}
		})
	}
}

// A second Configure with nil provider data (Terraform validates before it configures, and may
// call Configure again) keeps the client already set.
func TestWithClientKeepsClientOnNilConfigure(t *testing.T) {
	var r framework.ResourceWithClient
	client := &emrapi.Client{}
	r.Configure(context.Background(), resource.ConfigureRequest{ProviderData: client}, &resource.ConfigureResponse{})
	r.Configure(context.Background(), resource.ConfigureRequest{}, &resource.ConfigureResponse{})
	if r.Client() != client {
		t.Fatal("client lost on a nil Configure")
	}
}
