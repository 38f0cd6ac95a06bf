package category

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
)

func TestFlatten(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		in         emrapi.Category
		wantParent types.String
		wantType   string
	}{
		{"root", emrapi.Category{ID: "FC-1", ProjectID: "FP-1", Name: "a", Type: "FLOW"}, types.StringNull(), "FLOW"},
		{"nested", emrapi.Category{ID: "FC-2", ProjectID: "FP-1", Name: "b", Type: "JOB", ParentID: "FC-1"}, types.StringValue("FC-1"), "JOB"},
		{"no type in the answer", emrapi.Category{ID: "FC-3", ProjectID: "FP-1", Name: "c"}, types.StringNull(), "JOB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := categoryModel{Type: types.StringValue("JOB"), ProjectID: types.StringValue("FP-1")}
			flattenCategory(&tc.in, &m)
			if !m.ParentID.Equal(tc.wantParent) || m.Type.ValueString() != tc.wantType ||
				m.ID.ValueString() != tc.in.ID || m.Name.ValueString() != tc.in.Name || m.ProjectID.ValueString() != "FP-1" {
				t.Fatalf("flattenCategory(%+v) = %+v; want parent %s, type %s", tc.in, m, tc.wantParent, tc.wantType)
			}
			in := expandCategoryInput(&m)
			if in.ParentID != tc.in.ParentID || in.Name != tc.in.Name || in.ProjectID != "FP-1" || in.Type != "" {
				t.Fatalf("expandCategoryInput(flattenCategory(%+v)) = %+v", tc.in, in)
			}
		})
	}
}

func TestFindNamed(t *testing.T) {
	t.Parallel()
	in := emrapi.CategoryInput{ProjectID: "FP-1", Name: "etl", Type: "JOB", ParentID: "FC-P"}
	cases := []struct {
		name      string
		list      []emrapi.Category
		wantID    string
		wantDiffs []string // of the candidate found
	}{
		{"none", nil, "", nil},
		{"other name", []emrapi.Category{{ID: "FC-1", Name: "etl2", Type: "JOB", ParentID: "FC-P"}}, "", nil},
		{"other type: holds the name, not ours", []emrapi.Category{{ID: "FC-1", Name: "etl", Type: "FLOW", ParentID: "FC-P"}}, "FC-1", []string{"type"}},
		{"other parent", []emrapi.Category{{ID: "FC-1", Name: "etl", Type: "JOB", ParentID: "FC-Q"}}, "", nil},
		{"a file, not a folder", []emrapi.Category{{ID: "FC-1", Name: "etl", Type: "JOB", ParentID: "FC-P", CategoryType: "FILE"}}, "", nil},
		{"found among others", []emrapi.Category{
			{ID: "FC-1", Name: "x", Type: "JOB", ParentID: "FC-P"},
			{ID: "FC-2", Name: "etl", Type: "JOB", ParentID: "FC-P", CategoryType: "FOLDER", GmtCreate: 1700000000000},
		}, "FC-2", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := findNamed(tc.list, in)
			switch {
			case tc.wantID == "" && got != nil:
				t.Fatalf("found %+v, want nothing", got)
			case tc.wantID == "":
				return
			case got == nil || got.ID != tc.wantID:
				t.Fatalf("found %+v, want %s", got, tc.wantID)
			}
			c := candidate(got, in)
			if c.ImportID != "FP-1:"+tc.wantID || !slices.Equal(c.Differs, tc.wantDiffs) || !c.Created.Equal(createonce.Millis(got.GmtCreate)) {
				t.Fatalf("candidate %+v, want import id FP-1:%s and differences %v", c, tc.wantID, tc.wantDiffs)
			}
		})
	}
}

func TestIsNotEmpty(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"not empty", &emrapi.Error{Action: "DeleteFlowCategory", Code: "FLOW_API_FAILED", Message: "Category is not empty [FC-1]"}, true},
		{"wrapped", fmt.Errorf("deleting: %w", &emrapi.Error{Message: "Category is not empty [FC-1]"}), true},
		{"other API error", &emrapi.Error{Code: "Throttling.User", Message: "Request was denied due to user flow control."}, false},
		{"plain error with the words", errors.New("Category is not empty"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := emrapi.IsNotEmpty(tc.err); got != tc.want {
				t.Fatalf("emrapi.IsNotEmpty(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
