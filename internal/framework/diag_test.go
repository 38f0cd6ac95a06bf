package framework

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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

func TestReadFailed(t *testing.T) {
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}
	newState := func() tfsdk.State {
		return tfsdk.State{
			Schema: schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}},
			Raw:    tftypes.NewValue(objType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "F-1")}),
		}
	}
	cases := map[string]struct {
		err         error
		wantStop    bool
		wantRemoved bool
		wantError   string
	}{
		"no error":  {err: nil},
		"not found": {err: &emrapi.NotFoundError{Kind: "flow", ID: "F-1"}, wantStop: true, wantRemoved: true},
		"not found in the API's words": {err: &emrapi.Error{Action: "DescribeFlow", Code: "FLOW_API_FAILED",
			Message: "Flow does not exist [F-1]", Shape: emrapi.ShapeFlow, HTTPStatus: 400}, wantStop: true, wantRemoved: true},
		"other error": {err: &emrapi.Error{Action: "DescribeFlow", Code: "InternalError", HTTPStatus: 500, Shape: emrapi.ShapeGateway,
			Message: "boom"}, wantStop: true, wantError: "Cannot read the flow"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			state := newState()
			var diags diag.Diagnostics
			stop := ReadFailed(context.Background(), tc.err, "flow", "F-1", &state, &diags)
			if stop != tc.wantStop {
				t.Errorf("stop = %v, want %v", stop, tc.wantStop)
			}
			if removed := state.Raw.IsNull(); removed != tc.wantRemoved {
				t.Errorf("removed from state = %v, want %v", removed, tc.wantRemoved)
			}
			switch {
			case tc.wantError == "" && diags.HasError():
				t.Errorf("unexpected diagnostics: %v", diags)
			case tc.wantError != "" && (!diags.HasError() || diags.Errors()[0].Summary() != tc.wantError):
				t.Errorf("diagnostics %v, want an error %q", diags, tc.wantError)
			}
		})
	}
}

func TestErrorDetailWrapped(t *testing.T) {
	lost := &emrapi.Error{Action: "CreateFlowForWeb", Code: "InternalError", HTTPStatus: 500, Shape: emrapi.ShapeGateway,
		Message: "The request processing has failed", RequestID: "R-9"}
	missing := &emrapi.Error{Action: "CreateFlowForWeb", Code: "FLOW_API_FAILED", HTTPStatus: 400, Shape: emrapi.ShapeFlow,
		Message: "Project does not exist [FP-1]", RequestID: "R-8"}
	cases := map[string]struct {
		err     error
		want    []string // in this order
		notWant []string
	}{
		"wrapped unknown outcome keeps the wrapper's advice first": {
			err:     fmt.Errorf("the outcome of creating flow %q is unknown and looking it up failed; check for it before applying again: %w", "f", lost),
			want:    []string{"outcome of creating flow \"f\" is unknown", "The EMR API answered CreateFlowForWeb with InternalError (HTTP 500)", "Request ID: R-9"},
			notWant: []string{"raise max_retries"},
		},
		"wrapped reference error keeps the reference hint": {
			err:  fmt.Errorf("creating flow %q: %w", "f", missing),
			want: []string{"creating flow \"f\"", "Project does not exist [FP-1]", "Request ID: R-8", "project_id names no project"},
		},
		"unwrapped temporary error gets the generic hint": {
			err:  lost,
			want: []string{"The EMR API answered CreateFlowForWeb", "raise max_retries"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := ErrorDetail(tc.err, "")
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("detail %q lacks %q (after offset %d)", got, w, at)
				}
				at += i + len(w)
			}
			for _, nw := range tc.notWant {
				if strings.Contains(got, nw) {
					t.Errorf("detail %q should not contain %q", got, nw)
				}
			}
		})
	}
}

// TestErrorDetailTransport: when nothing (or no API) answered, the detail does not claim that the
// API answered; it names the endpoint, where it came from and what to do, then the caller's hint.
func TestErrorDetailTransport(t *testing.T) {
	te := &emrapi.TransportError{
		Kind: emrapi.TransportRefused, Endpoint: "http://127.0.0.1:18080", Source: emrapi.EndpointFromEnv,
		Cause: "the connection was refused", Hint: "Is the emulator running?",
		Err: &emrapi.Error{Action: "ListFlowProject", Message: "dial tcp: connection refused", Shape: emrapi.ShapeNetwork, NotSent: true},
	}
	got := ErrorDetail(fmt.Errorf("looking up the project: %w", te), "Listing projects.")
	want := "looking up the project: ListFlowProject: nothing answered at http://127.0.0.1:18080 (from the environment variable " +
		"EMRFLOW_ENDPOINT): the connection was refused.\n\nIs the emulator running?\n\nListing projects."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(got, "temporary") || strings.Contains(got, "The EMR API answered") {
		t.Errorf("claims an answer or a temporary failure: %s", got)
	}
}

// TestErrorDetailCredentials: refused credentials keep the API's code and request id, once, and say
// which credential to check.
func TestErrorDetailCredentials(t *testing.T) {
	ce := &emrapi.CredentialError{Credential: "access key secret", Source: "environment", Hint: "check the access key secret",
		Err: &emrapi.Error{Action: "ListFlowProject", Code: "SignatureDoesNotMatch", Message: "mismatch", RequestID: "R-9", HTTPStatus: 400, Shape: emrapi.ShapeGateway}}
	got := ErrorDetail(ce, "")
	want := "The EMR API answered ListFlowProject with SignatureDoesNotMatch (HTTP 400): mismatch.\nRequest ID: R-9\n\ncheck the access key secret"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDefaultHintDocumentedJobMessage: DescribeFlowJob.md's "Flow Job does not exist [FJ-…]" gets
// the job hint, as the older "Job does not exist" did.
func TestDefaultHintDocumentedJobMessage(t *testing.T) {
	for _, msg := range []string{"Flow Job does not exist [FJ-A10DB75C7D62A]", "Job does not exist [FJ-1]"} {
		e := &emrapi.Error{Action: "DescribeFlowJob", Code: "FLOW_API_FAILED", Message: msg, Shape: emrapi.ShapeFlow, HTTPStatus: 400}
		if h := defaultHint(e); !strings.Contains(h, "check the job ids") {
			t.Errorf("%q: hint %q", msg, h)
		}
	}
}

func TestClusterSettingHint(t *testing.T) {
	got := ClusterSettingHint("FP-1", "C-2")
	for _, want := range []string{"Add an emrflow_project_cluster_setting for C-2 in project FP-1", `project_id = "FP-1"`, `cluster_id = "C-2"`} {
		if !strings.Contains(got, want) {
			t.Errorf("hint %q lacks %q", got, want)
		}
	}
	if got := ClusterSettingHint("FP-1", ""); !strings.Contains(got, "for the flow's cluster in project FP-1") || !strings.Contains(got, "cluster_id = <the flow's cluster_id>") {
		t.Errorf("hint without a cluster id: %q", got)
	}
}

func TestReadBackFailed(t *testing.T) {
	var diags diag.Diagnostics
	ReadBackFailed(&diags, "folder", errors.New("boom"))
	if len(diags) != 1 || diags[0].Summary() != "Cannot read the folder after writing it" ||
		!strings.Contains(diags[0].Detail(), "boom") ||
		!strings.Contains(diags[0].Detail(), "The folder exists and is recorded in the state; run `terraform apply` again to refresh it.") {
		t.Errorf("ReadBackFailed: %v", diags)
	}
}
