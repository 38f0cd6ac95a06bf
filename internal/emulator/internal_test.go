package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNormalizeGraph(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		invalid        bool
	}{
		{name: "empty", in: "", want: ""},
		{name: "indexes added by position, edges after nodes",
			in:   `{"nodes":[{"id":"a"},{"id":"b"}],"edges":[{"id":"e","source":"a","target":"b"}]}`,
			want: `{"edges":[{"id":"e","index":2,"source":"a","target":"b"}],"nodes":[{"id":"a","index":0},{"id":"b","index":1}]}`},
		{name: "existing indexes kept",
			in:   `{"nodes":[{"id":"a","index":9},{"id":"b"}]}`,
			want: `{"nodes":[{"id":"a","index":9},{"id":"b","index":1}]}`},
		{name: "numbers and unknown fields kept exactly",
			in:   `{"nodes":[{"x":470.50,"y":1e3,"big":12345678901234567890,"spmAnchorId":"0.0.<i>&"}],"extra":{"k":[1,2]}}`,
			want: `{"extra":{"k":[1,2]},"nodes":[{"big":12345678901234567890,"index":0,"spmAnchorId":"0.0.<i>&","x":470.50,"y":1e3}]}`},
		{name: "no nodes", in: `{}`, want: `{}`},
		{name: "null nodes", in: `{"nodes":null}`, want: `{"nodes":null}`},
		{name: "not JSON", in: `{`, invalid: true},
		{name: "array", in: `[]`, invalid: true},
		{name: "null", in: `null`, invalid: true},
		{name: "two documents", in: `{} {}`, invalid: true},
		{name: "nodes not an array", in: `{"nodes":"x"}`, invalid: true},
		{name: "edge not an object", in: `{"edges":[1]}`, invalid: true},
		{name: "deep nesting", in: strings.Repeat("[", 20000) + strings.Repeat("]", 20000), invalid: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := normalizeGraph(tc.in)
			if tc.invalid {
				if err == nil || err.code != codeInvalidParameter {
					t.Fatalf("want InvalidParameter, got %q, %v", got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			// Idempotent: a stored graph sent back is stored unchanged.
			again, err := normalizeGraph(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: %s -> %s (%v)", got, again, err)
			}
		})
	}
}

func TestGraphJobIDs(t *testing.T) {
	g := `{"nodes":[{"attribute":{"type":"START"}},{"attribute":{"jobId":"FJ-1"}},{"attribute":"odd"},7,{"attribute":{"jobId":"FJ-2"}}]}`
	if got := graphJobIDs(g); !reflect.DeepEqual(got, []string{"FJ-1", "FJ-2"}) {
		t.Errorf("graphJobIDs = %v", got)
	}
	if got := graphJobIDs(`{"nodes":5}`); got != nil {
		t.Errorf("odd graph: %v", got)
	}
}

func TestNonceCache(t *testing.T) {
	c := newNonceCache()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if !c.use("k", "n1", t0) || c.use("k", "n1", t0.Add(time.Minute)) {
		t.Fatal("replay within the window not caught")
	}
	if !c.use("other-key", "n1", t0) {
		t.Fatal("nonces are per access key")
	}
	if !c.use("k", "n2", t0.Add(10*time.Minute)) {
		t.Fatal("fresh nonce refused")
	}
	// n1 expires at t0+15m; n2 is still remembered then.
	at := t0.Add(15*time.Minute + time.Second)
	if !c.use("k", "n1", at) {
		t.Fatal("expired nonce refused")
	}
	if c.use("k", "n2", at) {
		t.Fatal("n2 forgotten early")
	}
	if c.len() != 2 { // k/n1 (re-used), k/n2; other-key/n1 expired
		t.Errorf("len = %d, want 2", c.len())
	}
	// The re-used n1 is not dropped when its old queue entry expires.
	if c.use("k", "n1", t0.Add(20*time.Minute)) {
		t.Fatal("re-used nonce lost with its older entry")
	}
}

func TestParamsHelpers(t *testing.T) {
	p := params{"PageNumber": "3", "PageSize": "7", "B": "true", "I": "12", "E": "", "Bad": "maybe"}
	pg, err := p.paging()
	if err != nil || pg != (page{number: 3, size: 7}) {
		t.Fatalf("paging = %+v, %v", pg, err)
	}
	items := make([]int, 16)
	for i := range items {
		items[i] = i
	}
	if got := pageOf(pg, items); !reflect.DeepEqual(got, []int{14, 15}) {
		t.Errorf("last page = %v", got)
	}
	if got := pageOf(page{number: 9, size: 10}, items); len(got) != 0 {
		t.Errorf("page past the end = %v", got)
	}
	if pg, err := (params{"PageSize": "249"}).paging(); err != nil || pg.size != 249 {
		t.Errorf("PageSize 249 = %+v, %v", pg, err)
	}
	// ListFlowProject.md's sample error.
	if _, err := (params{"PageSize": "250"}).paging(); err == nil || err.message != "Invalid Param[pageSize should less than 250]" {
		t.Errorf("PageSize 250: %v", err)
	}
	if v, set, err := (params{"P": ""}).filterBool("P"); v || set || err != nil {
		t.Errorf("empty filter = %v %v %v", v, set, err)
	}
	if v, set, err := (params{"P": "false"}).filterBool("P"); v || !set || err != nil {
		t.Errorf("false filter = %v %v %v", v, set, err)
	}
	if pg, err := (params{}).paging(); err != nil || pg != (page{number: 1, size: 20}) {
		t.Errorf("default paging = %+v, %v", pg, err)
	}
	if pg, err := (params{"PageNumber": "", "PageSize": ""}).paging(); err != nil || pg != (page{number: 1, size: 20}) {
		t.Errorf("empty paging = %+v, %v", pg, err)
	}
	if v, ok, err := p.optBool("B"); !v || !ok || err != nil {
		t.Errorf("optBool = %v %v %v", v, ok, err)
	}
	if v, ok, err := p.optBool("E"); v || !ok || err != nil {
		t.Errorf("optBool empty = %v %v %v", v, ok, err)
	}
	if _, _, err := p.optBool("Bad"); err == nil {
		t.Error("optBool accepted maybe")
	}
	if _, _, err := p.optIntRange("I", 0, 5); err == nil {
		t.Error("optIntRange accepted 12 in 0..5")
	}
	if got := splitIDs(" F-1,,F-2 ,F-1,"); !reflect.DeepEqual(got, []string{"F-1", "F-2"}) {
		t.Errorf("splitIDs = %v", got)
	}
	list, present, err := params{
		"ResourceList.10.Path": "oss://b/10", "ResourceList.2.Path": "hdfs:///2", "ResourceList.2.Alias": "two",
		"ResourceList": "",
	}.resourceList(false)
	want := []jobResource{{Path: "hdfs:///2", Alias: "two"}, {Path: "oss://b/10"}}
	if err != nil || !present || !reflect.DeepEqual(list, want) {
		t.Errorf("resourceList = %+v %v %v", list, present, err)
	}
	// A bare, empty ResourceList says "none" (as a bare UserList does on the cluster settings),
	// unless the gateway ignores it (SwitchIgnoreBareList).
	if list, present, _ := (params{"Name": "x", "ResourceList": ""}).resourceList(false); !present || len(list) != 0 {
		t.Errorf("bare ResourceList = %v %v, want present and empty", list, present)
	}
	if _, present, _ := (params{"Name": "x", "ResourceList": ""}).resourceList(true); present {
		t.Error("resourceList present without any ResourceList.N key under ignore-bare-list")
	}
	// ModifyFlowJob.md: ResourceList.N.Path is required, so an emptied slot is not a way to clear.
	if _, _, err := (params{"ResourceList.1.Path": "", "ResourceList.1.Alias": ""}).resourceList(false); err == nil || err.code != codeMissingParameter {
		t.Errorf("empty slot: %v", err)
	}
}

func TestTokenBucket(t *testing.T) {
	fi := newFaultInjector(Faults{ThrottleRPS: 0.5}, 1)
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if !fi.allow(t0) || fi.allow(t0) {
		t.Fatal("a rate below 1 still allows a burst of exactly 1")
	}
	if fi.allow(t0.Add(time.Second)) || !fi.allow(t0.Add(2*time.Second)) {
		t.Fatal("0.5 rps refills one token in 2 s")
	}
	fi.set(Faults{ThrottleRPS: 10})
	for i := range 10 {
		if !fi.allow(t0.Add(2 * time.Second)) {
			t.Fatalf("burst request %d refused", i)
		}
	}
	if fi.allow(t0.Add(2 * time.Second)) {
		t.Fatal("11th request of the burst allowed")
	}
	if got := (Faults{ErrorRate: 2, AmbiguousRate: -1, ThrottleRPS: -3, Latency: -1}).clamp(); got != (Faults{ErrorRate: 1}) {
		t.Errorf("clamp = %+v", got)
	}
}

// TestPanicRecovery makes an action panic: the client gets InternalError in the gateway shape and
// the server keeps serving.
func TestPanicRecovery(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	var recovered any
	s.panicHook = func(v any) { recovered = v }
	s.actions[actionKey{version: versionEMR, name: "Boom"}] = action{run: func(*Server, *call) (any, *apiError) { panic("boom") }}

	v := map[string][]string{
		"Action": {"Boom"}, "Version": {versionEMR}, "AccessKeyId": {DefaultAccessKeyID}, "SignatureMethod": {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"}, "SignatureNonce": {"n"}, "Timestamp": {time.Now().UTC().Format(timestampLayout)},
	}
	v["Signature"] = []string{Sign(http.MethodGet, v, DefaultAccessKeySecret)}
	q := strings.Builder{}
	for k, vs := range v {
		q.WriteString("&" + percentEncode(k) + "=" + percentEncode(vs[0]))
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/?"+q.String()[1:], nil))
	if recovered != "boom" {
		t.Fatalf("panic hook saw %v", recovered)
	}
	var body gatewayBody
	if w.Code != http.StatusInternalServerError || json.Unmarshal(w.Body.Bytes(), &body) != nil || body.Code != codeInternalError {
		t.Fatalf("answer %d %s", w.Code, w.Body)
	}
}

// TestPersistGroupCommit: the writer that gets the journal writes every change committed so far,
// the ones committed while it waited among them, as one line; their own persist then writes
// nothing.
func TestPersistGroupCommit(t *testing.T) {
	path := t.TempDir() + "/state.json"
	s, err := New(Config{DataFile: path})
	if err != nil {
		t.Fatal(err)
	}
	put := func(id string) uint64 {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.st.putProject(&project{ID: id, Seq: s.st.nextSeq(), Region: defaultRegion, Name: id})
		return s.commit() // committed, not yet on disk
	}
	// The first write starts the journal (a snapshot, then an empty journal).
	if err := s.persist(put("FP-0000000000000009")); err != nil {
		t.Fatal(err)
	}
	v1, v2 := put("FP-000000000000000A"), put("FP-000000000000000B") // two changes in flight
	if err := s.persist(v1); err != nil {
		t.Fatal(err)
	}
	if err := CheckDisk(s); err != nil {
		t.Fatalf("the first persist did not write both changes: %v", err)
	}
	written, err := os.ReadFile(journalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(written, []byte("\n")); n != 2 || !bytes.Contains(written, []byte("\n[{")) {
		t.Errorf("journal %q, want the header and one line holding both changes (a crash can tear only the last line)", written)
	}
	for _, v := range []uint64{v2, v1} {
		if err := s.persist(v); err != nil {
			t.Fatal(err)
		}
	}
	if again, _ := os.ReadFile(journalPath(path)); !bytes.Equal(again, written) {
		t.Errorf("a persist of a version on disk already wrote again: %q", again[len(written):])
	}
}

func TestObjectList(t *testing.T) {
	items, present, err := (params{
		"User.10.UserName": "ten", "User.2.UserId": "2", "User.2.UserName": "two", "Other": "x",
	}).objectList("User", "UserId", "UserName")
	if err != nil || !present {
		t.Fatalf("objectList: %v, present %v", err, present)
	}
	if len(items) != 2 || items[0].n != 2 || items[1].n != 10 ||
		items[0].fields["UserId"] != "2" || items[0].fields["UserName"] != "two" || items[1].fields["UserName"] != "ten" {
		t.Errorf("items = %+v, want N 2 then 10 with their fields", items)
	}
	if got := items[1].key("User", "UserId"); got != "User.10.UserId" {
		t.Errorf("key = %q", got)
	}

	if _, present, err := (params{"Other": "x"}).objectList("User", "UserId"); err != nil || present {
		t.Errorf("no User.* key: err %v, present %v; want nothing", err, present)
	}
	for _, bad := range []string{"User.0.UserId", "User.1.Alias", "User.10000.UserId", "User.1"} {
		_, present, err := (params{bad: "x"}).objectList("User", "UserId", "UserName")
		if err == nil || !present || err.code != codeInvalidParameter ||
			!strings.Contains(err.message, "expected User.N.UserId or User.N.UserName with N from 1 to 9999") {
			t.Errorf("%s: err %+v, present %v; want InvalidParameter naming both shapes", bad, err, present)
		}
	}
}
