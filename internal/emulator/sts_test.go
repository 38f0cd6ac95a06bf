package emulator_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// stsResponse mirrors what the RAM-role credential providers of the SDK and of credentials-go
// decode (pointers: they check each field for presence).
type stsResponse struct {
	RequestID       *string `json:"RequestId"`
	AssumedRoleUser *struct {
		Arn           *string `json:"Arn"`
		AssumedRoleID *string `json:"AssumedRoleId"`
	} `json:"AssumedRoleUser"`
	Credentials *struct {
		AccessKeyID     *string `json:"AccessKeyId"`
		AccessKeySecret *string `json:"AccessKeySecret"`
		SecurityToken   *string `json:"SecurityToken"`
		Expiration      *string `json:"Expiration"`
	} `json:"Credentials"`
}

func (f *fixture) assumeRole(t *testing.T, client *emr.Client, params map[string]string) (stsResponse, error) {
	t.Helper()
	resp, err := f.common(client, "2015-04-01", "AssumeRole", params)
	if err != nil {
		return stsResponse{}, err
	}
	var out stsResponse
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &out); err != nil {
		t.Fatalf("AssumeRole body: %v: %s", err, resp.GetHttpContentString())
	}
	if out.RequestID == nil || out.AssumedRoleUser == nil || out.AssumedRoleUser.Arn == nil ||
		out.AssumedRoleUser.AssumedRoleID == nil || out.Credentials == nil || out.Credentials.AccessKeyID == nil ||
		out.Credentials.AccessKeySecret == nil || out.Credentials.SecurityToken == nil || out.Credentials.Expiration == nil {
		t.Fatalf("AssumeRole body lacks fields: %s", resp.GetHttpContentString())
	}
	return out, nil
}

func TestAssumeRole(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("p")
	role := map[string]string{
		"RoleArn": "acs:ram::1234567890123456:role/Deployer", "RoleSessionName": "terraform",
		"DurationSeconds": "900", "Policy": `{"Version":"1","Statement":[]}`, "ExternalId": "abc",
	}
	out, err := f.assumeRole(t, f.client, role)
	mustOK(t, "AssumeRole", err)
	creds := out.Credentials
	if !strings.HasPrefix(*creds.AccessKeyID, "STS.") || *creds.AccessKeySecret == "" || *creds.SecurityToken == "" {
		t.Fatalf("bad credentials: %+v", creds)
	}
	if *out.AssumedRoleUser.Arn != "acs:ram::1234567890123456:assumed-role/deployer/terraform" ||
		!strings.HasSuffix(*out.AssumedRoleUser.AssumedRoleID, ":terraform") {
		t.Errorf("assumed role user: %s %s", *out.AssumedRoleUser.Arn, *out.AssumedRoleUser.AssumedRoleID)
	}
	exp, err := time.Parse("2006-01-02T15:04:05Z", *creds.Expiration)
	if err != nil {
		t.Fatalf("Expiration %q: %v", *creds.Expiration, err)
	}
	if want := f.clock.Now().Add(900 * time.Second); !exp.Equal(want) {
		t.Errorf("Expiration %s, want %s", exp, want)
	}

	// The SDK's STS-token client works with the issued key and token.
	stsClient, err := emr.NewClientWithStsToken(testRegion, *creds.AccessKeyID, *creds.AccessKeySecret, *creds.SecurityToken)
	mustOK(t, "NewClientWithStsToken", err)
	stsClient.Domain = f.host()
	// A fresh request per call: the SDK leaves the SecurityToken of a signing in the request's
	// parameters, so a reused request would carry it to the next client.
	describe := func() *emr.DescribeFlowProjectRequest {
		r := emr.CreateDescribeFlowProjectRequest()
		r.ProjectId = p
		return r
	}
	_, err = stsClient.DescribeFlowProject(describe())
	mustOK(t, "DescribeFlowProject with STS credentials", err)

	// Chaining: the temporary key can itself assume a role.
	_, err = f.assumeRole(t, stsClient, map[string]string{"RoleArn": "acs:ram::1:role/other", "RoleSessionName": "chain"})
	mustOK(t, "AssumeRole with STS credentials", err)

	// The key without its token, or with another token.
	noToken := f.newClient(*creds.AccessKeyID, *creds.AccessKeySecret)
	_, err = noToken.DescribeFlowProject(describe())
	gatewayErr(t, err, http.StatusBadRequest, "MissingParameter")
	wrongToken, err := emr.NewClientWithStsToken(testRegion, *creds.AccessKeyID, *creds.AccessKeySecret, "CAISforged")
	mustOK(t, "NewClientWithStsToken", err)
	wrongToken.Domain = f.host()
	_, err = wrongToken.DescribeFlowProject(describe())
	gatewayErr(t, err, http.StatusBadRequest, "InvalidSecurityToken.Expired")

	// After its expiry (requests hand-built at the moved clock) the token is refused.
	rr := rawRequest{action: "DescribeFlowProject", params: map[string]string{"ProjectId": p},
		keyID: *creds.AccessKeyID, secret: *creds.AccessKeySecret, token: *creds.SecurityToken}
	if resp := f.raw(rr); resp.status != 200 {
		t.Fatalf("before expiry: %d %s", resp.status, resp.body)
	}
	f.clock.Advance(901 * time.Second)
	resp := f.raw(rr)
	if resp.status != 400 {
		t.Fatalf("after expiry: %d %s", resp.status, resp.body)
	}
	assertGatewayBody(t, resp, "InvalidSecurityToken.Expired")
}

// TestAssumeRoleAsCredentialProviders sends AssumeRole the way the SDK's and credentials-go's
// RAM-role providers do: common parameters and signature in the query, the role parameters in
// the form body.
func TestAssumeRoleAsCredentialProviders(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	resp := f.raw(rawRequest{
		action: "AssumeRole", version: "2015-04-01",
		form: map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "aliyun-go-sdk-1700000000000000", "DurationSeconds": "3600"},
	})
	if resp.status != 200 {
		t.Fatalf("AssumeRole: %d %s", resp.status, resp.body)
	}
	var out stsResponse
	if err := json.Unmarshal(resp.body, &out); err != nil || out.Credentials == nil || out.Credentials.Expiration == nil {
		t.Fatalf("body %s: %v", resp.body, err)
	}
	if _, err := time.Parse("2006-01-02T15:04:05Z", *out.Credentials.Expiration); err != nil {
		t.Errorf("Expiration: %v", err)
	}
}

func TestAssumeRoleValidation(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	for _, tc := range []struct {
		name   string
		params map[string]string
		code   string
	}{
		{"missing arn", map[string]string{"RoleSessionName": "s"}, "MissingParameter"},
		{"missing session", map[string]string{"RoleArn": "acs:ram::1:role/r"}, "MissingParameter"},
		{"bad arn", map[string]string{"RoleArn": "arn:aws:iam::1:role/r", "RoleSessionName": "ss"}, "InvalidParameter"},
		{"bad session name", map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "a b"}, "InvalidParameter"},
		{"duration too short", map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "ss", "DurationSeconds": "899"}, "InvalidParameter"},
		{"duration too long", map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "ss", "DurationSeconds": "43201"}, "InvalidParameter"},
		{"duration not a number", map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "ss", "DurationSeconds": "1h"}, "InvalidParameter"},
		{"policy not JSON", map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "ss", "Policy": "{"}, "InvalidParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.common(f.client, "2015-04-01", "AssumeRole", tc.params)
			gatewayErr(t, err, http.StatusBadRequest, tc.code)
		})
	}
	_, err := f.assumeRole(t, f.client, map[string]string{"RoleArn": "acs:ram::1:role/r", "RoleSessionName": "ss", "DurationSeconds": "43200"})
	mustOK(t, "AssumeRole at the maximum duration", err)
}
