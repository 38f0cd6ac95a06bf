package validate_test

import (
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

func TestMarkdownList(t *testing.T) {
	cases := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"SHELL"}, "`SHELL`"},
		{[]string{"STOP_SCHEDULE", "UNDER_SCHEDULE"}, "`STOP_SCHEDULE`, `UNDER_SCHEDULE`"},
	}
	for _, tc := range cases {
		if got := validate.MarkdownList(tc.in); got != tc.want {
			t.Errorf("MarkdownList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
