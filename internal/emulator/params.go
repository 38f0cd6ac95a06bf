package emulator

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// maxBodyBytes caps a request body; the largest real parameter (a flow graph) is far below it.
const maxBodyBytes = 8 << 20

// params is the union of the query string and the form body of one request, one value per name.
//
// A name given in both places takes the form's value, as the SDK's signer does when it merges its
// query and form maps; a name repeated within one place keeps its first value. The signature is
// checked over this same union, so whatever a client signed is what the handlers read.
type params map[string]string

// parseParams reads the query string and, for form-encoded bodies, the body.
func parseParams(w http.ResponseWriter, r *http.Request) (params, *apiError) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, errInvalidRequest("The query string is malformed: %v.", err)
	}
	p := make(params, len(q))
	for k, vs := range q {
		p[k] = vs[0]
	}
	if r.Body == nil || !isForm(r.Header.Get("Content-Type")) {
		return p, nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errInvalidRequest("The request body exceeds the limit of %d bytes.", int64(maxBodyBytes))
		}
		return nil, errInvalidRequest("The request body could not be read: %v.", err)
	}
	form, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil, errInvalidRequest("The form body is malformed: %v.", err)
	}
	for k, vs := range form {
		p[k] = vs[0]
	}
	return p, nil
}

func isForm(contentType string) bool {
	if contentType == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/x-www-form-urlencoded"
}

func (p params) lookup(name string) (string, bool) {
	v, ok := p[name]
	return v, ok
}

func (p params) get(name string) string { return p[name] }

// required returns a parameter that must be present and not empty.
func (p params) required(name string) (string, *apiError) {
	v := p[name]
	if v == "" {
		return "", errMissing(name)
	}
	return v, nil
}

// requireAll checks, in order, that each parameter is present and not empty.
func (p params) requireAll(names ...string) *apiError {
	for _, name := range names {
		if _, err := p.required(name); err != nil {
			return err
		}
	}
	return nil
}

// requirePresent checks a parameter that must be present but may be empty (a description, a graph).
func (p params) requirePresent(name string) *apiError {
	if _, ok := p[name]; !ok {
		return errMissing(name)
	}
	return nil
}

// parseBool accepts exactly "true" or "false", as the SDK's requests.Boolean sends them.
func parseBool(name, v string) (bool, *apiError) {
	switch v {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errInvalid(name, "expected true or false")
}

// optBool returns a boolean parameter and whether it was present; an empty value is false.
func (p params) optBool(name string) (val, ok bool, err *apiError) {
	v, ok := p[name]
	if !ok || v == "" {
		return false, ok, nil
	}
	b, err := parseBool(name, v)
	return b, true, err
}

// filterBool reads a boolean filter of a List action: absent or empty, it filters nothing.
func (p params) filterBool(name string) (val, set bool, err *apiError) {
	if p[name] == "" {
		return false, false, nil
	}
	val, _, err = p.optBool(name)
	return val, err == nil, err
}

// optInt returns an integer parameter and whether it was present; an empty value is 0.
func (p params) optInt(name string) (val int64, ok bool, err *apiError) {
	v, ok := p[name]
	if !ok || v == "" {
		return 0, ok, nil
	}
	n, perr := strconv.ParseInt(v, 10, 64)
	if perr != nil {
		return 0, true, errInvalid(name, "expected an integer")
	}
	return n, true, nil
}

// optIntRange is optInt with bounds; an absent or empty parameter is 0 and not range-checked.
func (p params) optIntRange(name string, lo, hi int64) (int64, bool, *apiError) {
	n, ok, err := p.optInt(name)
	if err != nil || p[name] == "" {
		return n, ok, err
	}
	if n < lo || n > hi {
		return 0, ok, errInvalid(name, "expected a value from "+strconv.FormatInt(lo, 10)+" to "+strconv.FormatInt(hi, 10))
	}
	return n, ok, nil
}

// optEnum returns a parameter restricted to a set of values; an empty value is allowed (it clears).
func (p params) optEnum(name string, allowed ...string) (string, bool, *apiError) {
	v, ok := p[name]
	if !ok || v == "" {
		return "", ok, nil
	}
	for _, a := range allowed {
		if v == a {
			return v, true, nil
		}
	}
	return "", true, errInvalid(name, "expected one of "+strings.Join(allowed, ", "))
}

// optJSON returns a parameter that must hold a JSON document when not empty.
func (p params) optJSON(name string) (string, bool, *apiError) {
	v, ok := p[name]
	if !ok || v == "" {
		return "", ok, nil
	}
	if !json.Valid([]byte(v)) {
		return "", true, errInvalid(name, "expected a JSON document")
	}
	return v, true, nil
}

// setString copies a present parameter into dst: absent leaves dst alone, empty clears it.
func (p params) setString(name string, dst *string) {
	if v, ok := p[name]; ok {
		*dst = v
	}
}

// splitIDs splits a comma-joined id list, dropping blanks and duplicates and keeping the order.
func splitIDs(v string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// page is the paging of a List action.
type page struct {
	number, size int
}

const (
	defaultPageSize = 20
	// maxPageSize: ListFlowProject.md's sample error says "pageSize should less than 250".
	maxPageSize = 249
)

// paging reads PageNumber and PageSize; absent or empty, they take their defaults.
func (p params) paging() (page, *apiError) {
	pg := page{number: 1, size: defaultPageSize}
	// 0 is out of both ranges, so a 0 back means absent or empty.
	n, _, err := p.optIntRange("PageNumber", 1, 1<<30)
	if err != nil {
		return pg, err
	}
	if n != 0 {
		pg.number = int(n)
	}
	if n, _, err = p.optIntRange("PageSize", 1, 1<<30); err != nil {
		return pg, err
	}
	if n > maxPageSize {
		return pg, errPageSize()
	}
	if n != 0 {
		pg.size = int(n)
	}
	return pg, nil
}

// pageOf returns the items of the page.
func pageOf[T any](pg page, items []T) []T {
	lo := min((pg.number-1)*pg.size, len(items))
	hi := min(lo+pg.size, len(items))
	return items[lo:hi]
}

// listItem is one object of an objectList: its N and the fields sent for it.
type listItem struct {
	n      int
	fields map[string]string
}

// objectList reads a list of objects sent as name.N.Field, as the SDK flattens a repeated struct
// (N from 1 to 9999): one item per N, in the order of N. present is true when any name.… key was
// sent; a key under name. that is not name.N with one of fields is refused.
func (p params) objectList(name string, fields ...string) (items []listItem, present bool, aerr *apiError) {
	key := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `\.([1-9][0-9]{0,3})\.(` + strings.Join(fields, "|") + `)$`)
	byIndex := map[int]map[string]string{}
	for k, v := range p {
		if !strings.HasPrefix(k, name+".") {
			continue
		}
		present = true
		m := key.FindStringSubmatch(k)
		if m == nil {
			shapes := make([]string, len(fields))
			for i, f := range fields {
				shapes[i] = name + ".N." + f
			}
			return nil, true, errInvalid(k, "expected "+strings.Join(shapes, " or ")+" with N from 1 to 9999")
		}
		n, _ := strconv.Atoi(m[1])
		if byIndex[n] == nil {
			byIndex[n] = map[string]string{}
		}
		byIndex[n][m[2]] = v
	}
	for _, n := range slices.Sorted(maps.Keys(byIndex)) {
		items = append(items, listItem{n: n, fields: byIndex[n]})
	}
	return items, present, nil
}

// key names a field of the item in an error: "User.2.UserName".
func (it listItem) key(name, field string) string {
	return name + "." + strconv.Itoa(it.n) + "." + field
}

// resourceList reads a job's ResourceList.N.* parameters. present reports whether the request
// carried any, or a bare, empty "ResourceList" parameter, which says "none" as a bare UserList
// does on ModifyFlowProjectClusterSetting; with ignoreBare (SwitchIgnoreBareList) the bare
// parameter, which no page documents, is ignored. ModifyFlowJob.md marks ResourceList.N.Path as
// required: every item sent must have a Path (also on CreateFlowJob, where a resource without a
// path means nothing).
func (p params) resourceList(ignoreBare bool) (list []jobResource, present bool, err *apiError) {
	items, present, err := p.objectList("ResourceList", "Path", "Alias")
	if err != nil {
		return nil, true, err
	}
	if v, ok := p["ResourceList"]; ok && v == "" && !ignoreBare {
		present = true
	}
	for _, it := range items {
		r := jobResource{Path: it.fields["Path"], Alias: it.fields["Alias"]}
		name := it.key("ResourceList", "Path")
		if r.Path == "" {
			return nil, true, errMissing(name)
		}
		// CreateFlowJob.md: "The path of the resource. Valid values: oss and hdfs."
		if !strings.HasPrefix(r.Path, "oss://") && !strings.HasPrefix(r.Path, "hdfs://") {
			return nil, true, errInvalid(name, "expected an oss:// or hdfs:// path")
		}
		list = append(list, r)
	}
	return list, present, nil
}
