package framework_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
)

type recordedKeys map[string][]byte

func (r recordedKeys) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	r[key] = value
	return nil
}

func TestSetPrivateString(t *testing.T) {
	for in, want := range map[string]string{
		"":                     `""`,
		`{"nodes":[]}`:         `"{\"nodes\":[]}"`,
		"not JSON \x00 at all": `"not JSON \u0000 at all"`,
	} {
		keys := recordedKeys{}
		if d := framework.SetPrivateString(context.Background(), keys, "k", in); d.HasError() {
			t.Fatalf("%q: %v", in, d)
		}
		if got := string(keys["k"]); got != want {
			t.Errorf("%q kept as %s, want the JSON string %s", in, got, want)
		}
	}
}
