package listing_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/identity"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// fakeResource reads "name" from its store by id; a missing id is removed from state, as the
// provider's resources do with a vanished object. It records private data, as emrflow_job does.
type fakeResource struct {
	names map[string]string
	reads int
}

func (r *fakeResource) Metadata(context.Context, resource.MetadataRequest, *resource.MetadataResponse) {
}

func (r *fakeResource) Schema(context.Context, resource.SchemaRequest, *resource.SchemaResponse) {}

func (r *fakeResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}

func (r *fakeResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}

func (r *fakeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func (r *fakeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	r.reads++
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	name, ok := r.names[id.ValueString()]
	if !ok {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, "k", []byte(`"v"`))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

var resourceSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"id":   schema.StringAttribute{Computed: true},
	"name": schema.StringAttribute{Required: true},
}}

func request(include bool, limit int64) list.ListRequest {
	return list.ListRequest{
		IncludeResource:        include,
		Limit:                  limit,
		ResourceSchema:         resourceSchema,
		ResourceIdentitySchema: identity.Project().Schema(),
	}
}

// pages yields n pages of 3 ids each and counts the pages asked for.
func pages(n int, asked *int, failAt int) func(yield func([]string, error) bool) {
	return func(yield func([]string, error) bool) {
		for p := range n {
			*asked++
			if p == failAt {
				yield(nil, errors.New("Project does not exist"))
				return
			}
			if !yield([]string{fmt.Sprintf("FP-%d1", p), fmt.Sprintf("FP-%d2", p), fmt.Sprintf("FP-%d3", p)}, nil) {
				return
			}
		}
	}
}

func lister(r resource.Resource) listing.Lister[string] {
	return listing.Lister[string]{
		Kind:     "projects",
		Resource: r,
		Item: func(id string) (listing.Item, bool) {
			return listing.Item{DisplayName: "p " + id, Identity: map[string]string{"id": id}}, id != "FP-02"
		},
	}
}

func TestStreamLimitStopsTheWalk(t *testing.T) {
	ctx := context.Background()
	asked := 0
	var got []string
	for res := range listing.Stream(ctx, request(false, 4), lister(nil), pages(10, &asked, -1)) {
		if res.Diagnostics.HasError() {
			t.Fatal(res.Diagnostics)
		}
		var id types.String
		res.Identity.GetAttribute(ctx, path.Root("id"), &id)
		got = append(got, id.ValueString()+"="+res.DisplayName)
	}
	// FP-02 is filtered out by Item; the limit of 4 is reached on the second page.
	if fmt.Sprint(got) != "[FP-01=p FP-01 FP-03=p FP-03 FP-11=p FP-11 FP-12=p FP-12]" {
		t.Errorf("results %v", got)
	}
	if asked != 2 {
		t.Errorf("%d pages asked for, want 2: the walk did not stop at the limit", asked)
	}
}

func TestStreamError(t *testing.T) {
	asked := 0
	var n, errs int
	for res := range listing.Stream(context.Background(), request(false, 0), lister(nil), pages(10, &asked, 1)) {
		n++
		if res.Diagnostics.HasError() {
			errs++
			if res.Diagnostics.Errors()[0].Summary() != "Cannot list projects" {
				t.Errorf("summary %q", res.Diagnostics.Errors()[0].Summary())
			}
		}
	}
	if n != 3 || errs != 1 {
		t.Errorf("%d results with %d errors, want the first page's 2 and 1 error", n, errs)
	}
}

func TestStreamIncludeResource(t *testing.T) {
	ctx := context.Background()
	// FP-03 vanished between the list and its read: it is not listed.
	r := &fakeResource{names: map[string]string{"FP-01": "one"}}
	asked := 0
	var names []string
	for res := range listing.Stream(ctx, request(true, 0), lister(r), pages(1, &asked, -1)) {
		if res.Diagnostics.HasError() {
			t.Fatal(res.Diagnostics)
		}
		var name, id types.String
		res.Resource.GetAttribute(ctx, path.Root("name"), &name)
		res.Resource.GetAttribute(ctx, path.Root("id"), &id)
		names = append(names, id.ValueString()+"="+name.ValueString())
	}
	if fmt.Sprint(names) != "[FP-01=one]" {
		t.Errorf("resources %v, want [FP-01=one]", names)
	}
	if r.reads != 2 {
		t.Errorf("%d reads, want 2 (FP-01 and FP-03)", r.reads)
	}
	// Without include_resource there are no reads at all.
	r.reads = 0
	for range listing.Stream(ctx, request(false, 0), lister(r), pages(1, &asked, -1)) {
	}
	if r.reads != 0 {
		t.Errorf("%d reads without include_resource, want 0", r.reads)
	}
}

func TestPageSize(t *testing.T) {
	for limit, want := range map[int64]int{0: 100, 5: 5, 100: 100, 1000: 100} {
		if got := listing.PageSize(limit); got != want {
			t.Errorf("PageSize(%d) = %d, want %d", limit, got, want)
		}
	}
}
