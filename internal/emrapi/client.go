package emrapi

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Defaults of Config.
const (
	DefaultRetryBaseDelay = 500 * time.Millisecond
	DefaultRetryMaxDelay  = 20 * time.Second
	DefaultHTTPTimeout    = 60 * time.Second
	// DefaultPageSize is the page size of the List* walks when the input leaves it at 0.
	DefaultPageSize = 100

	defaultSessionName = "terraform-provider-emrflow"
	minSessionSeconds  = 900
	maxSessionSeconds  = 43200
)

// Config configures a Client. RegionID and the access key pair are required.
type Config struct {
	RegionID string
	// Endpoint is "" for the SDK's regional endpoint (over https), or "scheme://host[:port]":
	// every request then goes there, over http only when the scheme says so.
	Endpoint string
	// EndpointSource says where Endpoint came from (EndpointFromAttribute, EndpointFromEnv), so
	// that an error naming the endpoint also says where to correct it.
	EndpointSource string
	// CredentialSource says where the keys came from (e.g. "environment (ALIBABA_CLOUD_ACCESS_KEY_ID,
	// ALIBABA_CLOUD_ACCESS_KEY_SECRET)"), for the errors of refused credentials.
	CredentialSource string

	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	// AssumeRole, when set, exchanges the keys above for a role's temporary credentials through STS.
	AssumeRole *AssumeRoleConfig
	// STSEndpoint is "" for the SDK's default (sts.aliyuncs.com), or "https://host[:port]". The SDK's
	// AssumeRole provider always speaks https, so http is refused.
	STSEndpoint string

	MaxRetries     int           // retries of retryable errors per call; 0 = none
	RetryBaseDelay time.Duration // 0 = DefaultRetryBaseDelay
	RetryMaxDelay  time.Duration // 0 = DefaultRetryMaxDelay
	UserAgent      string        // appended to the SDK's, e.g. "terraform-provider-emrflow/1.2.3"
	HTTPTimeout    time.Duration // per attempt; 0 = DefaultHTTPTimeout
}

// AssumeRoleConfig is the role to assume on top of the base credentials.
type AssumeRoleConfig struct {
	RoleARN           string
	SessionName       string // "" = "terraform-provider-emrflow"
	SessionExpiration int    // seconds, 900..43200; 0 = the SDK's default (3600)
	Policy            string
	ExternalID        string
}

// The SDK fills its package-level emr.EndpointMap lazily, without locking, in every
// emr.NewClientWithOptions: two clients made at once (parallel acceptance tests) would race on it.
// Filling it here, while packages initialise on one goroutine, leaves later calls only reading it.
func init() { emr.GetEndpointMap() }

// Client calls the EMR Flow API. It is safe for concurrent use; make one per provider instance so
// that connections are reused.
type Client struct {
	// region is where every call of this client goes. A flow may live in another region than
	// the provider's: InRegion gives a view of the same client for that region, the one way to
	// address another region (inputs carry no region of their own).
	region string
	*core
}

// core is what every regional view of a client shares: one transport, one rate limiter, one
// cache, one set of credentials.
type core struct {
	scheme     string // "HTTPS" or "HTTP", as the SDK spells it
	host       string // "" = the SDK's regional endpoint
	userAgent  string
	maxRetries int
	baseDelay  time.Duration
	maxDelay   time.Duration
	timeout    time.Duration
	secrets    []string // masked in every log line, should one ever carry them

	// What errors tell the user about the endpoint and the credentials (see transport.go).
	endpointFrom   string
	credentialFrom string
	accessKeyID    string // not a secret: the API echoes it, and a user must know which key to check
	assumeRole     bool

	// sdk only resolves the regional endpoint and signs requests: the HTTP exchange is ours (its
	// DoAction takes no context, mutates shared state on every call and retries on its own).
	sdk  *emr.Client
	http *http.Client

	rngMu sync.Mutex
	rng   *rand.Rand

	// limiter paces all the client's calls once the API has throttled one (see ratelimit.go).
	limiter *adaptiveLimiter
	// jobTypes caches each project's job list for ProjectJobTypes (see jobcache.go).
	jobTypes jobTypeCache
	// planned holds the cluster settings planned in this process (see planned.go).
	planned plannedSettings
}

// InRegion returns a view of the client whose calls go to region ("" = the client's own). The
// view shares the transport, the credentials, the rate limiter and the caches.
func (c *Client) InRegion(region string) *Client {
	if region == "" || region == c.region {
		return c
	}
	return &Client{region: region, core: c.core}
}

// New checks cfg and builds a client. It does no I/O: credentials (and an assumed role) are
// obtained at the first call. ctx carries the logger the configuration is logged to.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.RegionID == "" {
		return nil, errors.New("emrapi: a region is required")
	}
	if cfg.AccessKeyID == "" || cfg.AccessKeySecret == "" {
		return nil, errors.New("emrapi: an access key id and secret are required")
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("emrapi: max retries must not be negative (got %d)", cfg.MaxRetries)
	}

	c := &Client{region: cfg.RegionID, core: &core{
		scheme:     "HTTPS",
		userAgent:  cfg.UserAgent,
		maxRetries: cfg.MaxRetries,
		baseDelay:  orDefault(cfg.RetryBaseDelay, DefaultRetryBaseDelay),
		maxDelay:   orDefault(cfg.RetryMaxDelay, DefaultRetryMaxDelay),
		timeout:    orDefault(cfg.HTTPTimeout, DefaultHTTPTimeout),
		rng:        rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), rand.Uint64())),
		limiter:    newAdaptiveLimiter(realClock{}),

		endpointFrom:   cfg.EndpointSource,
		credentialFrom: cfg.CredentialSource,
		accessKeyID:    cfg.AccessKeyID,
		assumeRole:     cfg.AssumeRole != nil,
	}}
	if c.maxDelay < c.baseDelay {
		c.maxDelay = c.baseDelay
	}
	if cfg.Endpoint != "" {
		scheme, host, err := ParseEndpoint(cfg.Endpoint)
		if err != nil {
			return nil, fmt.Errorf("emrapi: endpoint: %w", err)
		}
		c.scheme, c.host = strings.ToUpper(scheme), host
	}
	c.secrets = secretForms(cfg.AccessKeySecret, cfg.SecurityToken)

	creds, err := credentialsProvider(cfg, c.timeout)
	if err != nil {
		return nil, err
	}

	// One transport for the client's life: keep-alive connections are reused across calls. The
	// settings are http.DefaultTransport's, with more idle connections per host (Terraform runs ten
	// operations at a time against one endpoint).
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	c.http = &http.Client{
		Transport: transport,
		// The API never redirects; following one would resend a signed request elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	sdkCfg := sdk.NewConfig()
	sdkCfg.AutoRetry = false
	sdkCfg.MaxRetryTime = 0
	sdkCfg.Scheme = c.scheme
	sdkCfg.Transport = transport
	sdkCfg.UserAgent = cfg.UserAgent
	c.sdk, err = emr.NewClientWithOptions(cfg.RegionID, sdkCfg, creds)
	if err != nil {
		return nil, fmt.Errorf("emrapi: %w", err)
	}

	endpoint := "(regional)"
	if c.host != "" {
		endpoint = strings.ToLower(c.scheme) + "://" + c.host
	}
	fields := map[string]any{
		"region":          c.region,
		"endpoint":        endpoint,
		"max_retries":     c.maxRetries,
		"http_timeout_ms": c.timeout.Milliseconds(),
		"assume_role":     cfg.AssumeRole != nil,
	}
	if cfg.AssumeRole != nil {
		fields["role_arn"] = cfg.AssumeRole.RoleARN
	}
	tflog.SubsystemDebug(c.logContext(ctx), logSubsystem, "EMR API client configured", fields)
	return c, nil
}

// Region returns the client's region.
func (c *Client) Region() string { return c.region }

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// ParseEndpoint checks an endpoint of the form "scheme://host[:port]" (scheme http or https, no
// path, query or credentials) and returns its lower-case scheme and its host[:port].
func ParseEndpoint(s string) (scheme, host string, err error) {
	if s == "" {
		return "", "", errors.New("empty endpoint")
	}
	if !strings.Contains(s, "://") {
		return "", "", fmt.Errorf("%q has no scheme: write it as http://host[:port] or https://host[:port]", s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", "", fmt.Errorf("%q is not a valid URL: %w", s, err)
	}
	scheme = strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", "", fmt.Errorf("%q: the scheme must be http or https, not %q", s, u.Scheme)
	}
	if u.User != nil {
		return "", "", fmt.Errorf("%q: credentials in the endpoint are not allowed", s)
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", "", fmt.Errorf("%q: the endpoint must be scheme://host[:port], without a path or query", s)
	}
	if u.Hostname() == "" {
		return "", "", fmt.Errorf("%q has no host", s)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return "", "", fmt.Errorf("%q: invalid port %q", s, p)
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return "", "", fmt.Errorf("%q: empty port", s)
	}
	return scheme, u.Host, nil
}

// credentialsProvider builds the SDK credential provider for cfg: static keys (with or without a
// security token), and the SDK's RAM role provider on top of them when a role is to be assumed.
func credentialsProvider(cfg Config, timeout time.Duration) (credentials.CredentialsProvider, error) {
	var base credentials.CredentialsProvider
	if cfg.SecurityToken != "" {
		base = credentials.NewStaticSTSCredentialsProvider(cfg.AccessKeyID, cfg.AccessKeySecret, cfg.SecurityToken)
	} else {
		base = credentials.NewStaticAKCredentialsProvider(cfg.AccessKeyID, cfg.AccessKeySecret)
	}
	if cfg.AssumeRole == nil {
		if cfg.STSEndpoint != "" {
			if _, _, err := ParseEndpoint(cfg.STSEndpoint); err != nil {
				return nil, fmt.Errorf("emrapi: STS endpoint: %w", err)
			}
		}
		return base, nil
	}

	ar := cfg.AssumeRole
	if ar.RoleARN == "" {
		// Checked here: the SDK would silently fall back to ALIBABA_CLOUD_ROLE_ARN.
		return nil, errors.New("emrapi: assume role: a role ARN is required")
	}
	if ar.SessionExpiration != 0 && (ar.SessionExpiration < minSessionSeconds || ar.SessionExpiration > maxSessionSeconds) {
		return nil, fmt.Errorf("emrapi: assume role: session expiration must be between %d and %d seconds (got %d)",
			minSessionSeconds, maxSessionSeconds, ar.SessionExpiration)
	}
	sessionName := ar.SessionName
	if sessionName == "" {
		sessionName = defaultSessionName
	}
	b := credentials.NewRAMRoleARNCredentialsProviderBuilder().
		WithCredentialsProvider(base).
		WithRoleArn(ar.RoleARN).
		WithRoleSessionName(sessionName).
		WithDurationSeconds(ar.SessionExpiration).
		WithPolicy(ar.Policy).
		WithExternalId(ar.ExternalID).
		WithHttpOptions(&credentials.HttpOptions{ConnectTimeout: 10 * time.Second, ReadTimeout: timeout})
	if cfg.STSEndpoint != "" {
		scheme, host, err := ParseEndpoint(cfg.STSEndpoint)
		if err != nil {
			return nil, fmt.Errorf("emrapi: STS endpoint: %w", err)
		}
		if scheme != "https" {
			return nil, fmt.Errorf("emrapi: STS endpoint %q: must be https (the SDK's AssumeRole provider always speaks https)", cfg.STSEndpoint)
		}
		b = b.WithStsEndpoint(host)
	}
	p, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("emrapi: assume role: %w", err)
	}
	return &lockedProvider{p: p}, nil
}

// lockedProvider serialises a credential provider: the SDK's RAM role provider refreshes its
// cached session without any locking, which races when calls run in parallel. Holding the lock
// during the STS call also makes concurrent callers wait for one refresh instead of each making
// their own.
type lockedProvider struct {
	mu sync.Mutex
	p  credentials.CredentialsProvider
}

func (l *lockedProvider) GetCredentials() (*credentials.Credentials, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cc, err := l.p.GetCredentials()
	if err != nil {
		return nil, &credentialError{err: err}
	}
	return cc, nil
}

func (l *lockedProvider) GetProviderName() string { return l.p.GetProviderName() }

// credentialError marks a failure to obtain credentials (the STS AssumeRole call), so that the
// caller can tell it from a failure of the API call itself: the API request was never sent.
type credentialError struct{ err error }

func (e *credentialError) Error() string { return "obtaining credentials: " + e.err.Error() }
func (e *credentialError) Unwrap() error { return e.err }
