package editlock

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestHolder(t *testing.T) {
	cases := map[string]string{
		"":                                   "",
		"alice":                              "alice",
		`{"userName":"alice","lockTime":1}`:  "alice",
		`{"userId":216959339000000001}`:      "216959339000000001",
		`{"lockTime":1}`:                     "",
		`["x"]`:                              "",
		`  bob  `:                            "bob",
		`{"user":"carol","userName":"dave"}`: "dave",
	}
	for in, want := range cases {
		if got := Holder(in); got != want {
			t.Errorf("Holder(%q) = %q, want %q", in, got, want)
		}
	}
}

// fakePrivate is a map standing in for the framework's private state.
type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
		return nil
	}
	p[key] = value
	return nil
}

// TestWarn: a lock read last time warns, naming the holder; none (or a lock released since) does not.
func TestWarn(t *testing.T) {
	ctx := context.Background()
	p := fakePrivate{}
	var diags diag.Diagnostics
	Warn(ctx, p, "flow F-1", &diags)
	if len(diags) != 0 {
		t.Fatalf("warned without a lock: %v", diags)
	}
	Save(ctx, p, `{"userName":"alice"}`)
	Warn(ctx, p, "flow F-1", &diags)
	if len(diags) != 1 || diags[0].Severity() != diag.SeverityWarning ||
		!strings.Contains(diags[0].Detail(), "flow F-1 was locked for editing in the EMR console by alice") {
		t.Fatalf("diags = %v", diags)
	}
	Save(ctx, p, "")
	diags = nil
	Warn(ctx, p, "flow F-1", &diags)
	if len(diags) != 0 {
		t.Fatalf("warned after the lock was released: %v", diags)
	}
	if msg := Refused("job FJ-1", "bob", errors.New("refused")); !strings.Contains(msg, "job FJ-1 is locked for editing in the EMR console by bob") {
		t.Errorf("Refused = %q", msg)
	}
}

// TestHeld: Held says whether Warn would warn, so that a plan can skip the warning's work.
func TestHeld(t *testing.T) {
	ctx := context.Background()
	p := fakePrivate{}
	for _, tc := range []struct {
		detail string
		want   bool
	}{{"", false}, {`{"userName":"alice"}`, true}, {"", false}} {
		Save(ctx, p, tc.detail)
		var diags diag.Diagnostics
		Warn(ctx, p, "flow F-1", &diags)
		if got := Held(ctx, p); got != tc.want || got != (len(diags) == 1) {
			t.Errorf("after Save(%q): Held = %v, Warn gave %d diagnostics, want %v", tc.detail, got, len(diags), tc.want)
		}
	}
	if Held(ctx, nil) {
		t.Error("Held(nil) = true")
	}
}
