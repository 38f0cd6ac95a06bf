package provider

import (
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func TestPlainHTTPWarning(t *testing.T) {
	cases := map[string]struct {
		endpoint, source string
		token            bool
		want             []string // nil = no warning
	}{
		"none":                  {"", emrapi.EndpointFromAttribute, false, nil},
		"https":                 {"https://emr.cn-hangzhou.aliyuncs.com", emrapi.EndpointFromAttribute, true, nil},
		"loopback":              {"http://127.0.0.1:18080", emrapi.EndpointFromAttribute, true, nil},
		"loopback range":        {"http://127.0.0.2:18080", emrapi.EndpointFromAttribute, false, nil},
		"localhost":             {"http://LOCALHOST:18080", emrapi.EndpointFromAttribute, false, nil},
		"ipv6 loopback":         {"http://[::1]:18080", emrapi.EndpointFromAttribute, false, nil},
		"remote ip":             {"http://10.0.0.5:18080", emrapi.EndpointFromAttribute, false, []string{`endpoint is "http://10.0.0.5:18080"`, "unencrypted", "Use https://"}},
		"remote with token":     {"http://emulator.internal", emrapi.EndpointFromAttribute, true, []string{"the STS security token"}},
		"from the env":          {"http://10.0.0.5", emrapi.EndpointFromEnv, false, []string{"EMRFLOW_ENDPOINT is"}},
		"unspecified (0.0.0.0)": {"http://0.0.0.0:18080", emrapi.EndpointFromAttribute, false, []string{"plain http"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := plainHTTPWarning(tc.endpoint, tc.source, tc.token)
			if tc.want == nil {
				if got != "" {
					t.Fatalf("unexpected warning %q", got)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("warning %q lacks %q", got, w)
				}
			}
			if !tc.token && strings.Contains(got, "security token") {
				t.Errorf("warning names a token that is not sent: %q", got)
			}
		})
	}
}
