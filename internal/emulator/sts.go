package emulator

import (
	"crypto/rand"
	"math/big"
	"regexp"
	"strings"
	"time"
)

// AssumeRole limits, as STS documents them.
const (
	minSessionSeconds     = 900
	maxSessionSeconds     = 43200
	defaultSessionSeconds = 3600
)

var (
	roleArnPattern     = regexp.MustCompile(`^(?i)acs:ram::(\d+):role/([A-Za-z0-9._@-]{1,64})$`)
	sessionNamePattern = regexp.MustCompile(`^[A-Za-z0-9._@-]{2,64}$`)
)

type assumeRoleResponse struct {
	RequestID       string `json:"RequestId"`
	AssumedRoleUser struct {
		Arn           string `json:"Arn"`
		AssumedRoleID string `json:"AssumedRoleId"`
	} `json:"AssumedRoleUser"`
	Credentials struct {
		AccessKeyID     string `json:"AccessKeyId"`
		AccessKeySecret string `json:"AccessKeySecret"`
		SecurityToken   string `json:"SecurityToken"`
		Expiration      string `json:"Expiration"`
	} `json:"Credentials"`
}

// assumeRole implements STS AssumeRole (2015-04-01): any well-formed role ARN is assumable; the
// temporary key ("STS." + random) is accepted, with its SecurityToken, until it expires.
func (s *Server) assumeRole(c *call) (any, *apiError) {
	p := c.p
	roleArn, aerr := p.required("RoleArn")
	if aerr != nil {
		return nil, aerr
	}
	m := roleArnPattern.FindStringSubmatch(roleArn)
	if m == nil {
		return nil, errInvalid("RoleArn", "expected acs:ram::<account id>:role/<role name>")
	}
	sessionName, aerr := p.required("RoleSessionName")
	if aerr != nil {
		return nil, aerr
	}
	if !sessionNamePattern.MatchString(sessionName) {
		return nil, errInvalid("RoleSessionName", "expected 2 to 64 letters, digits or . @ - _")
	}
	duration, _, aerr := p.optIntRange("DurationSeconds", minSessionSeconds, maxSessionSeconds)
	if aerr != nil {
		return nil, aerr
	}
	if duration == 0 { // absent or empty (0 is out of range)
		duration = defaultSessionSeconds
	}
	if _, _, aerr := p.optJSON("Policy"); aerr != nil {
		return nil, aerr
	}
	if ext := p.get("ExternalId"); len(ext) > 1224 {
		return nil, errInvalid("ExternalId", "longer than 1224 characters")
	}

	// Whole seconds, since Expiration is shown to the second: the key must not outlive what the
	// client was told.
	expires := c.now.UTC().Add(time.Duration(duration) * time.Second).Truncate(time.Second)
	sess := &stsSession{
		AccessKeyID:     "STS." + randomAlnum(28),
		AccessKeySecret: randomAlnum(44),
		SecurityToken:   "CAIS" + randomAlnum(120),
		Expiration:      expires,
		RoleArn:         roleArn,
		SessionName:     sessionName,
	}
	aerr = s.update(func(st *state) *apiError {
		for id, old := range st.Sessions {
			if !c.now.Before(old.Expiration) {
				dropRecord(st, recSession, st.Sessions, id)
			}
		}
		putRecord(st, recSession, st.Sessions, sess.AccessKeyID, sess)
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	var resp assumeRoleResponse
	resp.RequestID = c.requestID
	resp.AssumedRoleUser.Arn = "acs:ram::" + m[1] + ":assumed-role/" + strings.ToLower(m[2]) + "/" + sessionName
	resp.AssumedRoleUser.AssumedRoleID = randomDigits(18) + ":" + sessionName
	resp.Credentials.AccessKeyID = sess.AccessKeyID
	resp.Credentials.AccessKeySecret = sess.AccessKeySecret
	resp.Credentials.SecurityToken = sess.SecurityToken
	resp.Credentials.Expiration = expires.Format(timestampLayout)
	return resp, nil
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomAlnum(n int) string { return randomFrom(alnum, n) }

func randomDigits(n int) string { return randomFrom("0123456789", n) }

func randomFrom(alphabet string, n int) string {
	b := make([]byte, n)
	limit := big.NewInt(int64(len(alphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, limit)
		if err != nil {
			panic("crypto/rand failed: " + err.Error()) // cannot happen on supported platforms
		}
		b[i] = alphabet[k.Int64()]
	}
	return string(b)
}
