// Package createonce makes the create of an object that has no client token happen exactly once.
//
// The EMR flow API takes no idempotency token, so a create whose outcome is unknown (a 5xx
// answer, a timeout, a lost connection) may or may not have made the object, and sending it again
// could make a second one. Every object the provider creates has a unique key (a flow's or a
// job's name in its project, a folder's name in its parent, a project's name in the account), so
// after such an outcome the object is looked up by that key:
//
//   - found, and it is ours: adopted, once. "Ours" means that the caller's fields read back the
//     same AND the server created it no earlier than just before our first call (ClockSkew); one
//     whose answer gives no creation time is not ours. An
//     object of that key made by someone else earlier, or holding other values, is never taken
//     over: that is a *NameTakenError whose Hint shows the `terraform import` command.
//   - not found: the create did not happen; it is sent again (at most MaxAttempts calls in all).
//     The key is unique, so even a lagging lookup cannot lead to two objects: the second create
//     fails with "name already exists", and the object is then looked up again.
//
// A create refused because the key is taken, with no earlier unknown outcome, is a
// *NameTakenError too.
//
// The package knows nothing of Terraform's framework: resources give it callbacks (Op), and use
// Begin so that a create is never sent after Ctrl-C but, once sent, is seen through.
package createonce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

const (
	// ClockSkew is how much earlier than the start of our first create call an object's creation
	// time (the server's clock) may be while we still take it for ours.
	ClockSkew = 2 * time.Minute
	// MaxAttempts bounds the create calls for one object: the first, and one more when the first
	// one's outcome is unknown and the object is then not found (so it was not created).
	MaxAttempts = 2
	// Lookups bounds the Find calls that resolve one unknown outcome (each one already retried by
	// the client); only retryable failures are tried again.
	Lookups = 4
	// LookupGrace is how long those lookups may take when the create's own deadline has already
	// passed (the create timed out).
	LookupGrace = time.Minute
)

// Candidate is the object found under the unique key, as Op.Find reads it.
type Candidate struct {
	ID       string
	ImportID string    // what `terraform import` takes for it, e.g. "FP-…:F-…"
	Created  time.Time // the server's creation time; zero when unknown (then not adopted)
	// Differs names the fields whose values differ from what the create asked for; empty when
	// they all match.
	Differs []string
}

// Millis turns the API's creation time (milliseconds since the epoch, 0 when absent) into a
// Candidate's Created.
func Millis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// Diff collects the names of the fields that differ, for Candidate.Differs.
type Diff []string

// Check adds name when same is false.
func (d *Diff) Check(name string, same bool) {
	if !same {
		*d = append(*d, name)
	}
}

// Op describes one create.
type Op struct {
	Kind         string // what is created, for messages: "flow", "job", "folder", "project"
	ResourceType string // the Terraform resource type, for the import hint: "emrflow_flow"
	// Key says how the unique key reads in messages, after the kind: `named "daily" in project FP-1`.
	Key string
	// Create sends the create and returns the new object's id.
	Create func(ctx context.Context) (string, error)
	// Find looks the object up by its unique key and reads what Candidate holds; when there is no
	// such object it returns an error for which emrapi.IsNotFound is true.
	Find func(ctx context.Context) (*Candidate, error)
	// Now is the clock of the recency check; nil is time.Now.
	Now func() time.Time
}

// Result is a created or adopted object.
type Result struct {
	ID      string
	Adopted bool // found after an unknown outcome and taken as the one our create made
}

// Create creates the object described by op, exactly once (see the package documentation).
func Create(ctx context.Context, op Op) (Result, error) {
	now := op.Now
	if now == nil {
		now = time.Now
	}
	started := now()
	uncertain := false // an earlier call of ours may have created the object
	for attempt := 1; ; attempt++ {
		id, err := op.Create(ctx)
		switch {
		case err == nil:
			return Result{ID: id}, nil
		case emrapi.IsAlreadyExists(err) && !uncertain:
			c, ferr := op.Find(ctx)
			if ferr != nil || c == nil {
				return Result{}, fmt.Errorf("creating %s %s: %w", op.Kind, op.Key, err)
			}
			return Result{}, op.taken(c, err, "the name was already taken when this apply asked to create it")
		case emrapi.IsAlreadyExists(err), emrapi.IsUnknownOutcome(err):
			uncertain = true
			tflog.Warn(ctx, "outcome of the create unknown; looking the object up by its key", map[string]any{
				"kind": op.Kind, "key": op.Key, "attempt": attempt, "error": err.Error(),
			})
		default:
			return Result{}, fmt.Errorf("creating %s %s: %w", op.Kind, op.Key, err)
		}

		c, ferr := find(ctx, op)
		switch {
		case ferr == nil && c != nil:
			return op.adopt(ctx, c, err, started)
		case ferr != nil && !emrapi.IsNotFound(ferr):
			return Result{}, fmt.Errorf("the outcome of creating %s %s is unknown (%v), and looking it up failed: %w; "+
				"check for a %s %s before applying again", op.Kind, op.Key, err, ferr, op.Kind, op.Key)
		}
		if attempt >= MaxAttempts {
			return Result{}, fmt.Errorf("creating %s %s: the outcome of %d calls was unknown and no such %s is found: %w",
				op.Kind, op.Key, attempt, op.Kind, err)
		}
		tflog.Info(ctx, "the object was not created; creating it again", map[string]any{"kind": op.Kind, "key": op.Key})
	}
}

// find looks the object up after an unknown outcome. It tries harder than an ordinary read:
// giving up here would leave an object the server may have made out of the state, and the next
// apply would then find its key taken.
func find(ctx context.Context, op Op) (*Candidate, error) {
	if ctx.Err() != nil {
		// The create ran out of its time (a timeout is an unknown outcome too): knowing whether it
		// made the object is worth a short overrun, since one made but not recorded would fail the
		// next apply on its name.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), LookupGrace)
		defer cancel()
	}
	for lookup := 1; ; lookup++ {
		c, err := op.Find(ctx)
		if err == nil || emrapi.IsNotFound(err) || !emrapi.IsRetryable(err) || lookup >= Lookups || ctx.Err() != nil {
			return c, err
		}
		tflog.Warn(ctx, "looking up an object after an unknown create outcome failed; trying again", map[string]any{
			"kind": op.Kind, "key": op.Key, "lookup": lookup, "error": err.Error(),
		})
	}
}

// adopt takes the candidate found after an unknown outcome if it is the one our create made.
func (op Op) adopt(ctx context.Context, c *Candidate, createErr error, started time.Time) (Result, error) {
	if c.Created.IsZero() {
		// Without a creation time (an answer that omits it, or one that names no object and
		// only echoes the request's ids) nothing shows the object is ours rather than older.
		return Result{}, op.taken(c, createErr, "the server gives no creation time for it, so it cannot be told apart "+
			"from one made before this apply")
	}
	if c.Created.Before(started.Add(-ClockSkew)) {
		return Result{}, op.taken(c, createErr, fmt.Sprintf("it was created at %s, before this apply started creating it (%s)",
			c.Created.UTC().Format(time.RFC3339), started.UTC().Format(time.RFC3339)))
	}
	if len(c.Differs) > 0 {
		return Result{}, op.taken(c, createErr, "its "+strings.Join(c.Differs, ", ")+" differ from this configuration")
	}
	tflog.Warn(ctx, "adopted the object made by a create whose answer was lost", map[string]any{
		"kind": op.Kind, "key": op.Key, "id": c.ID,
	})
	return Result{ID: c.ID, Adopted: true}, nil
}

func (op Op) taken(c *Candidate, createErr error, reason string) *NameTakenError {
	return &NameTakenError{Kind: op.Kind, Key: op.Key, ResourceType: op.ResourceType,
		ID: c.ID, ImportID: c.ImportID, Reason: reason, Err: createErr}
}

// NameTakenError says that an object of the planned key exists that this apply did not create.
type NameTakenError struct {
	Kind, Key    string // as in Op
	ResourceType string // as in Op
	ID           string // the existing object's id
	ImportID     string // what `terraform import` takes for it
	Reason       string // why it is not taken for ours
	Err          error  // the create's own error (the API's "name already exists", or the unknown outcome)
}

func (e *NameTakenError) Error() string {
	return e.sentence() + fmt.Sprintf(" (the create answered: %v)", e.Err)
}

func (e *NameTakenError) Unwrap() error { return e.Err }

func (e *NameTakenError) sentence() string {
	return fmt.Sprintf("a %s %s already exists (%s) and was not created by this apply: %s", e.Kind, e.Key, e.ID, e.Reason)
}

// Hint says what was found and how to take the object under management, or to avoid it. It is
// whole on its own, because diagnostics show the API's answer (Err) and then the hint.
func (e *NameTakenError) Hint() string {
	s := e.sentence()
	return strings.ToUpper(s[:1]) + s[1:] + ". " +
		fmt.Sprintf("Terraform does not take over a %s it did not create. "+
			"To manage the existing %s with this configuration, import it:\n\n"+
			"  terraform import %s.<resource name> %s\n\n"+
			"(or an import block with id = %q), or give this %s another name.",
			e.Kind, e.Kind, e.ResourceType, e.ImportID, e.ImportID, e.Kind)
}

// Hint returns the hint of a *NameTakenError in err's chain, or "" when there is none.
func Hint(err error) string {
	if nt, ok := errors.AsType[*NameTakenError](err); ok {
		return nt.Hint()
	}
	return ""
}

// Begin is called right before the first create call. When ctx is already done (Terraform was
// asked to stop), it returns an error and nothing must be sent. Otherwise it returns ctx detached
// from cancellation (DetachCancel): from the first call on, the create is seen through (outcome
// resolved, id stored, object read back), because an object the server made but the state does
// not hold would make the next apply fail on its key. Terraform waits for operations in flight;
// ctx's deadline (the create timeout) still bounds this one.
func Begin(ctx context.Context, kind string) (context.Context, context.CancelFunc, error) {
	if err := ctx.Err(); err != nil {
		return ctx, func() {}, fmt.Errorf("the apply was interrupted before the %s was sent: %w. Nothing was created", kind, err)
	}
	detached, cancel := DetachCancel(ctx)
	return detached, cancel, nil
}

// DetachCancel returns a context that keeps ctx's values (the logger) and deadline but not its
// cancellation.
func DetachCancel(ctx context.Context) (context.Context, context.CancelFunc) {
	detached := context.WithoutCancel(ctx)
	if deadline, ok := ctx.Deadline(); ok {
		return context.WithDeadline(detached, deadline)
	}
	return context.WithCancel(detached)
}
