// Package editlock handles the console's edit lock of a flow or job: DescribeFlow and
// DescribeFlowJob answer EditLockDetail, a string whose format no page documents, non-empty while
// someone holds the object open for editing in the console, when a Modify may be refused. The
// resources keep the last detail read in private state, warn at plan time, and word a refused
// Modify as a lock when the object is still locked.
package editlock

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
)

// privateKey is the private-state key of the last EditLockDetail read.
const privateKey = "edit_lock"

// Writer and Reader are the parts of the framework's private state used here.
type (
	Writer interface {
		SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
	}
	Reader interface {
		GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	}
)

// Save keeps detail (the last EditLockDetail read; "" clears it).
func Save(ctx context.Context, private Writer, detail string) diag.Diagnostics {
	if private == nil {
		return nil
	}
	if detail == "" {
		return private.SetKey(ctx, privateKey, nil)
	}
	return framework.SetPrivateString(ctx, private, privateKey, detail)
}

// Held reports whether the object was locked when last read, i.e. whether Warn would warn. It lets
// a plan skip what only the warning needs (its object's id, the comparison of plan and state) in the
// common case of no lock.
func Held(ctx context.Context, private Reader) bool {
	if private == nil {
		return false
	}
	b, d := private.GetKey(ctx, privateKey)
	var detail string
	return !d.HasError() && len(b) > 0 && json.Unmarshal(b, &detail) == nil && detail != ""
}

// Warn adds a warning when the object (what, e.g. "flow F-1") was locked when last read: the
// planned update may be refused.
func Warn(ctx context.Context, private Reader, what string, diags *diag.Diagnostics) {
	if private == nil {
		return
	}
	b, d := private.GetKey(ctx, privateKey)
	diags.Append(d...)
	var detail string
	if len(b) == 0 || json.Unmarshal(b, &detail) != nil || detail == "" {
		return
	}
	diags.AddWarning("Locked for editing in the console",
		fmt.Sprintf("The %s was locked for editing in the EMR console%s when last read (EditLockDetail %q). The API may refuse "+
			"to change it until the lock is released: close it in the console, then apply.", what, by(detail), detail))
}

// Refused words a Modify refused while the object is locked: the lock, and who holds it when the
// detail tells.
func Refused(what, detail string, err error) string {
	return fmt.Sprintf("The %s is locked for editing in the EMR console%s (EditLockDetail %q), and the API refused the "+
		"change: %v. Close it in the console (or ask its editor to), then apply again.", what, by(detail), detail, err)
}

// by returns " by <holder>" when the detail names who holds the lock, else "".
func by(detail string) string {
	if h := Holder(detail); h != "" {
		return " by " + h
	}
	return ""
}

// Holder reads who holds the lock from a detail: a JSON object's user name (or id) under one of the
// keys a console would plausibly use, or a plain string that is not JSON (taken as the holder);
// "" when the detail does not tell.
func Holder(detail string) string {
	detail = strings.TrimSpace(detail)
	if detail == "" {
		return ""
	}
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(detail))
	dec.UseNumber() // a user id is a number too long for a float
	if err := dec.Decode(&obj); err != nil {
		if strings.ContainsAny(detail, "{}[]\"") {
			return ""
		}
		return detail
	}
	for _, k := range []string{"userName", "user_name", "UserName", "lockUserName", "owner", "user", "operator", "userId", "UserId", "lockUser"} {
		if v, ok := obj[k]; ok {
			if s := strings.TrimSpace(fmt.Sprint(v)); s != "" && s != "<nil>" {
				return s
			}
		}
	}
	return ""
}
