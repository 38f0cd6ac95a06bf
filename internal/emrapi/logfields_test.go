package emrapi

import (
	"bytes"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestLogCarriesRequestFields: every API log line carries the fields terraform-plugin-go puts on
// the provider's root logger for the request (it sets them with tflog.SetField, as here), and the
// object the call is about; secrets stay masked.
func TestLogCarriesRequestFields(t *testing.T) {
	const token = "sts-token-value-5678"
	api := newFakeAPI(t, script(gatewayErr(503, "ServiceUnavailable", "x"), ok(describeFlowOK), ok(`{"RequestId":"R-C","Id":"F-NEW"}`)))
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	ctx = tflog.SetField(ctx, "tf_req_id", "req-1")
	ctx = tflog.SetField(ctx, "tf_rpc", "ReadResource")
	ctx = tflog.SetField(ctx, "tf_resource_type", "emrflow_flow")
	c := newTestClient(t, api.URL, func(cfg *Config) { cfg.SecurityToken = token })
	if _, err := c.DescribeFlow(ctx, "FP-1", "F-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateFlow(ctx, FlowInput{ProjectID: "FP-1", Name: "daily"}); err != nil {
		t.Fatal(err)
	}
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var calls int
	for _, e := range entries {
		if e["@module"] != "provider.emrapi" {
			continue
		}
		for k, v := range map[string]string{"tf_req_id": "req-1", "tf_rpc": "ReadResource", "tf_resource_type": "emrflow_flow"} {
			if e[k] != v {
				t.Errorf("%q line: %s = %v, want %q", e["@message"], k, e[k], v)
			}
		}
		if e["@message"] != "EMR API call" {
			continue
		}
		calls++
		want := map[string]any{"project_id": "FP-1", "object_id": "F-1"}
		if e["action"] == "CreateFlowForWeb" {
			want = map[string]any{"project_id": "FP-1", "object_name": "daily", "object_id": "F-NEW"}
		}
		for k, v := range want {
			if e[k] != v {
				t.Errorf("%s attempt %v: %s = %v, want %v", e["action"], e["attempt"], k, e[k], v)
			}
		}
	}
	if calls != 3 {
		t.Errorf("%d call lines, want 3: %s", calls, logs.String())
	}
	if bytes.Contains(logs.Bytes(), []byte(token)) || bytes.Contains(logs.Bytes(), []byte(testSecret)) {
		t.Errorf("log holds a secret: %s", logs.String())
	}
}
