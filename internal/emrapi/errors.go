package emrapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

// Error shapes.
const (
	// ShapeGateway is the capitalised body of the API gateway:
	// {"RequestId","HostId","Code","Message","Recommend"}.
	ShapeGateway = "gateway"
	// ShapeFlow is the lower-case body of the EMR flow service:
	// {"code","message","requestId","successResponse":false}.
	ShapeFlow = "flow"
	// ShapeNetwork is a failure to get any answer: dial error, timeout, connection lost.
	ShapeNetwork = "network"
)

// Error is a failed API call: an error answer in either body shape, or a network failure.
type Error struct {
	Action     string
	Code       string
	Message    string
	RequestID  string
	HostID     string
	Recommend  string
	HTTPStatus int    // 0 when no answer was received
	Shape      string // ShapeGateway, ShapeFlow or ShapeNetwork
	// Err is the underlying error of a network failure (or of a credential provider).
	Err error
	// NotSent is true when the request provably never reached the API: the connection could
	// not be made, or the credentials to sign it could not be obtained. Nothing was executed.
	NotSent bool
	// OutcomeUnknown marks a write the API accepted (2xx) whose answer could not be read: it was
	// executed, but the caller does not know its result and must look the object up.
	OutcomeUnknown bool
}

// Error renders, e.g., `CreateFlowForWeb: FLOW_API_FAILED: Flow name already exists: [x]
// (HTTP 400, request id 1A2B…)`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Action)
	b.WriteString(": ")
	if e.Shape == ShapeNetwork {
		b.WriteString("request failed")
		if e.NotSent {
			b.WriteString(" before it was sent")
		}
		b.WriteString(": ")
		b.WriteString(e.Message)
		return b.String()
	}
	if e.Code != "" {
		b.WriteString(e.Code)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	var details []string
	if e.HTTPStatus != 0 {
		details = append(details, fmt.Sprintf("HTTP %d", e.HTTPStatus))
	}
	if e.RequestID != "" {
		details = append(details, "request id "+e.RequestID)
	}
	if len(details) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(details, ", "))
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the underlying network or credential error, if any.
func (e *Error) Unwrap() error { return e.Err }

// NotFoundError is returned by the Describe* and Find* calls when the object does not exist.
type NotFoundError struct {
	Kind string // "flow", "project", "job" or "category"
	ID   string // the id asked for (Describe*), "" for Find*
	Name string // the name asked for (Find*), "" for Describe*
	Err  error  // the API error that told it, nil when a list simply had no match
}

func (e *NotFoundError) Error() string {
	what := e.Kind
	switch {
	case e.ID != "":
		what += " " + e.ID
	case e.Name != "":
		what += fmt.Sprintf(" named %q", e.Name)
	}
	if e.Err != nil {
		return fmt.Sprintf("%s not found: %v", what, e.Err)
	}
	return what + " not found"
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// The flow service tells a missing object only by its message. The documented ones (the sample
// errors of /work/shared/reference/api/*.md; errors_test.go cites each page):
//
//	Flow does not exist [F-…]                    DeleteFlow.md
//	Flow Job does not exist [FJ-…]               DescribeFlowJob.md
//	Project does not exist [FP-…]                ListFlow.md, CreateFlowCategory.md, DeleteFlowCategory.md, …
//	project not exist                            DeleteFlowProject.md, ModifyFlowProject.md, KillFlowJob.md, …
//	flow instance does not exist [FNI-…]         DescribeFlowNodeInstanceLauncherLog.md
//	flow node instance does not exist [FNI-…]    ListFlowNodeInstanceContainerStatus.md
//
// and, undocumented but answered by older emulators and plausible, "Job does not exist" and
// "Category does not exist". Case-insensitive, since the pages themselves mix cases. Anchored so
// that "Parent flow does not exist", "Cluster does not exist" or "Cluster host does not exit" (a
// bad reference in a request, not a missing object) do not count.
var notFoundMessage = regexp.MustCompile(`(?i)^(flow job|flow node instance|flow instance|flow|project|job|category) (does )?not exists?\b`)

// IsNotFound reports whether err says that the flow, project, job or category asked for does not
// exist.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	if errors.As(err, &nf) {
		return true
	}
	var e *Error
	return errors.As(err, &e) && e.Shape != ShapeNetwork && notFoundMessage.MatchString(e.Message)
}

// projectNotFoundMessage is the subset of notFoundMessage that names the project: "Project does
// not exist [FP-…]" (ListFlow.md, CreateFlowCategory.md, …) and "project not exist"
// (DeleteFlowProject.md, ModifyFlowProject.md, …).
var projectNotFoundMessage = regexp.MustCompile(`(?i)^project (does )?not exists?\b`)

// IsProjectNotFound reports whether err says that the project a call named does not exist. A
// call about a flow, job or folder answers so when its project is missing, and a user must then
// hear about the project, not about the object asked for.
func IsProjectNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Shape != ShapeNetwork && projectNotFoundMessage.MatchString(e.Message)
}

// IsNotEmpty reports whether the API refused to delete a folder (or another container) because it
// still holds something ("Category is not empty [FC-…]").
func IsNotEmpty(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Shape != ShapeNetwork && strings.Contains(e.Message, "is not empty")
}

const jobHint = "A job the configuration refers to does not exist in the project: check the job ids, or write job_id = emrflow_job.<name>.id for a job of this configuration."

// referenceHints say what to do about the API's answers on a reference that only the server can
// check (the configuration is well-formed, but the object it names does not exist).
var referenceHints = []struct{ prefix, hint string }{
	{"Project does not exist", "project_id names no project of this account: check the id, or write project_id = emrflow_project.<name>.id for a project of this configuration; and check that the project was not deleted outside Terraform."},
	{"Cluster does not exist", "cluster_id must be a cluster of this region (C-…), or a cluster template (CT-…) with create_cluster = true: check the id in the EMR console (the emrflow_clusters data source lists the clusters of the region)."},
	{"Parent flow does not exist", "parent_flow_ids must name existing flows of the project: check the ids, or write emrflow_flow.<name>.id for flows of this configuration."},
	{"Category does not exist", "The folder (parent_category_id or parent_id) must exist in the same project: check the id, or write emrflow_category.<name>.id for a folder of this configuration."},
	{"Job does not exist", jobHint},
	// The documented form of the last one (DescribeFlowJob.md's sample error).
	{"Flow Job does not exist", jobHint},
}

// ReferenceHint says what a user can do about an API error that names a reference the server
// could not resolve (a project, cluster, parent flow, folder or job of the request that does not
// exist), or "" when err is no such error.
func ReferenceHint(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return ""
	}
	for _, h := range referenceHints {
		if strings.HasPrefix(e.Message, h.prefix) {
			return h.hint
		}
	}
	return ""
}

// clusterNotAssociated matches the refusal to run a flow on a cluster that its project has no
// cluster setting for, and captures the cluster id. No page documents the message; the console
// guide says a project must be associated with a cluster for its flows to run there, and the
// emulator answers "Cluster is not associated with the project [C-…]" (an assumption).
var clusterNotAssociated = regexp.MustCompile(`(?i)^cluster is not associated with the project\b(?:\s*\[([^\]]+)\])?`)

// ClusterNotAssociated reports whether err says that a flow cannot run because its project has
// no cluster setting for its cluster, and the cluster's id when the message names it.
func ClusterNotAssociated(err error) (clusterID string, ok bool) {
	var e *Error
	if !errors.As(err, &e) || e.Shape == ShapeNetwork {
		return "", false
	}
	m := clusterNotAssociated.FindStringSubmatch(e.Message)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// IsAlreadyExists reports whether err says that an object of that name already exists
// ("Flow name already exists: [x]").
func IsAlreadyExists(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Shape != ShapeNetwork && strings.Contains(e.Message, "name already exists")
}

// IsThrottled reports whether err is a flow-control refusal (Throttling, Throttling.User,
// Throttling.Api, …). Nothing was executed.
func IsThrottled(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code == "Throttling" || strings.HasPrefix(e.Code, "Throttling.") || e.HTTPStatus == http.StatusTooManyRequests
}

// IsRetryable reports whether the same call may succeed if tried again: throttling, 5xx,
// ServiceUnavailable, InternalError, network failures, and the signature refusals that a fresh
// nonce and timestamp cure (SignatureNonceUsed, InvalidTimeStamp.Expired).
func IsRetryable(err error) bool {
	var e *Error
	if !errors.As(err, &e) || isPermanentTransport(err) {
		return false
	}
	if e.Shape == ShapeNetwork || IsThrottled(e) || e.HTTPStatus >= 500 {
		return true
	}
	switch e.Code {
	case "ServiceUnavailable", "InternalError", "SignatureNonceUsed", "InvalidTimeStamp.Expired":
		return true
	}
	return false
}

// IsUnknownOutcome reports whether err leaves the outcome of a write unknown: a 5xx answer, or a
// request that was (or may have been) sent and then got no answer (timeout, connection lost). The
// caller of a create must look the object up by name before trying again.
func IsUnknownOutcome(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.NotSent {
		// NotSent: even a 5xx (from STS, while obtaining credentials) left the API untouched.
		return false
	}
	if e.Shape == ShapeNetwork || e.OutcomeUnknown {
		return true
	}
	return e.HTTPStatus >= 500
}

// provesNothingExecuted reports whether err proves that the API executed nothing: the request was
// never sent, or the gateway refused it before execution (throttling, a used nonce, an expired
// timestamp).
func provesNothingExecuted(err error) bool {
	var e *Error
	if !errors.As(err, &e) || IsUnknownOutcome(e) {
		return false
	}
	if e.NotSent || IsThrottled(e) {
		return true
	}
	switch e.Code {
	case "SignatureNonceUsed", "InvalidTimeStamp.Expired":
		return true
	}
	return false
}

// isCreateRetryable reports whether a create (which has no client token) may be sent again: only
// when the error is retryable and proves that nothing was executed.
func isCreateRetryable(err error) bool {
	return IsRetryable(err) && provesNothingExecuted(err)
}

// maxMessageBody bounds how much of an unparsable body goes into an error message.
const maxMessageBody = 512

// parseErrorBody turns an error answer, in either body shape, into an *Error. It never fails: a body
// that is not JSON becomes the message.
func parseErrorBody(action string, status int, header http.Header, body []byte) *Error {
	e := &Error{Action: action, HTTPStatus: status, Shape: ShapeGateway}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		msg := strings.TrimSpace(string(body))
		if len(msg) > maxMessageBody {
			msg = msg[:maxMessageBody] + "…"
		}
		if msg == "" {
			msg = http.StatusText(status)
		}
		e.Message = msg
		e.RequestID = header.Get("x-acs-request-id")
		return e
	}
	// The flow service's body is recognised by its lower-case keys.
	_, lowerCode := fields["code"]
	_, success := fields["successResponse"]
	if (lowerCode || success) && fields["Code"] == nil {
		e.Shape = ShapeFlow
	}
	e.Code = stringField(fields, "Code", "code")
	e.Message = stringField(fields, "Message", "message")
	e.RequestID = stringField(fields, "RequestId", "requestId")
	e.HostID = stringField(fields, "HostId", "hostId")
	e.Recommend = stringField(fields, "Recommend", "recommend")
	if e.RequestID == "" && header != nil {
		e.RequestID = header.Get("x-acs-request-id")
	}
	e.Message = withoutStringToSign(e.Message)
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// stringToSignMarker starts the part of a SignatureDoesNotMatch message in which the gateway echoes
// its string to sign: every request parameter, the AccessKeyId and an STS SecurityToken among
// them, percent-encoded (so log masking of the raw token would not catch it).
const stringToSignMarker = "server string to sign is"

// withoutStringToSign cuts the echoed string to sign out of a message: error messages reach
// diagnostics and logs, which must never hold a credential.
func withoutStringToSign(msg string) string {
	if i := strings.Index(strings.ToLower(msg), stringToSignMarker); i >= 0 {
		return strings.TrimRight(msg[:i], " .:") + " (the string to sign that the API echoed is left out: it holds credentials)"
	}
	return msg
}

// stringField returns the first of keys present in fields as a string (numbers are rendered).
func stringField(fields map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		raw, ok := fields[k]
		if !ok {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			return s
		}
		if raw := strings.TrimSpace(string(raw)); raw != "null" {
			return raw
		}
	}
	return ""
}

// unsuccessfulBody reports whether a 2xx body nevertheless says "successResponse":false (the flow
// service's error envelope), in which case it must be treated as an error.
func unsuccessfulBody(body []byte) bool {
	var env struct {
		SuccessResponse *flexBool `json:"successResponse"`
	}
	if err := json.Unmarshal(body, &env); err != nil || env.SuccessResponse == nil {
		return false
	}
	return !bool(*env.SuccessResponse)
}

// fromSDKError converts an error of the SDK (or of its credential providers) into an *Error. The
// SDK's ServerError reads only the capitalised keys: for the flow service's lower-case body its code
// is empty and its message holds the raw body, which is parsed here.
func fromSDKError(action string, err error) *Error {
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		if se.ErrorCode() == "" {
			e := parseErrorBody(action, se.HttpStatus(), nil, []byte(se.Message()))
			if e.RequestID == "" {
				e.RequestID = se.RequestId()
			}
			return e
		}
		return &Error{
			Action:     action,
			Code:       se.ErrorCode(),
			Message:    se.Message(),
			RequestID:  se.RequestId(),
			HostID:     se.HostId(),
			Recommend:  se.Recommend(),
			HTTPStatus: se.HttpStatus(),
			Shape:      ShapeGateway,
		}
	}
	var ce *sdkerrors.ClientError
	if errors.As(err, &ce) {
		inner := ce.OriginError()
		if inner != nil && isNetworkError(inner) {
			return networkError(action, inner, false)
		}
		return &Error{Action: action, Code: ce.ErrorCode(), Message: ce.Message(), Shape: ShapeGateway, Err: inner}
	}
	if isNetworkError(err) {
		return networkError(action, err, false)
	}
	return &Error{Action: action, Message: err.Error(), Shape: ShapeGateway, Err: err}
}

func isNetworkError(err error) bool {
	var ne net.Error
	var ue *url.Error
	return errors.As(err, &ne) || errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded)
}

// networkError wraps a transport failure. A *url.Error is unwrapped first: its text holds the
// request URL, whose query carries the signature and the security token, and must never reach a
// log or a diagnostic.
func networkError(action string, err error, notSent bool) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Error{Action: action, Message: err.Error(), Shape: ShapeNetwork, Err: err, NotSent: notSent}
}
