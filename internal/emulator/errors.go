package emulator

import (
	"fmt"
	"net/http"
)

// The two error families of the real service. Gateway errors (signature, parameters, throttling)
// carry a capitalised body; the flow service's own errors carry a lower-case body with the fixed
// code FLOW_API_FAILED and tell what went wrong only in their message.
const (
	codeMissingParameter      = "MissingParameter"
	codeInvalidParameter      = "InvalidParameter"
	codeInvalidAction         = "InvalidAction.NotFound"
	codeInvalidAccessKeyID    = "InvalidAccessKeyId.NotFound"
	codeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	codeTimestampExpired      = "InvalidTimeStamp.Expired"
	codeNonceUsed             = "SignatureNonceUsed"
	codeSecurityTokenExpired  = "InvalidSecurityToken.Expired"
	codeThrottlingUser        = "Throttling.User"
	codeServiceUnavailable    = "ServiceUnavailable"
	codeInternalError         = "InternalError"

	flowErrorCode = "FLOW_API_FAILED"
)

// apiError is an error answered to the client, in one of the two body shapes.
type apiError struct {
	status  int
	code    string // gateway code, or flowErrorCode for the flow service's errors
	message string
	flow    bool // true: lower-case flow-service body
	// logged, when set, stands for message in the -verbose log: the answer may echo what a log
	// must never hold (a string to sign carries the request's SecurityToken).
	logged string
}

// logMessage is what the request log says of the error.
func (e *apiError) logMessage() string {
	if e.logged != "" {
		return e.logged
	}
	return e.message
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func gatewayError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// flowError is an error of the flow service itself: always HTTP 400 and FLOW_API_FAILED.
func flowError(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: flowErrorCode, message: fmt.Sprintf(format, args...), flow: true}
}

func errMissing(name string) *apiError {
	return gatewayError(http.StatusBadRequest, codeMissingParameter,
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func errInvalid(name, reason string) *apiError {
	return gatewayError(http.StatusBadRequest, codeInvalidParameter,
		"The specified parameter %q is not valid: %s.", name, reason)
}

func errInvalidRequest(format string, args ...any) *apiError {
	return gatewayError(http.StatusBadRequest, codeInvalidParameter, format, args...)
}

func errInvalidAction() *apiError {
	return gatewayError(http.StatusNotFound, codeInvalidAction, "Specified api is not found, please check your url and method.")
}

func errInternal() *apiError {
	return gatewayError(http.StatusInternalServerError, codeInternalError,
		"The request processing has failed due to some unknown error, exception or failure.")
}

// Flow-service messages. Where a doc page (/work/shared/reference/api/<Action>.md, "异常返回示例" /
// "Error response examples") shows the message of an error, the emulator answers exactly that;
// EMULATOR.md's fidelity table lists each message with its page, or as an assumption.

// errFlowNotFound: DeleteFlow.md's sample error, "Flow does not exist [F-12345]".
func errFlowNotFound(id string) *apiError { return flowError("Flow does not exist [%s]", id) }

// errProjectNotFound: the sample error of ListFlow.md, CreateFlowCategory.md,
// DeleteFlowCategory.md and DeleteFlowProjectClusterSetting.md, "Project does not exist [FP-…]",
// for an action that names a project it works in.
func errProjectNotFound(id string) *apiError { return flowError("Project does not exist [%s]", id) }

// errProjectGone: the sample error of DeleteFlowProject.md and ModifyFlowProject.md (the actions on
// the project itself), "project not exist", which names no id.
func errProjectGone() *apiError { return flowError("project not exist") }

// errJobNotFound: DescribeFlowJob.md's sample error, "Flow Job does not exist [FJ-…]"; the other
// job actions answer the same (assumption: ModifyFlowJob.md shows no error, DeleteFlowJob has no page).
func errJobNotFound(id string) *apiError { return flowError("Flow Job does not exist [%s]", id) }

// errCategoryNotFound: no page shows it (assumption), shaped like the documented ones.
func errCategoryNotFound(id string) *apiError { return flowError("Category does not exist [%s]", id) }

// errClusterNotFound: no page shows it (assumption).
func errClusterNotFound(id string) *apiError { return flowError("Cluster does not exist [%s]", id) }

// errNameExists: CloneFlow.md's sample error, "Flow name already exists: [0_copy]"; the other kinds
// are shaped alike (assumption).
func errNameExists(kind, name string) *apiError {
	return flowError("%s name already exists: [%s]", kind, name)
}

// errPageSize: ListFlowProject.md's sample error, "Invalid Param[pageSize should less than 250]",
// answered by every List action (assumption for the others).
func errPageSize() *apiError {
	return flowError("Invalid Param[pageSize should less than %d]", maxPageSize+1)
}

// errProjectNameTooLong: CreateFlowProject.md's sample error.
func errProjectNameTooLong() *apiError {
	return flowError("Invalid project name [Project name longer than %d]", maxProjectName)
}

// gatewayBody is the capitalised error body of the API gateway.
type gatewayBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

// flowBody is the lower-case error body of the flow service.
type flowBody struct {
	Code            string `json:"code"`
	Message         string `json:"message"`
	RequestID       string `json:"requestId"`
	SuccessResponse bool   `json:"successResponse"`
}

func (e *apiError) body(requestID, host string) any {
	if e.flow {
		return flowBody{Code: e.code, Message: e.message, RequestID: requestID}
	}
	return gatewayBody{
		RequestID: requestID,
		HostID:    host,
		Code:      e.code,
		Message:   e.message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + e.code + "&product=Emr",
	}
}
