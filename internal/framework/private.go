package framework

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// PrivateWriter is the part of a resource's private state that writes (the framework's type is
// internal to it): what Create, Read and Update answer in resp.Private.
type PrivateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// SetPrivateString keeps s under key in a resource's private state. Private values must be JSON:
// s is kept as a JSON string, which holds any text (a server's document, valid or not) unchanged.
func SetPrivateString(ctx context.Context, private PrivateWriter, key, s string) diag.Diagnostics {
	b, _ := json.Marshal(s) // a Go string always encodes
	return private.SetKey(ctx, key, b)
}
