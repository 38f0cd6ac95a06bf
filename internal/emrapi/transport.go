package emrapi

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
)

// Where the endpoint came from, for Config.EndpointSource. A message that names the endpoint must
// also say where to correct it.
const (
	EndpointFromAttribute = `the provider's "endpoint" attribute`
	EndpointFromEnv       = "the environment variable EMRFLOW_ENDPOINT"
	// endpointFromSDK is used when Config.Endpoint is "": the SDK resolves the regional endpoint.
	endpointFromSDK = "the SDK's regional endpoint for region %s"
)

// TransportKind says how a call failed to reach the EMR API.
type TransportKind string

// Transport kinds.
const (
	TransportRefused   TransportKind = "refused"    // nothing listens at host:port
	TransportDNS       TransportKind = "dns"        // the host name does not resolve
	TransportTLS       TransportKind = "tls"        // https to a plain-http server, or an untrusted certificate
	TransportPlainHTTP TransportKind = "plain-http" // http to an https server
	TransportTimeout   TransportKind = "timeout"    // no connection, or no answer, in time
	TransportClosed    TransportKind = "closed"     // the connection was dropped before an answer
	TransportNotAPI    TransportKind = "not-api"    // something answered, but not the EMR API
)

// TransportError is a call that got no answer from the EMR API: nothing answered at the endpoint,
// or something that is not the API did. It wraps the *Error of the attempt, so that the error
// classes (IsRetryable, IsUnknownOutcome, …) see through it, and adds what a user needs to act:
// the endpoint, where it came from, what happened in words, and the likely cause.
type TransportError struct {
	Kind     TransportKind
	Endpoint string // scheme://host[:port] the request went to; never the query (it holds the signature)
	Source   string // where Endpoint came from, e.g. EndpointFromEnv
	Cause    string // what happened, e.g. "the connection was refused"
	Hint     string // what to do
	// permanent marks failures that no retry cures (a refused loopback port, a name that does
	// not resolve, the wrong scheme): failing at once saves the user the retries' wait.
	permanent bool
	// maxRetries, when >= 0, caps the retries of a failure that a retry rarely cures.
	maxRetries int
	Err        *Error
}

func (e *TransportError) Error() string {
	what := "nothing answered at "
	if e.Kind == TransportNotAPI {
		what = "no EMR API answered at "
	}
	return fmt.Sprintf("%s: %s%s (from %s): %s", e.Err.Action, what, e.Endpoint, e.Source, e.Cause)
}

func (e *TransportError) Unwrap() error { return e.Err }

// Advice returns what to do about the failure.
func (e *TransportError) Advice() string { return e.Hint }

// CredentialError is an answer of the API that refused the credentials (an unknown access key, a
// signature made with the wrong secret, an expired token): it names the credential to check and
// where it came from.
type CredentialError struct {
	Credential string // "access key id", "access key secret", "security token"
	Source     string // where the keys came from, e.g. "environment (ALIBABA_CLOUD_ACCESS_KEY_ID, …)"
	Hint       string
	Err        *Error
}

func (e *CredentialError) Error() string { return e.Err.Error() }

func (e *CredentialError) Unwrap() error { return e.Err }

// Advice returns what to do about the failure.
func (e *CredentialError) Advice() string { return e.Hint }

// Advised is an error that knows what the user should do about it.
type Advised interface {
	error
	Advice() string
}

// isPermanentTransport reports whether err is a transport failure that retrying cannot cure.
func isPermanentTransport(err error) bool {
	var te *TransportError
	return errors.As(err, &te) && te.permanent
}

// retryBudget is the number of retries err may get: c.maxRetries, less for transport failures
// that a retry rarely cures.
func (c *Client) retryBudget(err error) int {
	var te *TransportError
	if errors.As(err, &te) && te.maxRetries >= 0 && te.maxRetries < c.maxRetries {
		return te.maxRetries
	}
	return c.maxRetries
}

// endpointSource says where the endpoint came from.
func (c *Client) endpointSource() string {
	if c.host == "" {
		return fmt.Sprintf(endpointFromSDK, c.region)
	}
	if c.endpointFrom != "" {
		return c.endpointFrom
	}
	return "the client's configuration"
}

// explainNetwork turns the *Error of a failed exchange (no answer at all) into a TransportError
// that says what happened at which endpoint. endpoint is scheme://host[:port] of the request.
func (c *Client) explainNetwork(e *Error, endpoint string) error {
	te := &TransportError{Endpoint: endpoint, Source: c.endpointSource(), Err: e, maxRetries: -1}
	host := hostOf(endpoint)
	fix := "correct " + te.Source
	if c.host == "" {
		fix = "check the region, or set the endpoint (or EMRFLOW_ENDPOINT) to the API's address"
	}
	var dnsErr *net.DNSError
	// Go's transport turns a TLS record header that is plain HTTP into an untyped error of its
	// own ("server gave HTTP response to HTTPS client"): both are matched.
	var rhe tls.RecordHeaderError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		te.Kind, te.Cause = TransportRefused, "the connection was refused (nothing listens on that port)"
		if isLoopback(host) {
			// On this machine a refused port stays refused until someone starts a server:
			// retrying only makes the user wait.
			te.permanent = true
			te.Hint = fmt.Sprintf("Is the emulator running? Start it with ./bin/emrflow-emulator -listen %s "+
				"(make build builds it), or %s to where it listens.", hostPort(endpoint), fix)
		} else {
			// A remote server may be restarting: one retry, not the whole budget.
			te.maxRetries = 1
			te.Hint = fmt.Sprintf("Check the host and port, and that the server is up; %s if it is wrong.", fix)
		}
	case errors.As(e.Err, &dnsErr):
		te.Kind = TransportDNS
		if dnsErr.IsNotFound {
			te.permanent = true
			te.Cause = fmt.Sprintf("the host name %s does not resolve (no such host)", dnsErr.Name)
			te.Hint = fmt.Sprintf("Check the spelling of the host; %s.", fix)
		} else {
			te.maxRetries = 1
			te.Cause = fmt.Sprintf("the host name %s could not be looked up: %v", dnsErr.Name, dnsErr.Err)
			te.Hint = "Check this machine's network and DNS resolver."
		}
	case errors.As(e.Err, &rhe), strings.Contains(e.Message, "server gave HTTP response to HTTPS client"):
		te.Kind, te.permanent = TransportTLS, true
		te.Cause = "the endpoint says https, but the server there speaks plain http"
		te.Hint = fmt.Sprintf("Write the endpoint as http://%s (the emulator speaks plain http) in %s.", hostPort(endpoint), te.Source)
	case errors.As(e.Err, &certErr), errors.As(e.Err, &unknownAuth), errors.As(e.Err, &hostErr):
		te.Kind, te.permanent = TransportTLS, true
		te.Cause = "the server's TLS certificate is not trusted: " + e.Message
		te.Hint = fmt.Sprintf("Check that %s names the EMR API, and that this machine trusts its certificate authority.", te.Source)
	case isTimeout(e.Err):
		te.Kind = TransportTimeout
		if isDial(e.Err) {
			te.Cause = "no connection could be made in time"
			te.maxRetries = 1
			te.Hint = fmt.Sprintf("The host does not accept connections from here (a firewall, a VPN or a wrong address?): %s if it is wrong.", fix)
		} else {
			te.Cause = fmt.Sprintf("no answer within %s", c.timeout)
			te.Hint = "The server accepted the connection but did not answer in time; it may be overloaded. Run the command again, " +
				"or raise max_retries in the provider block."
		}
	default:
		te.Kind, te.Cause = TransportClosed, "the connection failed before an answer: "+e.Message
		te.Hint = "The network or the server dropped the connection; run the command again."
		if strings.HasPrefix(endpoint, "http://") && !isLoopback(host) {
			te.Hint += " If the server speaks https, write the endpoint as https://" + hostPort(endpoint) + "."
		}
	}
	return te
}

// explainAnswer checks an HTTP answer that is not a success: an answer of the EMR API (either body
// shape) stays the *Error it is, or becomes a CredentialError when the credentials were refused;
// anything else (a web page, a proxy's error, a redirect) is a TransportError of kind
// TransportNotAPI.
func (c *Client) explainAnswer(e *Error, endpoint string, header http.Header, body []byte) error {
	if isAPIBody(body) {
		return c.explainCredentials(e)
	}
	te := &TransportError{Kind: TransportNotAPI, Endpoint: endpoint, Source: c.endpointSource(), Err: e, maxRetries: -1}
	kind := header.Get("Content-Type")
	if i := strings.IndexByte(kind, ';'); i >= 0 {
		kind = kind[:i]
	}
	if kind == "" {
		kind = "no content type"
	}
	te.Cause = fmt.Sprintf("HTTP %d (%s): %s", e.HTTPStatus, kind, snippet(body))
	if e.HTTPStatus < 500 || e.HTTPStatus == http.StatusNotImplemented {
		// A page that is no server error (or a server that does not know POST) comes from a
		// server that is not the API: the API executed nothing (a create needs no look-up), and
		// asking again gets the same page.
		te.permanent = true
		e.NotSent = true
	}
	// Other 5xx pages may come from a gateway in front of the API (502, 504, a load balancer's
	// 500), which may have passed the request on: the outcome stays unknown, and retryable.
	switch {
	case isPlainToTLSBody(body):
		te.Kind, te.permanent = TransportPlainHTTP, true
		te.Cause = "the endpoint says http, but the server there speaks https"
		te.Hint = fmt.Sprintf("Write the endpoint as https://%s in %s.", hostPort(endpoint), te.Source)
	case e.HTTPStatus >= 300 && e.HTTPStatus < 400:
		te.permanent = true
		te.Hint = fmt.Sprintf("The server redirects to %q; the EMR API never does. Check %s.", header.Get("Location"), te.Source)
	default:
		te.Hint = fmt.Sprintf("Something answered, but not the EMR API (nor the emulator): check that %s names "+
			"the API's scheme://host[:port], not another web server.", te.Source)
	}
	return te
}

// explainRead explains a failure to read the body of an answer whose status line arrived. A TLS
// server that gets plain http answers "HTTP/1.0 400" with a short text and hangs up, which often
// resets the connection before the text is read: that is told as http to an https server.
func (c *Client) explainRead(e *Error, endpoint string, resp *http.Response, partial []byte) error {
	plain := strings.HasPrefix(endpoint, "http://") && resp.StatusCode == http.StatusBadRequest
	if plain && (isPlainToTLSBody(partial) || resp.ProtoMajor == 1 && resp.ProtoMinor == 0 && resp.Header.Get("Content-Type") == "") {
		answer := &Error{Action: e.Action, HTTPStatus: resp.StatusCode, Shape: ShapeGateway, Message: e.Message, Err: e.Err}
		return c.explainAnswer(answer, endpoint, resp.Header, []byte("Client sent an HTTP request to an HTTPS server."))
	}
	return c.explainNetwork(e, endpoint)
}

// isPlainToTLSBody reports whether body is what TLS servers answer to plain http (Go's and
// nginx's texts).
func isPlainToTLSBody(body []byte) bool {
	return strings.Contains(string(body), "HTTP request to an HTTPS server") ||
		strings.Contains(string(body), "plain HTTP request was sent to HTTPS port")
}

// explainBody checks the body of a 2xx answer: the EMR API always answers JSON, so a body that is
// not JSON (a web server's page) is a TransportError of kind TransportNotAPI. A body that starts
// like JSON but is cut short, or an empty one, is left to the caller (it may be the API's answer,
// lost in transit).
func (c *Client) explainBody(action string, status int, endpoint string, header http.Header, body []byte) error {
	trimmed := strings.TrimSpace(string(body))
	if trimmed == "" || json.Valid(body) || strings.HasPrefix(trimmed, "{") {
		return nil
	}
	e := &Error{Action: action, HTTPStatus: status, Shape: ShapeGateway, Message: snippet(body)}
	return c.explainAnswer(e, endpoint, header, body)
}

// credentialHints say which credential an API refusal is about.
var credentialHints = map[string]struct{ credential, hint string }{
	"InvalidAccessKeyId.NotFound": {"access key id",
		"The API does not know the access key id %s: check it (and that it belongs to this account's site: the international and China sites have separate keys); the keys came from %s."},
	"InvalidAccessKeyId.Inactive": {"access key id",
		"The access key id %s is disabled: enable it in the RAM console or use another key; the keys came from %s."},
	"SignatureDoesNotMatch": {"access key secret",
		"The request was signed with a secret that does not belong to the access key id %s: check the access key secret; the keys came from %s."},
	"IncompleteSignature": {"access key secret",
		"The request was signed with a secret that does not belong to the access key id %s: check the access key secret; the keys came from %s."},
	"InvalidSecurityToken.Expired": {"security token",
		"The STS security token used with %s has expired: get a new one (or use assume_role, which renews it); the keys came from %s."},
	"InvalidSecurityToken.Malformed": {"security token",
		"The STS security token used with %s is malformed: check it; the keys came from %s."},
	"InvalidSecurityToken.MismatchWithAccessKey": {"security token",
		"The STS security token was not issued with the access key id %s: give the token and the keys of the same session; they came from %s."},
}

// explainCredentials wraps an answer that refused the credentials into a CredentialError.
func (c *Client) explainCredentials(e *Error) error {
	h, ok := credentialHints[e.Code]
	if !ok {
		return e
	}
	src := c.credentialFrom
	if src == "" {
		src = "the client's configuration"
	}
	if c.assumeRole {
		src += ", with a role assumed on top of them (the temporary keys of the role were refused: check the base keys and the role)"
	}
	return &CredentialError{Credential: h.credential, Source: src, Err: e, Hint: fmt.Sprintf(h.hint, c.accessKeyID, src)}
}

// isAPIBody reports whether an answer's body is one of the EMR API's: a JSON object with one of the
// keys of either error shape or of a successful answer.
func isAPIBody(body []byte) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return false
	}
	for _, k := range []string{"RequestId", "requestId", "Code", "code", "successResponse"} {
		if _, ok := fields[k]; ok {
			return true
		}
	}
	return false
}

// snippet is the start of a body, on one line, for a message.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if s == "" {
		return "(empty body)"
	}
	const maxLen = 120
	if len(s) > maxLen {
		s = s[:maxLen] + "…"
	}
	return fmt.Sprintf("%q", s)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

func isDial(err error) bool {
	var oe *net.OpError
	return errors.As(err, &oe) && oe.Op == "dial"
}

// isLoopback reports whether host (without port) is this machine.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostPort is the host[:port] of "scheme://host[:port]".
func hostPort(endpoint string) string {
	if i := strings.Index(endpoint, "://"); i >= 0 {
		return endpoint[i+3:]
	}
	return endpoint
}

// hostOf is the host (without port or brackets) of "scheme://host[:port]".
func hostOf(endpoint string) string {
	hp := hostPort(endpoint)
	if h, _, err := net.SplitHostPort(hp); err == nil {
		return h
	}
	return strings.Trim(hp, "[]")
}
