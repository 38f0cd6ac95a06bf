package emulator

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // HMAC-SHA1 is what signature version 1.0 of the real API uses.
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// timestampLayout is the only Timestamp format the API accepts (UTC).
const timestampLayout = "2006-01-02T15:04:05Z"

// clockSkew is how far a request's Timestamp may be from the emulator's clock, and how long a
// SignatureNonce is remembered.
const clockSkew = 15 * time.Minute

// maxNonces bounds the nonce memory: past it, the oldest nonces are forgotten early (a replay of
// one of those would no longer be caught, which beats growing without bound under load).
const maxNonces = 1 << 20

// percentEncode encodes as the signature v1 requires: RFC 3986 unreserved characters kept, space
// as %20, '*' as %2A, '~' kept.
func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

// stringToSign builds METHOD&%2F&<encoded canonical query> over every parameter but Signature.
func stringToSign(method string, p params) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(percentEncode(k))
		b.WriteByte('=')
		b.WriteString(percentEncode(p[k]))
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(b.String())
}

// sign returns the base64 HMAC-SHA1 of the string to sign, keyed with secret + "&".
func sign(toSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(toSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Sign computes the Signature of a parameter set for method (GET or POST) and secret, exactly as
// the SDK does. Exported for tests and tools that build requests by hand.
func Sign(method string, values url.Values, secret string) string {
	p := make(params, len(values))
	for k, vs := range values {
		if len(vs) > 0 {
			p[k] = vs[0]
		}
	}
	return sign(stringToSign(method, p), secret)
}

// nonceCache remembers the nonces of the last clockSkew, per access key.
type nonceCache struct {
	mu    sync.Mutex
	seen  map[string]time.Time // key -> expiry
	queue []nonceEntry         // insertion order, for expiry
}

type nonceEntry struct {
	key     string
	expires time.Time
}

func newNonceCache() *nonceCache {
	return &nonceCache{seen: map[string]time.Time{}}
}

// use records a nonce; it reports false if the nonce was already used and has not expired.
func (c *nonceCache) use(accessKeyID, nonce string, now time.Time) bool {
	key := accessKeyID + "\x00" + nonce
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	if exp, ok := c.seen[key]; ok && now.Before(exp) {
		return false
	}
	exp := now.Add(clockSkew)
	c.seen[key] = exp
	c.queue = append(c.queue, nonceEntry{key: key, expires: exp})
	return true
}

// expire drops the nonces at the head of the queue that have expired, and the oldest ones past
// maxNonces. A key re-used after its expiry has a newer entry further back; only the entry that
// matches the map's expiry removes it.
func (c *nonceCache) expire(now time.Time) {
	for len(c.queue) > 0 {
		head := c.queue[0]
		if now.Before(head.expires) && len(c.queue) < maxNonces {
			break
		}
		if exp, ok := c.seen[head.key]; ok && exp.Equal(head.expires) {
			delete(c.seen, head.key)
		}
		c.queue[0] = nonceEntry{}
		c.queue = c.queue[1:]
	}
}

func (c *nonceCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}

// hmacEqual compares two secrets in constant time.
func hmacEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
