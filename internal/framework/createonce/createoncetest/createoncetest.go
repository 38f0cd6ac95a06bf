// Package createoncetest fails chosen create requests on their way to the emulator, so that tests
// can prove each half of an unknown create outcome on its own: the emulator's random faults
// cannot be aimed at one call.
package createoncetest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Fault is what an aimed fault does to the next create of a name.
type Fault int

const (
	// CommittedThenLost executes the create and answers 500, as a response lost on its way back.
	CommittedThenLost Fault = iota + 1
	// LostBeforeCommit answers 503 without executing anything.
	LostBeforeCommit
)

// Aimed fails the next create (an Action starting with "Create") of chosen action and name
// pairs, and counts every create by action and name. It is safe for concurrent use.
type Aimed struct {
	mu      sync.Mutex
	faults  map[key]Fault
	creates map[key]int
}

type key struct{ action, name string }

// New returns an Aimed with no fault armed.
func New() *Aimed {
	return &Aimed{faults: map[key]Fault{}, creates: map[key]int{}}
}

// Arm aims fault at the next create request of action (e.g. "CreateFlowJob") for name.
func (a *Aimed) Arm(action, name string, fault Fault) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.faults[key{action, name}] = fault
}

// Count returns the create requests of action for name seen so far.
func (a *Aimed) Count(action, name string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.creates[key{action, name}]
}

// Middleware wraps the emulator's handler.
func (a *Aimed) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := RequestParams(r)
		if err != nil || !strings.HasPrefix(p.Get("Action"), "Create") {
			next.ServeHTTP(w, r)
			return
		}
		k := key{p.Get("Action"), p.Get("Name")}
		a.mu.Lock()
		a.creates[k]++
		fault := a.faults[k]
		delete(a.faults, k) // the next create only
		a.mu.Unlock()
		switch fault {
		case CommittedThenLost:
			next.ServeHTTP(httptest.NewRecorder(), r) // executed; its answer is thrown away
			gatewayError(w, http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error.")
		case LostBeforeCommit:
			gatewayError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// RequestParams reads the query and the form body of r, and puts the body back for the emulator.
func RequestParams(r *http.Request) (url.Values, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	all := r.URL.Query()
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		for k, v := range form {
			all[k] = append(v, all[k]...)
		}
	}
	return all, nil
}

func gatewayError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"RequestId":"AIMED-%d","HostId":"emr.aliyuncs.com","Code":%q,"Message":%q,"Recommend":""}`, status, code, msg)
}

// Serve starts a server that hands requests to backend (the emulator) through a's middleware,
// closed when the test ends, and returns the HCL of a provider block that points at it.
func (a *Aimed) Serve(t testing.TB, backend http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(a.Middleware(backend))
	t.Cleanup(srv.Close)
	return fmt.Sprintf("provider \"emrflow\" {\n  endpoint = %q\n}\n", srv.URL)
}

// ImportHint matches a createonce.NameTakenError as Terraform prints it: why the object is not
// taken over, then the import command, whatever the wrapping of the diagnostic (and the "│ "
// gutter at the start of each line).
func ImportHint(resourceType, importID string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + phrase("was not created by this apply") + `.*` +
		phrase("terraform import "+resourceType+".<resource name> "+importID))
}

func phrase(text string) string {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(words, `(?:\s|│)+`)
}

// ExpectCounts returns an error naming every name whose create requests of action are not the
// number wanted.
func (a *Aimed) ExpectCounts(action string, want map[string]int) error {
	var bad []string
	for name, n := range want {
		if got := a.Count(action, name); got != n {
			bad = append(bad, fmt.Sprintf("%s %q: %d calls, want %d", action, name, got, n))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("create calls: %s", strings.Join(bad, "; "))
	}
	return nil
}
