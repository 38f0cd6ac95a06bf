package validate_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestPathName(t *testing.T) {
	t.Parallel()
	elem := types.ObjectValueMust(map[string]attr.Type{"event_id": types.StringType}, map[string]attr.Value{"event_id": types.StringValue("EMR-1")})
	cases := []struct {
		path path.Path
		want string
	}{
		{path.Root("project_id"), "project_id"},
		{path.Root("graph").AtListIndex(0).AtName("node").AtListIndex(2).AtName("job_id"), "graph[0].node[2].job_id"},
		{path.Root("alert").AtSetValue(elem).AtName("event_id"), "alert.event_id"},
		{path.Root("parent_flow_ids").AtSetValue(types.StringValue("X-1")), "an element of parent_flow_ids"},
		{path.Root("tags").AtMapKey("k"), `tags["k"]`},
		{path.Empty(), "the value"},
	}
	for _, tc := range cases {
		if got := validate.PathName(tc.path); got != tc.want {
			t.Errorf("PathName(%s) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
