// Package listing is the shared machinery of the list resources (Terraform >= 1.14, `terraform
// query`): it turns a page walk of a List* action into a stream of list results, each with its
// identity, a display name and, when Terraform asks for it (`include_resource`, or
// `-generate-config-out`), the full resource object.
//
// The full object is made by the resource's own Read from the state an import by identity would
// leave, so that what `terraform query -generate-config-out` writes is exactly what a later import
// reads back: the generated configuration plans clean by construction, and a list resource never
// needs its own copy of a resource's flatten rules.
package listing

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
)

// DefaultPageSize is the page size of a walk without a limit (the API's documented maximum is
// not given; 100 is what the client uses everywhere).
const DefaultPageSize = 100

// PageSize is the page size to ask the API for: no more than Terraform's limit, so that a
// `limit = 5` query costs one small page.
func PageSize(limit int64) int {
	if limit > 0 && limit < DefaultPageSize {
		return int(limit)
	}
	return DefaultPageSize
}

// Item is what a list resource tells about one listed object.
type Item struct {
	DisplayName string
	// Identity maps each identity attribute to its value; the same names are state attributes.
	Identity map[string]string
}

// Lister describes one list resource to Stream.
type Lister[T any] struct {
	// Kind names the objects in messages ("flows").
	Kind string
	// Item says whether an object is listed (client-side filters such as name_regex) and how.
	Item func(T) (Item, bool)
	// Resource is the configured managed resource whose Read makes the full objects.
	Resource resource.Resource
}

// Stream yields a list result for each object of pages that Item keeps, page by page as the
// pages arrive: Terraform shows the first results while later pages are still being asked for,
// and once it has its limit the walk stops (no further page is requested). An error ends the
// stream with one result carrying the diagnostic.
func Stream[T any](ctx context.Context, req list.ListRequest, l Lister[T], pages iter.Seq2[[]T, error]) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		var pushed int64
		for page, err := range pages {
			if err != nil {
				var diags diag.Diagnostics
				diags.AddError("Cannot list "+l.Kind, framework.ErrorDetail(err, ""))
				push(list.ListResult{Diagnostics: diags})
				return
			}
			for _, obj := range page {
				it, ok := l.Item(obj)
				if !ok {
					continue
				}
				res, ok := result(ctx, req, l, it)
				if !ok {
					continue
				}
				if !push(res) {
					return
				}
				if pushed++; req.Limit > 0 && pushed >= req.Limit {
					return
				}
			}
		}
	}
}

// result builds the list result of one item; false when the object vanished between the list and
// its read (it is then simply not listed).
func result[T any](ctx context.Context, req list.ListRequest, l Lister[T], it Item) (list.ListResult, bool) {
	res := req.NewListResult(ctx)
	res.DisplayName = it.DisplayName
	res.Diagnostics.Append(identity.Set(ctx, res.Identity, it.Identity)...)
	if !req.IncludeResource || res.Diagnostics.HasError() {
		return res, true
	}
	state, diags := ReadAsImported(ctx, l.Resource, res, it.Identity)
	res.Diagnostics.Append(diags...)
	if res.Diagnostics.HasError() {
		return res, true
	}
	if state.Raw.IsNull() {
		return res, false
	}
	res.Resource.Raw = state.Raw
	return res, true
}

// ReadAsImported reads an object as `terraform plan` does right after an import by identity:
// the state holds only the identity's attributes, and the resource's Read fills in the rest.
// res supplies the resource and identity schemas (list.ListRequest.NewListResult). A null state
// means the object is gone.
func ReadAsImported(ctx context.Context, r resource.Resource, res list.ListResult, ids map[string]string) (tfsdk.State, diag.Diagnostics) {
	var diags diag.Diagnostics
	stub := tfsdk.State{Schema: res.Resource.Schema, Raw: res.Resource.Raw.Copy()}
	for name, v := range ids {
		diags.Append(stub.SetAttribute(ctx, path.Root(name), v)...)
	}
	if diags.HasError() {
		return stub, diags
	}
	req := resource.ReadRequest{State: stub, Identity: copyIdentity(res.Identity)}
	resp := resource.ReadResponse{
		State:    tfsdk.State{Schema: stub.Schema, Raw: stub.Raw.Copy()},
		Identity: copyIdentity(res.Identity),
	}
	if err := initPrivate(&resp); err != nil {
		diags.AddError("Cannot read the listed object", err.Error())
		return stub, diags
	}
	r.Read(ctx, req, &resp)
	diags.Append(resp.Diagnostics...)
	return resp.State, diags
}

func copyIdentity(id *tfsdk.ResourceIdentity) *tfsdk.ResourceIdentity {
	if id == nil {
		return nil
	}
	return &tfsdk.ResourceIdentity{Schema: id.Schema, Raw: id.Raw.Copy()}
}

// initPrivate gives the response an empty private state, as the framework does before a Read: a
// Read that records private data (emrflow_job keeps the job's alert configuration there) would
// otherwise fail on a nil one. The type lives in the framework's internal packages and has no
// exported constructor, so it is made by reflection; its zero value is a valid empty store.
func initPrivate(resp *resource.ReadResponse) error {
	f := reflect.ValueOf(resp).Elem().FieldByName("Private")
	if !f.IsValid() || f.Kind() != reflect.Pointer || !f.CanSet() {
		return fmt.Errorf("the framework's ReadResponse has no settable Private pointer (framework upgrade?)")
	}
	f.Set(reflect.New(f.Type().Elem()))
	return nil
}

// Configured returns r after configuring it with the provider data a list resource received, so
// that its Read talks to the same API.
func Configured(ctx context.Context, r resource.Resource, req resource.ConfigureRequest, resp *resource.ConfigureResponse) resource.Resource {
	if c, ok := r.(resource.ResourceWithConfigure); ok {
		c.Configure(ctx, req, resp)
	}
	return r
}

// NameRegex compiles a list resource's name_regex (nil when unset). It was validated at plan
// time; it is compiled again because validation may have seen an unknown value.
func NameRegex(v types.String) (*regexp.Regexp, diag.Diagnostics) {
	var diags diag.Diagnostics
	if v.IsNull() || v.IsUnknown() {
		return nil, diags
	}
	re, err := regexp.Compile(v.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", err.Error())
	}
	return re, diags
}
