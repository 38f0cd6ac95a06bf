package provider

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func nullModel() providerModel {
	return providerModel{
		Region:                types.StringNull(),
		AccessKey:             types.StringNull(),
		SecretKey:             types.StringNull(),
		SecurityToken:         types.StringNull(),
		Profile:               types.StringNull(),
		SharedCredentialsFile: types.StringNull(),
		AssumeRole:            types.ListNull(types.ObjectType{AttrTypes: assumeRoleAttrTypes()}),
		Endpoint:              types.StringNull(),
		MaxRetries:            types.Int64Null(),
	}
}

func assumeRoleAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"role_arn": types.StringType, "session_name": types.StringType, "session_expiration": types.Int64Type,
		"policy": types.StringType, "external_id": types.StringType,
	}
}

func testProvider(env map[string]string, home string) *emrflowProvider {
	return &emrflowProvider{
		version: "test",
		getenv:  func(k string) string { return env[k] },
		homeDir: func() (string, error) {
			if home == "" {
				return "", errors.New("no home")
			}
			return home, nil
		},
	}
}

func TestClientConfig(t *testing.T) {
	home := t.TempDir()
	cfgFile := filepath.Join(home, ".aliyun", "config.json")
	if err := os.MkdirAll(filepath.Dir(cfgFile), 0o700); err != nil {
		t.Fatal(err)
	}
	profileJSON := `{"current":"dev","profiles":[
	  {"name":"dev","mode":"AK","access_key_id":"file-ak","access_key_secret":"file-secret","region_id":"cn-shanghai"},
	  {"name":"role","mode":"RamRoleArn","access_key_id":"role-ak","access_key_secret":"role-secret","ram_role_arn":"acs:ram::1:role/r","ram_session_name":"s","expired_seconds":1200}]}`
	if err := os.WriteFile(cfgFile, []byte(profileJSON), 0o600); err != nil {
		t.Fatal(err)
	}

	cases := map[string]struct {
		model   func(m *providerModel)
		env     map[string]string
		home    string
		want    func(t *testing.T, c emrapi.Config)
		wantErr string
	}{
		"attributes beat the environment": {
			model: func(m *providerModel) {
				m.AccessKey = types.StringValue("attr-ak")
				m.SecretKey = types.StringValue("attr-secret")
			},
			env: map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "env-ak", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret"},
			want: func(t *testing.T, c emrapi.Config) {
				if c.AccessKeyID != "attr-ak" || c.AccessKeySecret != "attr-secret" {
					t.Errorf("keys = %q/%q, want the attributes'", c.AccessKeyID, c.AccessKeySecret)
				}
				if c.MaxRetries != defaultMaxRetries || c.RegionID != "cn-hangzhou" || c.Endpoint != "" {
					t.Errorf("defaults: retries %d region %q endpoint %q", c.MaxRetries, c.RegionID, c.Endpoint)
				}
			},
		},
		"environment with endpoint and region": {
			env: map[string]string{
				"ALICLOUD_ACCESS_KEY": "env-ak", "ALICLOUD_SECRET_KEY": "env-secret",
				"ALIBABA_CLOUD_REGION_ID": "ap-southeast-1", EndpointEnvVar: "http://127.0.0.1:18080",
			},
			want: func(t *testing.T, c emrapi.Config) {
				if c.AccessKeyID != "env-ak" || c.RegionID != "ap-southeast-1" || c.Endpoint != "http://127.0.0.1:18080" {
					t.Errorf("got %+v", c)
				}
				if c.EndpointSource != emrapi.EndpointFromEnv || !strings.Contains(c.CredentialSource, "ALICLOUD_ACCESS_KEY") {
					t.Errorf("sources: endpoint %q, credentials %q", c.EndpointSource, c.CredentialSource)
				}
			},
		},
		"endpoint attribute beats the environment": {
			model: func(m *providerModel) { m.Endpoint = types.StringValue("https://emr.example.com") },
			env: map[string]string{"ALICLOUD_ACCESS_KEY": "ak", "ALICLOUD_SECRET_KEY": "sk",
				EndpointEnvVar: "http://127.0.0.1:1"},
			want: func(t *testing.T, c emrapi.Config) {
				if c.Endpoint != "https://emr.example.com" || c.EndpointSource != emrapi.EndpointFromAttribute {
					t.Errorf("endpoint = %q from %q", c.Endpoint, c.EndpointSource)
				}
			},
		},
		"malformed endpoint in the environment": {
			env:     map[string]string{"ALICLOUD_ACCESS_KEY": "ak", "ALICLOUD_SECRET_KEY": "sk", EndpointEnvVar: "ftp//nowhere"},
			wantErr: EndpointEnvVar,
		},
		"profile file with region": {
			home: home,
			want: func(t *testing.T, c emrapi.Config) {
				if c.AccessKeyID != "file-ak" || c.RegionID != "cn-shanghai" || c.AssumeRole != nil {
					t.Errorf("got %+v", c)
				}
			},
		},
		"profile of mode RamRoleArn assumes the role": {
			home:  home,
			model: func(m *providerModel) { m.Profile = types.StringValue("role") },
			want: func(t *testing.T, c emrapi.Config) {
				if c.AssumeRole == nil || c.AssumeRole.RoleARN != "acs:ram::1:role/r" || c.AssumeRole.SessionExpiration != 1200 {
					t.Errorf("assume role = %+v", c.AssumeRole)
				}
			},
		},
		"assume_role block wins and gets defaults": {
			home: home,
			model: func(m *providerModel) {
				m.Profile = types.StringValue("role")
				m.AssumeRole = types.ListValueMust(types.ObjectType{AttrTypes: assumeRoleAttrTypes()}, []attr.Value{
					types.ObjectValueMust(assumeRoleAttrTypes(), map[string]attr.Value{
						"role_arn": types.StringValue("acs:ram::2:role/block"), "session_name": types.StringNull(),
						"session_expiration": types.Int64Null(), "policy": types.StringNull(), "external_id": types.StringValue("ext"),
					}),
				})
			},
			want: func(t *testing.T, c emrapi.Config) {
				ar := c.AssumeRole
				if ar == nil || ar.RoleARN != "acs:ram::2:role/block" || ar.SessionName != "terraform" ||
					ar.SessionExpiration != 3600 || ar.ExternalID != "ext" {
					t.Errorf("assume role = %+v", ar)
				}
			},
		},
		"max_retries": {
			model: func(m *providerModel) { m.MaxRetries = types.Int64Value(0) },
			env:   map[string]string{"ALICLOUD_ACCESS_KEY": "ak", "ALICLOUD_SECRET_KEY": "sk"},
			want: func(t *testing.T, c emrapi.Config) {
				if c.MaxRetries != 0 {
					t.Errorf("max retries = %d, want 0", c.MaxRetries)
				}
			},
		},
		"region typo in the environment": {
			env: map[string]string{"ALICLOUD_ACCESS_KEY": "ak", "ALICLOUD_SECRET_KEY": "sk",
				"ALIBABA_CLOUD_REGION_ID": "cn-hangzou"},
			wantErr: `environment variable ALIBABA_CLOUD_REGION_ID is not valid: region "cn-hangzou" is not a region of EMR; did you mean "cn-hangzhou"?` + "\n", // no period after the question
		},
		"no credentials at all": {
			wantErr: "ALIBABA_CLOUD_ACCESS_KEY_ID",
		},
		"unknown value": {
			model:   func(m *providerModel) { m.Endpoint = types.StringUnknown() },
			wantErr: "unknown",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := nullModel()
			if tc.model != nil {
				tc.model(&m)
			}
			got, diags := testProvider(tc.env, tc.home).clientConfig(context.Background(), m)
			if tc.wantErr != "" {
				if !diags.HasError() {
					t.Fatalf("want an error mentioning %q, got none", tc.wantErr)
				}
				var all strings.Builder
				for _, d := range diags.Errors() {
					all.WriteString(d.Summary() + " " + d.Detail() + "\n")
				}
				if !strings.Contains(all.String(), tc.wantErr) {
					t.Errorf("errors %q do not mention %q", all.String(), tc.wantErr)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			tc.want(t, got)
		})
	}
}

func TestCredentialsDiagnosticPointsAtAttribute(t *testing.T) {
	m := nullModel()
	m.SharedCredentialsFile = types.StringValue(filepath.Join(t.TempDir(), "missing.json"))
	_, diags := testProvider(nil, "").clientConfig(context.Background(), m)
	if !diags.HasError() {
		t.Fatal("want an error for a missing credentials file")
	}
	d := diags.Errors()[0]
	withPath, ok := d.(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root("shared_credentials_file")) {
		t.Errorf("diagnostic %q is not attached to shared_credentials_file", d.Summary())
	}
}
