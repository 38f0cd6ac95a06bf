// Package emrapi is the client of the EMR 2016-04-08 Flow API (flows, projects, jobs, categories)
// and the only package of the provider that imports the Alibaba Cloud SDK. Callers see the models
// and inputs of types.go, the typed calls of Client, and the error classes below; SDK types and
// quirks stop here.
//
// # How a call is made
//
// Every action, ModifyFlowJob included (the SDK lacks it), is built as an SDK common request with
// exactly the parameters this package chooses. The SDK resolves the regional endpoint (unless
// Config.Endpoint is set) and signs the request with its credential provider; the HTTP exchange is
// this package's own, on one shared transport per Client (keep-alive reuse), with the caller's
// context and a per-attempt timeout. The SDK's DoAction is not used: it takes no context, mutates
// client state on every call (racy under Terraform's parallelism), retries on its own and prints
// debug output. The SDK's RAM role provider, which refreshes without locking, is wrapped in a
// mutex.
//
// # Modify sends the whole state
//
// Modify calls send every field of their input, empty ones as empty parameters: the server clears
// a field given empty and keeps one left out (an assumption mirrored by the emulator, see
// EMULATOR.md), so a field removed from a configuration must be sent empty. An empty job resource
// list is sent as an empty "ResourceList" parameter. Creates send only what is set. Large values
// (Graph, AlertConf, descriptions, job params and JSON confs) travel in the form body.
//
// # Errors
//
// Failures are *Error values: the gateway's capitalised body ({"Code","Message","RequestId",…}),
// the flow service's lower-case body ({"code","message","requestId","successResponse":false},
// also when it comes with a 2xx status), or a network failure. Describe* and Find* turn "Flow
// does not exist" and the like into *NotFoundError. Classify with IsNotFound, IsAlreadyExists,
// IsThrottled, IsRetryable and IsUnknownOutcome, which all see through wrapping.
//
// # Retries
//
// Describe, List, Modify (the whole state, so repeatable) and Delete are retried on retryable
// errors, up to Config.MaxRetries times, with exponential backoff and full jitter, never sleeping
// past the context's deadline. Creates have no client token: they are retried only when the error
// proves that nothing was executed (throttling, a used nonce, an expired timestamp, a request that
// was never sent, credentials that could not be obtained). After an unknown outcome (a 5xx, a
// timeout or a connection lost once the request was sent) the error is returned: the caller must
// look the object up by name (FindFlowByName, …) before creating again.
//
// # Logging and secrets
//
// Each attempt is logged through tflog's "emrapi" subsystem (level: TF_LOG_PROVIDER_EMRFLOW_EMRAPI)
// with the fields action, attempt, request_id, http_status, duration_ms and error_code. Secrets
// never reach a log or an error: the request URL (which carries the signature and the security
// token) is stripped from transport errors, and the client's secret and token are masked in the
// subsystem as a second guard.
//
// # Assumed roles
//
// AssumeRole goes through the SDK's RAM role credential provider, which always speaks https:
// Config.STSEndpoint must be https. The tests run the emulator under TLS and trust it through
// SSL_CERT_FILE in a child process (see assume_role_test.go).
package emrapi
