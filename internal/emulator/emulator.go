// Package emulator is a local, faithful implementation of the EMR 2016-04-08 Flow API family
// (flows, projects, jobs, categories) plus STS AssumeRole, as EMULATOR.md at the repository root
// describes it. It is an http.Handler: mount it on an httptest.Server in Go tests, or run the
// emrflow-emulator command.
package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"sync"
	"time"
)

// The keys the emulator accepts when Config leaves them empty.
const (
	DefaultAccessKeyID     = "LTAIemrflowEmulator"
	DefaultAccessKeySecret = "emrflow-emulator-secret"
)

// DefaultClusters returns the seeded clusters (C-) and cluster templates (CT-) used when
// Config.Clusters is empty. A function, so that callers cannot change the defaults of others.
func DefaultClusters() []string {
	return []string{"C-0000000000000001", "C-0000000000000002", "C-0000000000000003", "CT-0000000000000001"}
}

var clusterIDPattern = regexp.MustCompile(`^(C|CT)-[0-9A-Za-z]+$`)

// Config configures a Server. The zero value is a usable in-memory emulator with the default keys.
type Config struct {
	AccessKeyID     string   // "" = DefaultAccessKeyID
	AccessKeySecret string   // "" = DefaultAccessKeySecret
	Clusters        []string // empty = DefaultClusters()
	DataFile        string   // "" = memory only

	Latency       time.Duration
	ThrottleRPS   float64
	ErrorRate     float64
	AmbiguousRate float64
	Seed          int64 // seed of the fault generator

	// Answers is the answer profile (see answers.go and AnswerProfiles); "" = AnswersDefault.
	Answers string
	// Switches turns on readings of what the pages leave open (switches.go, SwitchNames):
	// comma-separated names, "" = none.
	Switches string
	// Runs (runs.go): JOB node run time (0 = DefaultNodeDuration), how long a submitted run
	// waits in PREP, and how much faster than Now the runs' and schedules' clock goes (0 = 1).
	NodeDuration time.Duration
	StartDelay   time.Duration
	ClockRate    float64

	// NoConsole stops serving the read-only console page (/ for a browser, /console): the
	// command serves it beyond loopback only when asked (-console).
	NoConsole bool

	Now    func() time.Time // nil = time.Now; tests move the clock
	Logger *slog.Logger     // nil = discard
}

// Stats counts the API requests received, whatever their outcome.
type Stats struct {
	Calls  map[string]int64 `json:"calls"`
	Faults FaultStats       `json:"faults"`
	Total  int64            `json:"total"`
}

// FaultStats counts the injected faults.
type FaultStats struct {
	Throttled int64 `json:"throttled"`
	Errors    int64 `json:"errors"`
	Ambiguous int64 `json:"ambiguous"`
}

// unknownAction is the Stats key of requests whose Action is missing or unknown (one key for all,
// so that arbitrary input cannot grow the map).
const unknownAction = "(unknown)"

// Server is the emulator: an http.Handler.
type Server struct {
	accessKeyID     string
	accessKeySecret string
	clusters        map[string]bool
	dataFile        string
	answers         string // answer profile
	switches        switches
	now             func() time.Time
	log             *slog.Logger
	actions         map[actionKey]action
	runs            runSettings
	noConsole       bool

	faults   *faultInjector
	nonces   *nonceCache
	refusals refusals  // writes answered Data: false (RefuseWithDataFalse)
	locks    editLocks // flows and jobs open in the console (LockForEdit)

	mu      sync.RWMutex // guards st and version
	st      *state
	version uint64 // bumped by every committed change

	persistMu sync.Mutex // serialises writes of the data file and the journal
	persisted uint64     // version of the state last on disk
	journal   *journal   // with a data file: its journal (journal.go); guarded by persistMu

	pendingMu   sync.Mutex // guards pending and pendingLost
	pending     [][]byte   // journal entries of committed changes not yet written, in commit order
	pendingLost bool       // a change could not be encoded: only a snapshot can make it durable

	statsMu sync.Mutex
	stats   Stats

	// panicHook, when set (by tests), sees every recovered panic.
	panicHook func(any)
}

// New builds a Server. With a DataFile that exists, the state is loaded from it; a corrupt file
// is an error naming the file.
func New(cfg Config) (*Server, error) {
	s := &Server{
		accessKeyID:     cfg.AccessKeyID,
		accessKeySecret: cfg.AccessKeySecret,
		clusters:        map[string]bool{},
		dataFile:        cfg.DataFile,
		noConsole:       cfg.NoConsole,
		answers:         cfg.Answers,
		now:             cfg.Now,
		log:             cfg.Logger,
		nonces:          newNonceCache(),
		stats:           Stats{Calls: map[string]int64{}},
	}
	if s.accessKeyID == "" {
		s.accessKeyID = DefaultAccessKeyID
	}
	if s.accessKeySecret == "" {
		s.accessKeySecret = DefaultAccessKeySecret
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	clusters := cfg.Clusters
	if len(clusters) == 0 {
		clusters = DefaultClusters()
	}
	for _, c := range clusters {
		if !clusterIDPattern.MatchString(c) {
			return nil, fmt.Errorf("cluster id %q: want C-… (a cluster) or CT-… (a cluster template)", c)
		}
		s.clusters[c] = true
	}
	if err := CheckAnswers(cfg.Answers); err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	sw, err := ParseSwitches(cfg.Switches)
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	s.switches = sw
	f := Faults{Latency: cfg.Latency, ThrottleRPS: cfg.ThrottleRPS, ErrorRate: cfg.ErrorRate, AmbiguousRate: cfg.AmbiguousRate}
	if err := f.validate(); err != nil {
		return nil, fmt.Errorf("emulator faults: %w", err)
	}
	s.faults = newFaultInjector(f, cfg.Seed)
	s.st = newState()
	if s.dataFile != "" {
		if err := s.load(); err != nil {
			return nil, err
		}
	}
	s.actions = actionTable()
	runs, err := newRunSettings(cfg, s.now())
	if err != nil {
		return nil, fmt.Errorf("emulator runs: %w", err)
	}
	s.runs = runs
	return s, nil
}

// Stats returns a copy of the request counters (the same as GET /__emulator/stats).
func (s *Server) Stats() Stats {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	out := s.stats
	out.Calls = make(map[string]int64, len(s.stats.Calls))
	for k, v := range s.stats.Calls {
		out.Calls[k] = v
	}
	return out
}

// ResetStats zeroes the request counters.
func (s *Server) ResetStats() {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.stats = Stats{Calls: map[string]int64{}}
}

// SetFaults changes the injected faults at run time. Out-of-range values are clamped (negative
// latency and rates to 0, rates above 1 to 1).
func (s *Server) SetFaults(f Faults) {
	s.faults.set(f.clamp())
}

func (s *Server) count(fn func(*Stats)) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	fn(&s.stats)
}

// ServeHTTP answers the RPC API on "/" and the debug endpoints under /__emulator/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tw := &trackingWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler { //nolint:errorlint // the sentinel is compared, as net/http does
				panic(v)
			}
			s.log.Error("emulator: recovered from a panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if s.panicHook != nil {
				s.panicHook(v)
			}
			if !tw.wroteHeader {
				s.writeError(tw, r, newRequestID(), errInternal())
			}
		}
	}()
	switch r.URL.Path {
	case HealthPath:
		s.serveHealth(tw, r)
	case "/__emulator/stats":
		s.serveStats(tw, r)
	case "/__emulator/reset-stats":
		s.serveResetStats(tw, r)
	case "/console":
		if s.noConsole {
			http.NotFound(tw, r)
			return
		}
		s.serveConsole(tw, r)
	default:
		if !s.noConsole && isConsoleRequest(r) {
			s.serveConsole(tw, r)
			return
		}
		s.serveAPI(tw, r)
	}
}

// HealthPath answers 200 to an unsigned GET or HEAD once the emulator serves: the readiness
// check of a CI job (curl -fsS http://127.0.0.1:18080/__emulator/health), which cannot sign.
const HealthPath = "/__emulator/health"

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) serveStats(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	writeJSON(w, http.StatusOK, s.Stats())
}

func (s *Server) serveResetStats(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.ResetStats()
	w.WriteHeader(http.StatusNoContent)
}

// call is one API request being served.
type call struct {
	p         params
	now       time.Time
	requestID string
	region    string // RegionId: every object lives in one region (see regionScoped)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := newRequestID()
	name, resp, aerr := s.handle(w, r, requestID)
	if aerr == nil && resp == nil {
		return // the client left during the latency sleep: nothing was executed, nobody to answer
	}
	if aerr != nil {
		s.writeError(w, r, requestID, aerr)
		s.log.Debug("emulator request", "action", name, "requestId", requestID, "status", aerr.status,
			"code", aerr.code, "message", aerr.logMessage(), "duration", time.Since(start))
		return
	}
	writeJSON(w, http.StatusOK, resp)
	s.log.Debug("emulator request", "action", name, "requestId", requestID, "status", http.StatusOK,
		"duration", time.Since(start))
}

// handle runs one API request through parsing, counting, latency, authentication, faults and the
// action itself. It returns the response body or the error to answer; both nil means the client
// went away before anything was executed.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, requestID string) (string, any, *apiError) {
	var (
		p     params
		aerr  *apiError
		act   action
		known bool
	)
	if r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
		aerr = errInvalidAction()
	} else {
		p, aerr = parseParams(w, r)
	}
	name := p.get("Action")
	if aerr == nil {
		act, known = s.actions[actionKey{version: p.get("Version"), name: name}]
	}
	if !known {
		name = unknownAction
	}
	s.count(func(st *Stats) { st.Total++; st.Calls[name]++ })

	if f := s.faults.get(); f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return name, nil, nil
		}
	}
	switch {
	case aerr != nil:
		return name, nil, aerr
	case p.get("Action") == "":
		return name, nil, errMissing("Action")
	case p.get("Version") == "":
		return name, nil, errMissing("Version")
	case !known:
		return name, nil, errInvalidAction()
	}
	if f := p.get("Format"); f != "" && f != "JSON" && f != "json" {
		return name, nil, errInvalid("Format", "the emulator answers JSON only")
	}
	now := s.now()
	if aerr := s.authenticate(r.Method, p, now); aerr != nil {
		return name, nil, aerr
	}
	if !s.faults.allow(now) {
		s.count(func(st *Stats) { st.Faults.Throttled++ })
		return name, nil, gatewayError(http.StatusBadRequest, codeThrottlingUser, "Request was denied due to user flow control.")
	}
	if s.faults.failUnavailable() {
		s.count(func(st *Stats) { st.Faults.Errors++ })
		return name, nil, gatewayError(http.StatusServiceUnavailable, codeServiceUnavailable,
			"The request has failed due to a temporary failure of the server.")
	}
	c := &call{p: p, now: now, requestID: requestID, region: p.get("RegionId")}
	if act.mutating && s.refused(name, p) {
		return name, map[string]any{"RequestId": requestID, "Data": false}, nil
	}
	resp, aerr := act.run(s, c)
	if aerr != nil {
		return name, nil, aerr
	}
	resp, err := s.rewriteAnswer(name, resp)
	if err != nil {
		s.log.Error("emulator: rewriting an answer", "action", name, "error", err)
		return name, nil, errInternal()
	}
	if act.mutating && s.faults.failAmbiguous() {
		s.count(func(st *Stats) { st.Faults.Ambiguous++ })
		return name, nil, errInternal()
	}
	return name, resp, nil
}

// authenticate checks the access key, signature method, timestamp, signature, security token and
// nonce, in that order. The nonce is only recorded for a request whose signature is right, so
// that a bad request cannot burn a good client's nonce.
func (s *Server) authenticate(method string, p params, now time.Time) *apiError {
	keyID, aerr := p.required("AccessKeyId")
	if aerr != nil {
		return aerr
	}
	secret, session, ok := s.credentials(keyID)
	if !ok {
		return gatewayError(http.StatusNotFound, codeInvalidAccessKeyID, "Specified access key is not found.")
	}
	if v, aerr := p.required("SignatureMethod"); aerr != nil {
		return aerr
	} else if v != "HMAC-SHA1" {
		return errInvalid("SignatureMethod", "the emulator supports HMAC-SHA1")
	}
	if v, aerr := p.required("SignatureVersion"); aerr != nil {
		return aerr
	} else if v != "1.0" {
		return errInvalid("SignatureVersion", "the emulator supports 1.0")
	}
	ts, err := time.Parse(timestampLayout, p.get("Timestamp"))
	if err != nil || ts.Sub(now) > clockSkew || now.Sub(ts) > clockSkew {
		return gatewayError(http.StatusBadRequest, codeTimestampExpired,
			"Specified time stamp or date value is expired (want UTC %s within 15 minutes of %s).",
			timestampLayout, now.UTC().Format(timestampLayout))
	}
	toSign := stringToSign(method, p)
	if got := p.get("Signature"); got == "" || !hmacEqual(got, sign(toSign, secret)) {
		aerr := gatewayError(http.StatusBadRequest, codeSignatureDoesNotMatch,
			"Specified signature is not matched with our calculation. server string to sign is:%s", toSign)
		aerr.logged = "Specified signature is not matched with our calculation (the string to sign is left out: it holds the request's parameters, a SecurityToken among them)."
		return aerr
	}
	if session != nil {
		token := p.get("SecurityToken")
		if token == "" {
			return errMissing("SecurityToken")
		}
		if !hmacEqual(token, session.SecurityToken) || !now.Before(session.Expiration) {
			return gatewayError(http.StatusBadRequest, codeSecurityTokenExpired, "Specified SecurityToken is expired.")
		}
	}
	nonce, aerr := p.required("SignatureNonce")
	if aerr != nil {
		return aerr
	}
	if !s.nonces.use(keyID, nonce, now) {
		return gatewayError(http.StatusBadRequest, codeNonceUsed, "Specified signature nonce was used already.")
	}
	return nil
}

// credentials returns the secret of an access key, and its STS session if it is a temporary key.
func (s *Server) credentials(keyID string) (secret string, session *stsSession, ok bool) {
	if keyID == s.accessKeyID {
		return s.accessKeySecret, nil, true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sess := s.st.Sessions[keyID]; sess != nil {
		cp := *sess
		return cp.AccessKeySecret, &cp, true
	}
	return "", nil, false
}

// view runs fn over the state under the read lock.
func (s *Server) view(fn func(st *state) *apiError) *apiError {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(s.st)
}

// update runs fn over the state under the write lock; fn must validate everything before it
// changes anything, so that an error leaves the state untouched. A successful change is then
// written to the data file, outside the lock.
func (s *Server) update(fn func(st *state) *apiError) *apiError {
	s.mu.Lock()
	if aerr := fn(s.st); aerr != nil {
		s.mu.Unlock()
		return aerr
	}
	return s.commitAndUnlock()
}

// load reads the data file and replays its journal. Nothing is written: a journal that cannot be
// appended to (missing, of an older generation, or with a torn last line) is replaced by the
// first write, which writes a snapshot first.
func (s *Server) load() error {
	if err := removeStaleTemps(s.dataFile); err != nil {
		return err
	}
	snap, err := loadState(s.dataFile)
	if err != nil {
		return err
	}
	j := &journal{path: journalPath(s.dataFile), gen: snap.gen, snapshotSize: snap.size, minCompact: minCompactBytes}
	r, err := replayJournal(j.path, snap.gen, snap.st)
	if err != nil {
		return err
	}
	j.size, j.compact = r.size, !r.usable
	s.st, s.journal = snap.st, j
	s.st.touched = map[recordKey]struct{}{}
	return nil
}

// commitAndUnlock ends a change made under the write lock: it counts a new version, queues the
// journal entry of the records the change touched (in commit order, since it is still under the
// lock), releases the lock and, with a data file, returns once that entry is synced (see persist),
// so that every acknowledged change survives a crash.
func (s *Server) commitAndUnlock() *apiError {
	version := s.commit()
	s.mu.Unlock()
	if s.journal == nil {
		return nil
	}
	if err := s.persist(version); err != nil {
		// The change is committed in memory but not on disk: say so, as a real backend would
		// answer a storage failure.
		s.log.Error("emulator: saving state failed", "file", s.dataFile, "error", err)
		return errInternal()
	}
	return nil
}

// commit counts a new version of the state and, with a data file, queues the journal entry of
// the records the change touched. The caller holds the write lock.
func (s *Server) commit() uint64 {
	s.version++
	if s.journal != nil {
		entry, err := s.st.takeChanges()
		s.pendingMu.Lock()
		if err != nil {
			s.log.Error("emulator: journaling a change failed; the next write saves a snapshot", "error", err)
			s.pendingLost = true
		} else {
			s.pending = append(s.pending, entry)
		}
		s.pendingMu.Unlock()
	}
	return s.version
}

// persist returns once the disk holds version or a later one. It is a group commit: the writer
// that gets the journal appends every change committed so far as one line (see groupLine) in one
// write and one sync, so that the writers queued behind it find their version on disk already. A
// write costs what the changes touched; the whole state is written only by a compaction (see
// compact), when the journal has outgrown the snapshot or cannot be appended to.
func (s *Server) persist(version uint64) error {
	s.persistMu.Lock()
	defer s.persistMu.Unlock()
	if version <= s.persisted {
		return nil // a write made while this one waited holds the change
	}
	j := s.journal
	if !j.compact {
		s.mu.RLock() // version and pending move together under the write lock
		s.pendingMu.Lock()
		latest, entries, lost := s.version, s.pending, s.pendingLost
		s.pending = nil
		s.pendingMu.Unlock()
		s.mu.RUnlock()
		if !lost {
			err := j.append(groupLine(entries))
			if err == nil {
				s.persisted = latest
				if j.outgrown() {
					// The changes are durable already: a failed compaction is only logged, and
					// the next write tries again.
					if err := s.compact(); err != nil {
						s.log.Error("emulator: compacting the journal failed", "file", j.path, "error", err)
					}
				}
				return nil
			}
			// A failed write may have left part of a line: only a new snapshot is safe to go
			// on from.
			s.log.Error("emulator: writing the journal failed; saving a snapshot instead", "file", j.path, "error", err)
		}
		j.compact = true
	}
	return s.compact()
}

// compact writes the whole state as the next generation's snapshot, then starts an empty journal
// of that generation (see journal.go for why a crash between the two loses nothing). The entries
// still pending are in the snapshot, and dropped.
func (s *Server) compact() error {
	j := s.journal
	s.mu.RLock()
	s.pendingMu.Lock()
	latest := s.version
	s.pending, s.pendingLost = nil, false
	s.pendingMu.Unlock()
	data, err := s.st.marshal(j.gen + 1)
	s.mu.RUnlock()
	if err != nil {
		j.compact = true
		return err
	}
	j.compact = true // until the new journal is there
	if err := writeFileAtomic(s.dataFile, data); err != nil {
		return err
	}
	j.gen++
	j.snapshotSize = int64(len(data))
	s.persisted = latest
	if err := j.restart(j.gen); err != nil {
		// The snapshot holds every change, and the journal left behind is of an older
		// generation, ignored at the next start: the next write compacts again.
		s.log.Error("emulator: starting a new journal failed", "file", j.path, "error", err)
	}
	return nil
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, requestID string, e *apiError) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	writeJSON(w, e.status, e.body(requestID, host))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Every response type is plain data; failing to encode one is a bug worth a loud answer.
		http.Error(w, "emulator: encoding the response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.Copy(w, &buf)
}

// trackingWriter remembers whether the header was written, so that a recovered panic answers
// InternalError only when nothing was sent yet.
type trackingWriter struct {
	http.ResponseWriter
	wroteHeader bool
}

func (t *trackingWriter) WriteHeader(code int) {
	t.wroteHeader = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wroteHeader = true
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
