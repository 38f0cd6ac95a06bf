package emrapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

func TestParseErrorBody(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   Error
	}{
		{
			name:   "gateway shape",
			status: 400,
			body:   `{"RequestId":"1A2B","HostId":"emr.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://r"}`,
			want: Error{Action: "A", Code: "Throttling.User", Message: "Request was denied due to user flow control.",
				RequestID: "1A2B", HostID: "emr.aliyuncs.com", Recommend: "https://r", HTTPStatus: 400, Shape: ShapeGateway},
		},
		{
			name:   "flow shape",
			status: 400,
			body:   `{"code":"FLOW_API_FAILED","message":"Flow does not exist [F-12345]","requestId":"9F8E","successResponse":false}`,
			want: Error{Action: "A", Code: "FLOW_API_FAILED", Message: "Flow does not exist [F-12345]",
				RequestID: "9F8E", HTTPStatus: 400, Shape: ShapeFlow},
		},
		{
			name:   "flow shape without code",
			status: 200,
			body:   `{"message":"Flow name already exists: [x]","requestId":"R","successResponse":false}`,
			want:   Error{Action: "A", Message: "Flow name already exists: [x]", RequestID: "R", HTTPStatus: 200, Shape: ShapeFlow},
		},
		{
			name:   "5xx html body, request id from header",
			status: 502,
			header: http.Header{"X-Acs-Request-Id": {"HDR-1"}},
			body:   "<html>bad gateway</html>",
			want:   Error{Action: "A", Message: "<html>bad gateway</html>", RequestID: "HDR-1", HTTPStatus: 502, Shape: ShapeGateway},
		},
		{
			name:   "empty body",
			status: 503,
			want:   Error{Action: "A", Message: "Service Unavailable", HTTPStatus: 503, Shape: ShapeGateway},
		},
		{
			name:   "json without message",
			status: 500,
			body:   `{"Code":"InternalError"}`,
			want:   Error{Action: "A", Code: "InternalError", Message: "Internal Server Error", HTTPStatus: 500, Shape: ShapeGateway},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseErrorBody("A", tt.status, tt.header, []byte(tt.body))
			if *got != tt.want {
				t.Errorf("got  %#v\nwant %#v", *got, tt.want)
			}
		})
	}
}

func TestFromSDKError(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantCode  string
		wantMsg   string
		wantReq   string
		wantShape string
		wantHTTP  int
	}{
		{
			name:      "ServerError, gateway body",
			err:       sdkerrors.NewServerError(400, `{"RequestId":"R1","Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found."}`, ""),
			wantCode:  "InvalidAccessKeyId.NotFound",
			wantMsg:   "Specified access key is not found.",
			wantReq:   "R1",
			wantShape: ShapeGateway,
			wantHTTP:  400,
		},
		{
			// The SDK leaves the code empty and keeps the raw body as the message.
			name:      "ServerError, flow body",
			err:       sdkerrors.NewServerError(400, `{"code":"FLOW_API_FAILED","message":"Job does not exist [FJ-1]","requestId":"R2","successResponse":false}`, ""),
			wantCode:  "FLOW_API_FAILED",
			wantMsg:   "Job does not exist [FJ-1]",
			wantReq:   "R2",
			wantShape: ShapeFlow,
			wantHTTP:  400,
		},
		{
			name:      "wrapped ServerError",
			err:       fmt.Errorf("refresh: %w", sdkerrors.NewServerError(503, `{"Code":"ServiceUnavailable","Message":"busy"}`, "")),
			wantCode:  "ServiceUnavailable",
			wantMsg:   "busy",
			wantShape: ShapeGateway,
			wantHTTP:  503,
		},
		{
			name:      "ClientError",
			err:       sdkerrors.NewClientError("SDK.InvalidParam", "The RoleArn is empty", nil),
			wantCode:  "SDK.InvalidParam",
			wantMsg:   "The RoleArn is empty",
			wantShape: ShapeGateway,
		},
		{
			name:      "url.Error loses its URL",
			err:       &url.Error{Op: "Post", URL: "https://sts.example/?SecurityToken=TOKEN&Signature=SIG", Err: syscall.ECONNREFUSED},
			wantMsg:   "connection refused",
			wantShape: ShapeNetwork,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fromSDKError("Act", tt.err)
			if e.Code != tt.wantCode || e.Message != tt.wantMsg || e.RequestID != tt.wantReq || e.Shape != tt.wantShape || e.HTTPStatus != tt.wantHTTP {
				t.Errorf("got %#v", *e)
			}
			if strings.Contains(e.Error(), "TOKEN") || strings.Contains(e.Error(), "SIG") {
				t.Errorf("message leaks the URL: %s", e.Error())
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{
			&Error{Action: "CreateFlowForWeb", Code: "FLOW_API_FAILED", Message: "Flow name already exists: [x]", HTTPStatus: 400, RequestID: "1A2B", Shape: ShapeFlow},
			"CreateFlowForWeb: FLOW_API_FAILED: Flow name already exists: [x] (HTTP 400, request id 1A2B)",
		},
		{
			&Error{Action: "DescribeFlow", Message: "Service Unavailable", HTTPStatus: 503, Shape: ShapeGateway},
			"DescribeFlow: Service Unavailable (HTTP 503)",
		},
		{
			&Error{Action: "DeleteFlow", Message: "dial tcp: connection refused", Shape: ShapeNetwork, NotSent: true},
			"DeleteFlow: request failed before it was sent: dial tcp: connection refused",
		},
		{
			&Error{Action: "ListFlow", Message: "EOF", Shape: ShapeNetwork},
			"ListFlow: request failed: EOF",
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestNotFoundError(t *testing.T) {
	api := &Error{Action: "DescribeFlow", Code: "FLOW_API_FAILED", Message: "Flow does not exist [F-1]", Shape: ShapeFlow}
	tests := []struct {
		err  *NotFoundError
		want string
	}{
		{&NotFoundError{Kind: "flow", ID: "F-1", Err: api}, "flow F-1 not found: " + api.Error()},
		{&NotFoundError{Kind: "project", Name: "p"}, `project named "p" not found`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	var e *Error
	if !errors.As(&NotFoundError{Kind: "flow", ID: "F-1", Err: api}, &e) || e != api {
		t.Error("NotFoundError does not unwrap to its *Error")
	}
}

// TestClassification is the table of every classifier against every class of error.
func TestClassification(t *testing.T) {
	gw := func(status int, code string) *Error {
		return &Error{Action: "A", Code: code, Message: "m", HTTPStatus: status, Shape: ShapeGateway}
	}
	fl := func(msg string) *Error {
		return &Error{Action: "A", Code: "FLOW_API_FAILED", Message: msg, HTTPStatus: 400, Shape: ShapeFlow}
	}
	refused := &Error{Action: "A", Message: "connection refused", Shape: ShapeNetwork, NotSent: true, Err: syscall.ECONNREFUSED}
	lost := &Error{Action: "A", Message: "EOF", Shape: ShapeNetwork, Err: errors.New("EOF")}
	timeout := &Error{Action: "A", Message: "deadline", Shape: ShapeNetwork, Err: context.DeadlineExceeded}
	stsRefused := &Error{Action: "AssumeRole", Code: "InvalidParameter", Message: "m", HTTPStatus: 400, Shape: ShapeGateway, NotSent: true}
	stsUnavailable := &Error{Action: "AssumeRole", Code: "ServiceUnavailable", Message: "m", HTTPStatus: 503, Shape: ShapeGateway, NotSent: true}
	stsUnreachable := &Error{Action: "AssumeRole", Message: "EOF", Shape: ShapeNetwork, NotSent: true}

	type want struct{ notFound, exists, throttled, retryable, unknown, createRetry bool }
	tests := []struct {
		name string
		err  error
		want want
	}{
		{"Flow does not exist", fl("Flow does not exist [F-1]"), want{notFound: true}},
		{"Project does not exist", fl("Project does not exist [FP-1]"), want{notFound: true}},
		{"Job does not exist", fl("Job does not exist [FJ-1]"), want{notFound: true}},
		{"Category does not exist", fl("Category does not exist [FC-1]"), want{notFound: true}},
		{"Parent flow does not exist is a bad reference", fl("Parent flow does not exist [F-2]"), want{}},
		{"Cluster does not exist is a bad reference", fl("Cluster does not exist [C-1]"), want{}},
		{"NotFoundError", &NotFoundError{Kind: "flow", ID: "F-1"}, want{notFound: true}},
		{"wrapped NotFoundError", fmt.Errorf("read: %w", &NotFoundError{Kind: "job", ID: "FJ-1"}), want{notFound: true}},
		{"name already exists", fl("Flow name already exists: [x]"), want{exists: true}},
		{"Throttling", gw(400, "Throttling"), want{throttled: true, retryable: true, createRetry: true}},
		{"Throttling.User", gw(400, "Throttling.User"), want{throttled: true, retryable: true, createRetry: true}},
		{"Throttling.Api", gw(400, "Throttling.Api"), want{throttled: true, retryable: true, createRetry: true}},
		{"HTTP 429", gw(429, ""), want{throttled: true, retryable: true, createRetry: true}},
		{"ThrottlingX is not throttling", gw(400, "ThrottlingX"), want{}},
		{"SignatureNonceUsed", gw(400, "SignatureNonceUsed"), want{retryable: true, createRetry: true}},
		{"InvalidTimeStamp.Expired", gw(400, "InvalidTimeStamp.Expired"), want{retryable: true, createRetry: true}},
		{"ServiceUnavailable 503", gw(503, "ServiceUnavailable"), want{retryable: true, unknown: true}},
		{"InternalError 500", gw(500, "InternalError"), want{retryable: true, unknown: true}},
		{"bare 502", gw(502, ""), want{retryable: true, unknown: true}},
		{"InvalidParameter", gw(400, "InvalidParameter"), want{}},
		{"SignatureDoesNotMatch", gw(400, "SignatureDoesNotMatch"), want{}},
		{"InvalidAccessKeyId.NotFound is not an object", gw(404, "InvalidAccessKeyId.NotFound"), want{}},
		{"connection refused before sending", refused, want{retryable: true, createRetry: true}},
		{"connection lost after sending", lost, want{retryable: true, unknown: true}},
		{"timeout after sending", timeout, want{retryable: true, unknown: true}},
		{"credentials refused (not sent)", stsRefused, want{}},
		{"STS unavailable (not sent)", stsUnavailable, want{retryable: true, createRetry: true}},
		{"STS unreachable (not sent)", stsUnreachable, want{retryable: true, createRetry: true}},
		{"wrapped *Error", fmt.Errorf("ctx: %w", gw(500, "InternalError")), want{retryable: true, unknown: true}},
		{"plain error", errors.New("boom"), want{}},
		{"nil", nil, want{}},
		{"net.OpError alone is not an *Error", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := want{
				notFound:    IsNotFound(tt.err),
				exists:      IsAlreadyExists(tt.err),
				throttled:   IsThrottled(tt.err),
				retryable:   IsRetryable(tt.err),
				unknown:     IsUnknownOutcome(tt.err),
				createRetry: isCreateRetryable(tt.err),
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestUnsuccessfulBody(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{"successResponse":false,"code":"X"}`, true},
		{`{"successResponse":"false"}`, true},
		{`{"successResponse":true,"data":1}`, false},
		{`{"RequestId":"R","Id":"F-1"}`, false},
		{`not json`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := unsuccessfulBody([]byte(tt.body)); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.body, got, tt.want)
		}
	}
}

func TestParseErrorBodyDropsStringToSign(t *testing.T) {
	token := "CAIS-secret-token/+="
	body := `{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3D` +
		url.QueryEscape(url.QueryEscape(token)) + `"}`
	e := parseErrorBody("DescribeFlow", 400, nil, []byte(body))
	if e.Code != "SignatureDoesNotMatch" {
		t.Fatalf("code = %q", e.Code)
	}
	if strings.Contains(e.Message, "SecurityToken") || strings.Contains(e.Message, "AccessKeyId") || strings.Contains(e.Message, "CAIS") {
		t.Errorf("message still holds the string to sign: %q", e.Message)
	}
	if !strings.HasPrefix(e.Message, "Specified signature is not matched with our calculation") {
		t.Errorf("message lost its meaning: %q", e.Message)
	}
}

func TestClusterNotAssociated(t *testing.T) {
	cases := map[string]struct {
		err       error
		wantOK    bool
		wantClust string
	}{
		"emulator's message": {&Error{Action: "SubmitFlow", Code: "FLOW_API_FAILED", Shape: ShapeFlow,
			Message: "Cluster is not associated with the project [C-0000000000000001]"}, true, "C-0000000000000001"},
		"without the id":   {&Error{Action: "SubmitFlow", Shape: ShapeFlow, Message: "cluster is not associated with the project"}, true, ""},
		"wrapped":          {fmt.Errorf("run: %w", &Error{Action: "SubmitFlow", Shape: ShapeFlow, Message: "Cluster is not associated with the project [C-2]"}), true, "C-2"},
		"other message":    {&Error{Action: "SubmitFlow", Shape: ShapeFlow, Message: "Cluster does not exist [C-2]"}, false, ""},
		"network":          {&Error{Action: "SubmitFlow", Shape: ShapeNetwork, Message: "Cluster is not associated with the project"}, false, ""},
		"not an API error": {errors.New("Cluster is not associated with the project"), false, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			id, ok := ClusterNotAssociated(tc.err)
			if ok != tc.wantOK || id != tc.wantClust {
				t.Fatalf("ClusterNotAssociated = %q, %v; want %q, %v", id, ok, tc.wantClust, tc.wantOK)
			}
		})
	}
}
