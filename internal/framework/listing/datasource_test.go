package listing_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

func TestResults(t *testing.T) {
	ctx := context.Background()
	objs := []string{"a1", "b2", "a3"}
	id := func(s *string) string { return *s }
	item := func(s *string) int { return len(*s) }

	ids, items, diags := listing.Results(ctx, objs, func(s *string) bool { return strings.HasPrefix(*s, "a") }, id, item)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := ids.String(); got != `["a1","a3"]` {
		t.Errorf("ids = %s, want the kept objects in the API's order", got)
	}
	if len(items) != 2 {
		t.Errorf("items = %v, want 2", items)
	}

	// Matching nothing: empty lists, not null ones.
	ids, items, _ = listing.Results(ctx, objs, func(*string) bool { return false }, id, item)
	if ids.IsNull() || len(ids.Elements()) != 0 || items == nil || len(items) != 0 {
		t.Errorf("nothing kept: ids %s, items %#v; want empty, not null", ids, items)
	}

	// A nil keep keeps all.
	if ids, _, _ = listing.Results(ctx, objs, nil, id, item); len(ids.Elements()) != 3 {
		t.Errorf("nil keep: ids %s, want all three", ids)
	}
}

func TestListFailed(t *testing.T) {
	var missing diag.Diagnostics
	listing.ListFailed(&missing, &emrapi.Error{Action: "ListFlow", Message: "Project does not exist [FP-1]"}, "FP-1", "Cannot list flows", "")
	if len(missing) != 1 || missing[0].Summary() != "No such project" || !strings.Contains(missing[0].Detail(), `"FP-1"`) {
		t.Fatalf("missing project: %v", missing)
	}
	if d, ok := missing[0].(diag.DiagnosticWithPath); !ok || !d.Path().Equal(path.Root("project_id")) {
		t.Errorf("missing project: not on project_id: %v", missing[0])
	}

	var other diag.Diagnostics
	listing.ListFailed(&other, errors.New("boom"), "FP-1", "Cannot list flows", "Listing the flows of project FP-1.")
	if len(other) != 1 || other[0].Summary() != "Cannot list flows" || !strings.Contains(other[0].Detail(), "boom") {
		t.Fatalf("other error: %v", other)
	}
	if _, ok := other[0].(diag.DiagnosticWithPath); ok {
		t.Errorf("other error: told on an attribute: %v", other[0])
	}
}

func TestOneNamed(t *testing.T) {
	var diags diag.Diagnostics
	if id, ok := listing.OneNamed(&diags, []string{"FJ-1"}, "job", " of project FP-1", "etl"); !ok || id != "FJ-1" || diags.HasError() {
		t.Fatalf("one match: %q %v %v", id, ok, diags)
	}
	for _, tc := range []struct {
		ids           []string
		where         string
		summary, want string
	}{
		{nil, " of project FP-1", "No such job", `No job of project FP-1 is named "etl".`},
		{nil, "", "No such job", `No job is named "etl".`},
		{[]string{"FJ-1", "FJ-2"}, " of project FP-1", "Several jobs match",
			`2 jobs of project FP-1 are named "etl" (FJ-1, FJ-2); look the job up by id instead.`},
	} {
		var diags diag.Diagnostics
		if _, ok := listing.OneNamed(&diags, tc.ids, "job", tc.where, "etl"); ok {
			t.Errorf("%v: ok, want false", tc.ids)
		}
		if len(diags) != 1 || diags[0].Summary() != tc.summary || diags[0].Detail() != tc.want {
			t.Errorf("%v: %v, want %q: %q", tc.ids, diags, tc.summary, tc.want)
			continue
		}
		if d, ok := diags[0].(diag.DiagnosticWithPath); !ok || !d.Path().Equal(path.Root("name")) {
			t.Errorf("%v: not on name: %v", tc.ids, diags[0])
		}
	}
}
