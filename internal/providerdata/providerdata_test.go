package providerdata

import (
	"errors"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func TestErrorDetail(t *testing.T) {
	flowErr := func(msg string) error {
		return &emrapi.Error{Action: "CreateFlowForWeb", Code: "FLOW_API_FAILED", Message: msg, RequestID: "R-1", HTTPStatus: 400, Shape: emrapi.ShapeFlow}
	}
	cases := []struct {
		name string
		err  error
		hint string
		want []string // in this order
	}{
		{"missing project", flowErr("Project does not exist [FP-1]"), "",
			[]string{"CreateFlowForWeb with FLOW_API_FAILED (HTTP 400): Project does not exist [FP-1].", "Request ID: R-1", "project_id names no project"}},
		{"wrong cluster", flowErr("Cluster does not exist [C-9]"), "", []string{"Cluster does not exist [C-9]", "R-1", "cluster_id must be a cluster of this region"}},
		{"the caller's hint wins", flowErr("Project does not exist [FP-1]"), "do this", []string{"R-1", "\n\ndo this"}},
		{"throttled after the retries", &emrapi.Error{Action: "ListFlow", Code: "Throttling.User", Message: "denied", HTTPStatus: 400, Shape: emrapi.ShapeGateway},
			"", []string{"Throttling.User", "raise max_retries"}},
		{"no hint for a plain refusal", flowErr("Flow is not periodic [F-1]"), "", []string{"Flow is not periodic [F-1].\nRequest ID: R-1"}},
		{"not an API error", errors.New("boom"), "", []string{"boom"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ErrorDetail(tc.err, tc.hint)
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("%q lacks %q (in order)", got, w)
				}
				rest = rest[i+len(w):]
			}
			if tc.name == "no hint for a plain refusal" && strings.Contains(got, "\n\n") {
				t.Errorf("unexpected hint in %q", got)
			}
			if tc.name == "the caller's hint wins" && strings.Contains(got, "project_id names") {
				t.Errorf("default hint added to the caller's: %q", got)
			}
		})
	}
}
