package flow

import (
	"context"
	"testing"
	"time"
)

// TestDetachCancel: a create already sent must survive Terraform's stop (the cancellation of its
// context) but keep the create timeout (the deadline) and the logger (the values).
func TestDetachCancel(t *testing.T) {
	type key struct{}
	parent, cancel := context.WithTimeout(context.WithValue(context.Background(), key{}, "v"), time.Hour)
	ctx, cancelDetached := detachCancel(parent)
	defer cancelDetached()
	cancel()
	if parent.Err() == nil || ctx.Err() != nil {
		t.Fatalf("parent err %v, detached err %v: want only the parent canceled", parent.Err(), ctx.Err())
	}
	if ctx.Value(key{}) != "v" {
		t.Error("the detached context lost its values")
	}
	pd, _ := parent.Deadline()
	if d, ok := ctx.Deadline(); !ok || !d.Equal(pd) {
		t.Errorf("deadline %v %v, want %v", d, ok, pd)
	}
	noDeadline, cancelNo := detachCancel(context.Background())
	defer cancelNo()
	if _, ok := noDeadline.Deadline(); ok {
		t.Error("a deadline appeared")
	}
}
