package emrapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const (
	apiProduct = "Emr"
	apiVersion = "2016-04-08"

	// logSubsystem is the tflog subsystem of this package; its level is read from
	// TF_LOG_PROVIDER_EMRFLOW_EMRAPI (falling back to the provider's level).
	logSubsystem = "emrapi"

	// maxResponseBody bounds what is read of an answer (a flow graph is a few hundred KB at most).
	maxResponseBody = 32 << 20
)

// throttleRetryFactor widens the retry budget of throttling refusals: a call may be refused for
// flow control up to maxRetries*throttleRetryFactor times (besides up to maxRetries other
// retryable failures). A refusal proves that nothing ran and only asks the caller to slow down;
// under a big apply (10 parallel operations against a 20 requests/s limit, half the attempts
// refused) max_retries alone made reads and outcome look-ups fail for no fault of the API.
// max_retries = 0 still means no retry at all.
const throttleRetryFactor = 4

// kind says how a call may be retried.
type kind int

const (
	// idempotent calls (Describe, List, Modify with the whole state, Delete) are retried on any
	// retryable error.
	idempotent kind = iota
	// create calls have no client token: a second attempt after an unknown outcome could make a
	// second object, so they are retried only when the error proves nothing was executed.
	create
)

// call is one API action with its parameters. Query parameters go in the URL, form parameters in
// the body (for large values); the signature covers both, and the API merges them.
type call struct {
	action string
	kind   kind
	query  map[string]string
	form   map[string]string
}

func newCall(action string, k kind) *call {
	return &call{action: action, kind: k, query: map[string]string{}, form: map[string]string{}}
}

// set sends a query parameter, even when empty (Modify clears a field with an empty value).
func (c *call) set(k, v string) *call { c.query[k] = v; return c }

// opt sends a query parameter only when it is not empty.
func (c *call) opt(k, v string) *call {
	if v != "" {
		c.query[k] = v
	}
	return c
}

// fieldSetters returns how a write sends an object's optional fields, as query and as body
// parameters: a create leaves an empty one out (opt); a modify that replaces the whole state
// (whole) sends it empty (set), which clears it.
func (c *call) fieldSetters(whole bool) (put, putBody func(k, v string) *call) {
	if whole {
		return c.set, c.setBody
	}
	return c.opt, c.optBody
}

// setBody sends a form (body) parameter, even when empty.
func (c *call) setBody(k, v string) *call { c.form[k] = v; return c }

// optBody sends a form (body) parameter only when it is not empty.
func (c *call) optBody(k, v string) *call {
	if v != "" {
		c.form[k] = v
	}
	return c
}

// do runs a call with retries and decodes a successful answer into out (when not nil).
func (c *Client) do(ctx context.Context, cl *call, out any) error {
	ctx = c.logContext(ctx)
	var lastErr error
	failures, throttles := 0, 0 // failed attempts so far, by budget
	for attempt := 1; ; attempt++ {
		if err := c.limiter.wait(ctx); err != nil {
			if lastErr != nil {
				return fmt.Errorf("%s: waiting for the client's rate limit: %w (last error: %w)", cl.action, err, lastErr)
			}
			return fmt.Errorf("%s: waiting for the client's rate limit: %w", cl.action, err)
		}
		body, err := c.attempt(ctx, cl, attempt)
		c.observe(ctx, cl, err)
		if err == nil {
			if out == nil {
				return notDone(cl, body)
			}
			if err := json.Unmarshal(unwrapData(body), out); err != nil {
				return fmt.Errorf("%s: decoding the answer: %w", cl.action, err)
			}
			return nil
		}
		lastErr = err
		if ctx.Err() != nil {
			return lastErr
		}
		if IsThrottled(err) {
			throttles++
		} else {
			failures++
		}
		if !c.shouldRetry(cl.kind, err) || failures > c.retryBudget(err) || throttles > c.maxRetries*throttleRetryFactor {
			return lastErr
		}
		base := c.baseDelay
		if IsThrottled(err) && c.limiter.paced() {
			base /= pacedRetryDivisor
		}
		wait := c.backoff(base, attempt)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			// Sleeping would outlast the caller's deadline: give up now.
			return fmt.Errorf("%s: no time left to retry before the deadline: %w", cl.action, lastErr)
		}
		tflog.SubsystemDebug(ctx, logSubsystem, "retrying EMR API call", map[string]any{
			"action":     cl.action,
			"attempt":    attempt,
			"backoff_ms": wait.Milliseconds(),
			"error_code": errorCode(err),
		})
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("%s: %w (while waiting to retry; last error: %w)", cl.action, ctx.Err(), lastErr)
		case <-timer.C:
		}
	}
}

func (c *Client) shouldRetry(k kind, err error) bool {
	if k == create {
		return isCreateRetryable(err)
	}
	return IsRetryable(err)
}

// observe feeds the outcome of an attempt to the client's rate limiter: a throttling answer lowers
// the pace; a success, or a client error the API answered (it passed its flow control all the
// same), counts as a request the API accepted. Network failures and 5xx answers say nothing about
// the rate the API accepts.
func (c *Client) observe(ctx context.Context, cl *call, err error) {
	var e *Error
	switch {
	case IsThrottled(err):
		if limit, changed := c.limiter.onThrottle(); changed {
			tflog.SubsystemDebug(ctx, logSubsystem, "EMR API throttled: pacing the client's calls", map[string]any{
				"action":         cl.action,
				"rate_limit_rps": limit,
			})
		}
	case err == nil, errors.As(err, &e) && e.HTTPStatus != 0 && e.HTTPStatus < 500:
		c.limiter.onSuccess()
	}
}

// backoff returns the wait before the retry that follows attempt n (1-based): "full jitter", a
// uniform draw in [0, min(max, base·2^(n-1))], so that parallel callers spread out.
func (c *Client) backoff(base time.Duration, n int) time.Duration {
	ceiling := c.maxDelay
	if n-1 < 32 {
		if d := base << (n - 1); d > 0 && d < ceiling {
			ceiling = d
		}
	}
	c.rngMu.Lock()
	defer c.rngMu.Unlock()
	return time.Duration(c.rng.Int64N(int64(ceiling) + 1))
}

// attempt sends one signed request and returns the body of a successful answer.
func (c *Client) attempt(ctx context.Context, cl *call, n int) (body []byte, err error) {
	start := time.Now()
	status, requestID, createdID := 0, "", ""
	forms := c.secrets // grows by this attempt's signature once it is signed
	defer func() {
		// An answer may echo the request (a proxy's error page, a string to sign): its text
		// reaches the diagnostic and the log, so every credential of the request is cut out.
		err = redactError(err, forms)
		fields := map[string]any{
			"action":      cl.action,
			"attempt":     n,
			"duration_ms": time.Since(start).Milliseconds(),
			"http_status": status,
			"request_id":  requestID,
		}
		for k, v := range cl.objectFields() {
			fields[k] = v
		}
		if createdID != "" {
			fields["object_id"] = createdID
		}
		if err != nil {
			fields["error_code"] = errorCode(err)
			fields["error"] = err.Error()
			var e *Error
			if errors.As(err, &e) && e.RequestID != "" {
				fields["request_id"] = e.RequestID
			}
		}
		tflog.SubsystemDebug(ctx, logSubsystem, "EMR API call", fields)
	}()

	req, err := c.build(cl)
	if err != nil {
		return nil, err
	}
	// The signature differs for every attempt; it proves nothing once used, but a log holding it
	// with the request's other parameters would let a reader replay the request within its
	// timestamp's window.
	sigForms := secretForms(req.URL.Query().Get("Signature"))
	forms = append(sigForms, forms...)
	ctx = maskLog(ctx, sigForms)

	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	// Whether the request may have reached the server decides whether a failed create can be
	// retried: a dial failure proves nothing was sent, anything after the first write does not.
	var written atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteHeaderField: func(string, []string) { written.Store(true) },
		WroteHeaders:     func() { written.Store(true) },
		WroteRequest:     func(httptrace.WroteRequestInfo) { written.Store(true) },
	})
	req = req.WithContext(actx)

	// Errors name the endpoint: the regional one when the SDK chose it. Never the query: it holds
	// the signature and maybe a token.
	endpoint := req.URL.Scheme + "://" + req.URL.Host
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.explainNetwork(networkError(cl.action, err, !written.Load()), endpoint)
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	requestID = resp.Header.Get("x-acs-request-id")
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	if err != nil {
		return nil, c.explainRead(networkError(cl.action, fmt.Errorf("reading the answer: %w", err), false), endpoint, resp, body)
	}
	// One pass over the answer reads what the checks below look at (an answer is a few KB, a
	// flow's graph in it an escaped string: each pass scans all of it); when it fails, each check
	// parses the answer on its own, as it would alone.
	var env answerEnvelope
	parsed := json.Unmarshal(body, &env) == nil
	unsuccessful := parsed && env.SuccessResponse != nil && !bool(*env.SuccessResponse)
	if !parsed {
		unsuccessful = unsuccessfulBody(body)
	}
	if status < 200 || status > 299 || unsuccessful {
		return nil, c.explainAnswer(parseErrorBody(cl.action, status, resp.Header, body), endpoint, resp.Header, body)
	}
	if !parsed { // a JSON answer always passes explainBody
		if err := c.explainBody(cl.action, status, endpoint, resp.Header, body); err != nil {
			return nil, err
		}
		var ids struct {
			RequestID string     `json:"RequestId"`
			ID        flexString `json:"Id"`
		}
		if json.Unmarshal(body, &ids) == nil {
			env.RequestID, env.ID, parsed = ids.RequestID, ids.ID, true
		}
	}
	if parsed {
		if env.RequestID != "" {
			requestID = env.RequestID
		}
		if cl.kind == create {
			createdID = string(env.ID)
		}
	}
	return body, nil
}

// answerEnvelope is what attempt reads of every answer besides its payload: the flow service's
// success flag (see unsuccessfulBody), the request id, and the id of a created object.
type answerEnvelope struct {
	SuccessResponse *flexBool  `json:"successResponse"`
	RequestID       string     `json:"RequestId"`
	ID              flexString `json:"Id"`
}

// build makes the signed HTTP request of one attempt. It is rebuilt for every attempt: each needs a
// fresh nonce and timestamp. The SDK signs it and, without an endpoint, resolves the regional one.
func (c *Client) build(cl *call) (*http.Request, error) {
	r := requests.NewCommonRequest()
	r.Method = requests.POST
	r.Product = apiProduct
	r.Version = apiVersion
	r.ApiName = cl.action
	r.Scheme = c.scheme
	r.Domain = c.host     // "" lets the SDK resolve the regional endpoint
	r.RegionId = c.region // another region is another view of the client (InRegion)
	for k, v := range cl.query {
		r.QueryParams[k] = v
	}
	for k, v := range cl.form {
		r.FormParams[k] = v
	}
	r.TransToAcsRequest()
	if err := c.sdk.BuildRequestWithSigner(r, nil); err != nil {
		var ce *credentialError
		if errors.As(err, &ce) {
			e := fromSDKError("AssumeRole", ce.err)
			e.NotSent = true
			return nil, fmt.Errorf("%s: obtaining credentials: %w", cl.action, e)
		}
		return nil, fmt.Errorf("%s: building the request: %w", cl.action, err)
	}
	req, err := http.NewRequest(r.Method, r.BuildUrl(), r.GetBodyReader())
	if err != nil {
		// The URL holds the signature and maybe a token: do not let it into the message.
		return nil, fmt.Errorf("%s: building the request for %s://%s", cl.action, r.Scheme, r.Domain)
	}
	for k, v := range r.GetHeaders() {
		req.Header.Set(k, v)
	}
	ua := sdk.DefaultUserAgent
	if c.userAgent != "" {
		ua += " " + c.userAgent
	}
	req.Header.Set("User-Agent", ua)
	return req, nil
}

// logContext prepares the package's log subsystem, with every secret of the client masked in case
// a message or field ever carried one. A subsystem logger starts with no fields of its own:
// without WithRootFields the fields that terraform-plugin-go sets on the provider's root logger
// for each request (tf_req_id, tf_rpc, tf_resource_type, tf_data_source_type) were dropped, and
// with parallel resources no API log line said which resource it was for.
func (c *Client) logContext(ctx context.Context) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER_EMRFLOW", logSubsystem), tflog.WithRootFields())
	return maskLog(ctx, c.secrets)
}

// objectFields are the log fields that say which object a call is about: its project and its id,
// as sent (a create has no id yet: its name, and the id it got once answered).
func (cl *call) objectFields() map[string]any {
	fields := map[string]any{}
	for param, field := range map[string]string{"ProjectId": "project_id", "Id": "object_id", "ClusterId": "cluster_id"} {
		if v := cl.query[param]; v != "" {
			fields[field] = v
		}
	}
	if cl.kind == create {
		if v := cl.query["Name"]; v != "" {
			fields["object_name"] = v
		} else if v := cl.form["Name"]; v != "" {
			fields["object_name"] = v
		}
	}
	return fields
}

// errorCode is the code logged for err: the API's code, or the shape for answers without one.
func errorCode(err error) string {
	var te *TransportError
	if errors.As(err, &te) {
		return "transport." + string(te.Kind)
	}
	var e *Error
	if !errors.As(err, &e) {
		return "client"
	}
	switch {
	case e.Code != "":
		return e.Code
	case e.Shape == ShapeNetwork:
		return "network"
	case e.HTTPStatus != 0:
		return "HTTP" + strconv.Itoa(e.HTTPStatus)
	default:
		return e.Shape
	}
}

// notDone returns an error when the answer of a write that answers no object says it did not
// succeed: every such page documents "Data | Boolean | true | 是否成功" (whether it succeeded),
// and none says when the server answers false. Data false (or "false", in or out of a "data"
// envelope) is then an error naming the action and the object; an answer without Data, or with
// Data true, is success.
func notDone(cl *call, body []byte) error {
	if !dataFalse(body) {
		return nil
	}
	return &Error{Action: cl.action, Code: CodeNotDone, HTTPStatus: http.StatusOK, Shape: ShapeFlow,
		Message: "the API answered Data: false (not done) for " + cl.object() + "; nothing says why. Check the object in the " +
			"EMR console, then apply again"}
}

// dataFalse tells whether an answer's Data reads as false. Only a readable false counts: an
// answer that does not decode, or a Data that is no boolean (an object, a word), says nothing
// either way.
func dataFalse(body []byte) bool {
	var a struct {
		Data json.RawMessage `json:"Data"` // the match is case-insensitive: "data" too
	}
	if json.Unmarshal(unwrapData(body), &a) != nil || len(a.Data) == 0 || string(bytes.TrimSpace(a.Data)) == "null" {
		return false
	}
	var done flexBool
	return done.UnmarshalJSON(a.Data) == nil && !bool(done)
}

// CodeNotDone is the code of the error made of a write's Data: false answer (no page gives one).
const CodeNotDone = "Data.False"

// object names what a call is about, from the ids it sends, e.g. "project FP-1, cluster C-1".
func (cl *call) object() string {
	var parts []string
	for _, p := range []struct{ param, word string }{
		{"ProjectId", "project"}, {"Id", "id"}, {"ClusterId", "cluster"}, {"UserName", "user"}, {"Name", "name"},
	} {
		v := cl.query[p.param]
		if v == "" {
			v = cl.form[p.param]
		}
		if v != "" {
			parts = append(parts, p.word+" "+v)
		}
	}
	if len(parts) == 0 {
		return "the request"
	}
	return strings.Join(parts, ", ")
}
