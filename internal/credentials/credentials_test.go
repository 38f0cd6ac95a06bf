package credentials_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/credentials"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// Secret values used in the inputs. Every one is distinctive so that TestResolve_errors and
// TestResolve_noSecretsInErrors can check that none leaks into a message. Access key IDs are
// treated as secrets too: the package never prints them.
const (
	attrID, attrSecret, attrToken       = "LTAIattrID0001", "attrSecretValue0001", "attrTokenValue0001"
	envID, envSecret, envToken          = "LTAIenvID0002", "envSecretValue0002", "envTokenValue0002"
	oldEnvID, oldEnvSecret, oldEnvToken = "LTAIoldEnvID0003", "oldEnvSecretValue0003", "oldEnvTokenValue0003"
	fileID, fileSecret, fileToken       = "LTAIfileID0004", "fileSecretValue0004", "fileTokenValue0004"
	devID, devSecret                    = "LTAIdevID0005", "devSecretValue0005"
)

var allSecrets = []string{
	attrID, attrSecret, attrToken, envID, envSecret, envToken, oldEnvID, oldEnvSecret, oldEnvToken,
	fileID, fileSecret, fileToken, devID, devSecret,
}

func envOf(m map[string]string) credentials.Env {
	return func(k string) string { return m[k] }
}

// writeFile writes content to home/rel, creating directories, and returns the full path.
func writeFile(t *testing.T, home, rel, content string) string {
	t.Helper()
	p := filepath.Join(home, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A config with several profiles of the supported modes; "current" is "dev".
const multiConfig = `{
  "current": "dev",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "` + fileID + `", "access_key_secret": "` + fileSecret + `", "sts_token": "` + fileToken + `", "region_id": "cn-beijing"},
    {"name": "dev", "mode": "AK", "access_key_id": "` + devID + `", "access_key_secret": "` + devSecret + `", "region_id": "cn-shenzhen"},
    {"name": "sts", "mode": "StsToken", "access_key_id": "` + fileID + `", "access_key_secret": "` + fileSecret + `", "sts_token": "` + fileToken + `", "region_id": "ap-southeast-1"},
    {"name": "role", "mode": "RamRoleArn", "access_key_id": "` + fileID + `", "access_key_secret": "` + fileSecret + `", "sts_token": "` + fileToken + `", "ram_role_arn": "acs:ram::123:role/deploy", "ram_session_name": "tf", "expired_seconds": 1800, "policy": "{\"Version\":\"1\"}", "external_id": "ext-1"},
    {"name": "legacy", "access_key_id": "` + fileID + `", "access_key_secret": "` + fileSecret + `"},
    {"name": "lower", "mode": "ststoken", "access_key_id": "` + fileID + `", "access_key_secret": "` + fileSecret + `", "sts_token": "` + fileToken + `"}
  ]
}`

// A config without "current", so "default" is the fallback.
const defaultOnlyConfig = `{"profiles": [
  {"name": "other", "mode": "AK", "access_key_id": "` + devID + `", "access_key_secret": "` + devSecret + `"},
  {"name": "default", "mode": "AK", "access_key_id": "` + fileID + `", "access_key_secret": "` + fileSecret + `", "region_id": "cn-beijing"}
]}`

const defaultRel = ".aliyun/config.json"

func TestDefaultSharedCredentialsFile(t *testing.T) {
	got := credentials.DefaultSharedCredentialsFile("/home/u")
	if want := filepath.Join("/home/u", ".aliyun", "config.json"); got != want {
		t.Errorf("DefaultSharedCredentialsFile = %q, want %q", got, want)
	}
}

// TestResolve_keys covers the order of the key sources and the result's Source, token and role
// fields.
func TestResolve_keys(t *testing.T) {
	type want struct {
		id, secret, token, source string
		roleARN, roleSession      string
		roleExpiration            int
		rolePolicy, roleExternal  string
	}
	fullEnv := map[string]string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID": envID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": envSecret, "ALIBABA_CLOUD_SECURITY_TOKEN": envToken,
		"ALICLOUD_ACCESS_KEY": oldEnvID, "ALICLOUD_SECRET_KEY": oldEnvSecret, "ALICLOUD_SECURITY_TOKEN": oldEnvToken,
	}
	cases := []struct {
		name   string
		in     credentials.Input
		env    map[string]string
		config string // written to the default file when not ""
		want   want
	}{
		{
			name:   "attributes beat environment and file",
			in:     credentials.Input{AccessKey: attrID, SecretKey: attrSecret, SecurityToken: attrToken},
			env:    fullEnv,
			config: multiConfig,
			want:   want{id: attrID, secret: attrSecret, token: attrToken, source: "provider attributes"},
		},
		{
			name: "attribute keys do not take the token from the environment",
			in:   credentials.Input{AccessKey: attrID, SecretKey: attrSecret},
			env:  fullEnv,
			want: want{id: attrID, secret: attrSecret, source: "provider attributes"},
		},
		{
			name:   "environment beats file, ALIBABA_CLOUD_* beat ALICLOUD_*",
			env:    fullEnv,
			config: multiConfig,
			want: want{id: envID, secret: envSecret, token: envToken,
				source: "environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN)"},
		},
		{
			name: "ALICLOUD_* alone",
			env:  map[string]string{"ALICLOUD_ACCESS_KEY": oldEnvID, "ALICLOUD_SECRET_KEY": oldEnvSecret, "ALICLOUD_SECURITY_TOKEN": oldEnvToken},
			want: want{id: oldEnvID, secret: oldEnvSecret, token: oldEnvToken,
				source: "environment (ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_SECURITY_TOKEN)"},
		},
		{
			name: "first non-empty of each pair, families mixed",
			env:  map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": envID, "ALICLOUD_SECRET_KEY": oldEnvSecret, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ""},
			want: want{id: envID, secret: oldEnvSecret, source: "environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALICLOUD_SECRET_KEY)"},
		},
		{
			name:   "environment token without keys is ignored, file used",
			env:    map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": envToken},
			config: defaultOnlyConfig,
			want:   want{id: fileID, secret: fileSecret, source: `profile "default" in HOME/.aliyun/config.json`},
		},
		{
			name:   "file: AK mode ignores sts_token",
			in:     credentials.Input{Profile: "default"},
			config: multiConfig,
			want:   want{id: fileID, secret: fileSecret, source: `profile "default" in HOME/.aliyun/config.json`},
		},
		{
			name:   "file: StsToken mode",
			in:     credentials.Input{Profile: "sts"},
			config: multiConfig,
			want:   want{id: fileID, secret: fileSecret, token: fileToken, source: `profile "sts" in HOME/.aliyun/config.json`},
		},
		{
			name:   "file: RamRoleArn mode gives base keys and the role",
			in:     credentials.Input{Profile: "role"},
			config: multiConfig,
			want: want{id: fileID, secret: fileSecret, source: `profile "role" in HOME/.aliyun/config.json`,
				roleARN: "acs:ram::123:role/deploy", roleSession: "tf", roleExpiration: 1800,
				rolePolicy: `{"Version":"1"}`, roleExternal: "ext-1"},
		},
		{
			name:   "file: no mode is AK (old CLI configs)",
			in:     credentials.Input{Profile: "legacy"},
			config: multiConfig,
			want:   want{id: fileID, secret: fileSecret, source: `profile "legacy" in HOME/.aliyun/config.json`},
		},
		{
			name:   "file: mode is matched case-insensitively",
			in:     credentials.Input{Profile: "lower"},
			config: multiConfig,
			want:   want{id: fileID, secret: fileSecret, token: fileToken, source: `profile "lower" in HOME/.aliyun/config.json`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			if tc.config != "" {
				writeFile(t, home, defaultRel, tc.config)
			}
			res, err := resolve(tc.in, envOf(tc.env), home)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			got := want{
				id: res.AccessKeyID, secret: res.AccessKeySecret, token: res.SecurityToken,
				source:  strings.ReplaceAll(res.Source, home, "HOME"),
				roleARN: res.ProfileRoleARN, roleSession: res.ProfileRoleSessionName, roleExpiration: res.ProfileRoleExpiration,
				rolePolicy: res.ProfileRolePolicy, roleExternal: res.ProfileRoleExternalID,
			}
			if tc.want.source != "" && !strings.Contains(tc.want.source, "HOME") {
				// Sources that are not file paths are compared as they are.
				got.source = res.Source
			}
			if got != tc.want {
				t.Errorf("Resolve =\n  %+v\nwant\n  %+v", got, tc.want)
			}
			for _, s := range allSecrets {
				for _, field := range append([]string{res.Source, res.RegionSource}, res.Warnings...) {
					if strings.Contains(field, s) {
						t.Errorf("secret %q appears in %q", s, field)
					}
				}
			}
		})
	}
}

// TestResolve_fileAndProfileSelection covers which file and which profile are read.
func TestResolve_fileAndProfileSelection(t *testing.T) {
	// Each file's "default"/"current" profile has a distinct key id, so the key id tells which
	// file and profile were read.
	one := func(id string) string {
		return `{"profiles":[{"name":"default","mode":"AK","access_key_id":"` + id + `","access_key_secret":"s"},` +
			`{"name":"p1","mode":"AK","access_key_id":"` + id + `-p1","access_key_secret":"s"},` +
			`{"name":"p2","mode":"AK","access_key_id":"` + id + `-p2","access_key_secret":"s"},` +
			`{"name":"p3","mode":"AK","access_key_id":"` + id + `-p3","access_key_secret":"s"}]}`
	}
	cases := []struct {
		name   string
		in     credentials.Input
		env    map[string]string // values may use HOME for the home directory
		wantID string
	}{
		{name: "default file, default profile", wantID: "home"},
		{name: "attribute file beats env files", in: credentials.Input{SharedCredentialsFile: "HOME/a.json"},
			env: map[string]string{"ALIBABA_CLOUD_CREDENTIALS_FILE": "HOME/b.json", "ALICLOUD_SHARED_CREDENTIALS_FILE": "HOME/c.json"}, wantID: "a"},
		{name: "ALIBABA_CLOUD_CREDENTIALS_FILE beats ALICLOUD_SHARED_CREDENTIALS_FILE",
			env: map[string]string{"ALIBABA_CLOUD_CREDENTIALS_FILE": "HOME/b.json", "ALICLOUD_SHARED_CREDENTIALS_FILE": "HOME/c.json"}, wantID: "b"},
		{name: "ALICLOUD_SHARED_CREDENTIALS_FILE beats default file",
			env: map[string]string{"ALICLOUD_SHARED_CREDENTIALS_FILE": "HOME/c.json"}, wantID: "c"},
		{name: "tilde in attribute is expanded", in: credentials.Input{SharedCredentialsFile: "~/a.json"}, wantID: "a"},
		{name: "tilde in environment is expanded", env: map[string]string{"ALICLOUD_SHARED_CREDENTIALS_FILE": "~/c.json"}, wantID: "c"},
		{name: "attribute profile beats env profiles", in: credentials.Input{Profile: "p1"},
			env: map[string]string{"ALIBABA_CLOUD_PROFILE": "p2", "ALICLOUD_PROFILE": "p3"}, wantID: "home-p1"},
		{name: "ALIBABA_CLOUD_PROFILE beats ALICLOUD_PROFILE",
			env: map[string]string{"ALIBABA_CLOUD_PROFILE": "p2", "ALICLOUD_PROFILE": "p3"}, wantID: "home-p2"},
		{name: "ALICLOUD_PROFILE", env: map[string]string{"ALICLOUD_PROFILE": "p3"}, wantID: "home-p3"},
		{name: "file's current beats default", in: credentials.Input{SharedCredentialsFile: "HOME/current.json"}, wantID: "cur-p2"},
		{name: "explicit profile beats file's current", in: credentials.Input{SharedCredentialsFile: "HOME/current.json", Profile: "p1"}, wantID: "cur-p1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			writeFile(t, home, defaultRel, one("home"))
			writeFile(t, home, "a.json", one("a"))
			writeFile(t, home, "b.json", one("b"))
			writeFile(t, home, "c.json", one("c"))
			writeFile(t, home, "current.json", strings.Replace(one("cur"), `{"profiles"`, `{"current":"p2","profiles"`, 1))
			in := tc.in
			in.SharedCredentialsFile = strings.ReplaceAll(in.SharedCredentialsFile, "HOME", home)
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = strings.ReplaceAll(v, "HOME", home)
			}
			res, err := resolve(in, envOf(env), home)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if res.AccessKeyID != tc.wantID {
				t.Errorf("AccessKeyID = %q (source %s), want %q", res.AccessKeyID, res.Source, tc.wantID)
			}
		})
	}
}

// TestResolve_region covers the order of the region sources.
func TestResolve_region(t *testing.T) {
	allRegionEnv := map[string]string{
		"ALIBABA_CLOUD_REGION_ID": "cn-shanghai", "ALIBABA_CLOUD_REGION": "cn-qingdao", "ALICLOUD_REGION": "us-west-1",
	}
	withKeys := func(m map[string]string) map[string]string {
		out := map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": envID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": envSecret}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name       string
		in         credentials.Input
		env        map[string]string
		wantRegion string
		wantSource string
	}{
		{name: "attribute beats everything", in: credentials.Input{Region: "ap-southeast-1", Profile: "dev"}, env: allRegionEnv,
			wantRegion: "ap-southeast-1", wantSource: `provider attribute "region"`},
		{name: "ALIBABA_CLOUD_REGION_ID first", in: credentials.Input{Profile: "dev"}, env: allRegionEnv,
			wantRegion: "cn-shanghai", wantSource: "environment variable ALIBABA_CLOUD_REGION_ID"},
		{name: "ALIBABA_CLOUD_REGION second", in: credentials.Input{Profile: "dev"},
			env:        map[string]string{"ALIBABA_CLOUD_REGION": "cn-qingdao", "ALICLOUD_REGION": "us-west-1"},
			wantRegion: "cn-qingdao", wantSource: "environment variable ALIBABA_CLOUD_REGION"},
		{name: "ALICLOUD_REGION third", in: credentials.Input{Profile: "dev"}, env: map[string]string{"ALICLOUD_REGION": "cn-shanghai-finance-1"},
			wantRegion: "cn-shanghai-finance-1", wantSource: "environment variable ALICLOUD_REGION"},
		{name: "profile region when the profile gave the keys", in: credentials.Input{Profile: "dev"},
			wantRegion: "cn-shenzhen", wantSource: `profile "dev" in HOME/.aliyun/config.json`},
		{name: "profile region not used when keys come from the environment", in: credentials.Input{Profile: "dev"}, env: withKeys(nil),
			wantRegion: "cn-hangzhou", wantSource: "default"},
		{name: "default when the profile has no region", in: credentials.Input{Profile: "role"},
			wantRegion: "cn-hangzhou", wantSource: "default"},
		{name: "default", in: credentials.Input{AccessKey: attrID, SecretKey: attrSecret},
			wantRegion: "cn-hangzhou", wantSource: "default"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			writeFile(t, home, defaultRel, multiConfig)
			res, err := resolve(tc.in, envOf(tc.env), home)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			src := strings.ReplaceAll(res.RegionSource, home, "HOME")
			if res.Region != tc.wantRegion || src != tc.wantSource {
				t.Errorf("region = %q from %q, want %q from %q", res.Region, src, tc.wantRegion, tc.wantSource)
			}
		})
	}
}

// resolve is credentials.Resolve with the provider's region rule, as the provider calls it.
func resolve(in credentials.Input, env credentials.Env, home string) (credentials.Result, error) {
	in.CheckRegion = emrapi.CheckRegion
	return credentials.Resolve(in, env, home)
}

// TestResolveWithoutRegionRule: without a rule, any region is taken (the rule is emrapi's).
func TestResolveWithoutRegionRule(t *testing.T) {
	res, err := credentials.Resolve(credentials.Input{Region: "Hangzhou", AccessKey: attrID, SecretKey: attrSecret}, nil, "")
	if err != nil || res.Region != "Hangzhou" {
		t.Fatalf("Resolve = %q, %v; want the region taken as given", res.Region, err)
	}
}

// errorCase is one failing configuration. setup prepares files under home and returns the inputs.
type errorCase struct {
	name          string
	setup         func(t *testing.T, home string) (credentials.Input, map[string]string)
	noHome        bool // resolve with homeDir ""
	wantAttribute string
	wantEnvVar    string
	wantSummary   string   // substring of Summary
	wantDetail    []string // substrings of Detail; HOME is replaced by the home directory
	wantIs        error    // when set, errors.Is(err, wantIs) must hold
}

func errorCases() []errorCase {
	inputOnly := func(in credentials.Input, env map[string]string) func(*testing.T, string) (credentials.Input, map[string]string) {
		return func(*testing.T, string) (credentials.Input, map[string]string) { return in, env }
	}
	withConfig := func(content string, in credentials.Input, env map[string]string) func(*testing.T, string) (credentials.Input, map[string]string) {
		return func(t *testing.T, home string) (credentials.Input, map[string]string) {
			writeFile(t, home, defaultRel, content)
			return in, env
		}
	}
	oneProfile := func(body string) string { return `{"current":"x","profiles":[{"name":"x",` + body + `}]}` }
	return []errorCase{
		{
			name:          "invalid region attribute",
			setup:         inputOnly(credentials.Input{Region: "Hangzhou", AccessKey: attrID, SecretKey: attrSecret}, nil),
			wantAttribute: "region", wantSummary: "Invalid region", wantDetail: []string{`provider attribute "region"`, `"Hangzhou"`},
		},
		{
			name:       "invalid region from ALICLOUD_REGION",
			setup:      inputOnly(credentials.Input{AccessKey: attrID, SecretKey: attrSecret}, map[string]string{"ALICLOUD_REGION": "cn_hangzhou"}),
			wantEnvVar: "ALICLOUD_REGION", wantSummary: "Invalid region", wantDetail: []string{"ALICLOUD_REGION", `"cn_hangzhou"`},
		},
		{
			name:       "invalid region from ALIBABA_CLOUD_REGION_ID wins over a valid ALICLOUD_REGION",
			setup:      inputOnly(credentials.Input{AccessKey: attrID, SecretKey: attrSecret}, map[string]string{"ALIBABA_CLOUD_REGION_ID": "hangzhou", "ALICLOUD_REGION": "cn-hangzhou"}),
			wantEnvVar: "ALIBABA_CLOUD_REGION_ID", wantSummary: "Invalid region",
		},
		{
			name:          "invalid region in the profile",
			setup:         withConfig(oneProfile(`"mode":"AK","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`","region_id":"Beijing"`), credentials.Input{Profile: "x"}, nil),
			wantAttribute: "profile", wantSummary: "Invalid region in profile", wantDetail: []string{`profile "x"`, `"Beijing"`, "ALIBABA_CLOUD_REGION_ID"},
		},
		{
			name:          "access_key without secret_key",
			setup:         inputOnly(credentials.Input{AccessKey: attrID, SecurityToken: attrToken}, map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET": envSecret}),
			wantAttribute: "access_key", wantSummary: "Incomplete credentials", wantDetail: []string{`"access_key"`, `"secret_key"`},
		},
		{
			name:          "secret_key without access_key",
			setup:         inputOnly(credentials.Input{SecretKey: attrSecret}, map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": envID}),
			wantAttribute: "secret_key", wantSummary: "Incomplete credentials", wantDetail: []string{`"access_key"`, `"secret_key"`},
		},
		{
			name:          "security_token without keys",
			setup:         inputOnly(credentials.Input{SecurityToken: attrToken}, nil),
			wantAttribute: "security_token", wantSummary: "Incomplete credentials", wantDetail: []string{`"access_key"`, `"secret_key"`},
		},
		{
			name:       "ALICLOUD_ACCESS_KEY without a secret",
			setup:      inputOnly(credentials.Input{}, map[string]string{"ALICLOUD_ACCESS_KEY": oldEnvID, "ALICLOUD_SECURITY_TOKEN": oldEnvToken}),
			wantEnvVar: "ALICLOUD_ACCESS_KEY", wantSummary: "Incomplete credentials in environment",
			wantDetail: []string{"ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"},
		},
		{
			name:       "ALIBABA_CLOUD_ACCESS_KEY_SECRET without an id",
			setup:      inputOnly(credentials.Input{}, map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET": envSecret}),
			wantEnvVar: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", wantSummary: "Incomplete credentials in environment",
			wantDetail: []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"},
		},
		{
			name:          "shared_credentials_file attribute names a missing file",
			setup:         inputOnly(credentials.Input{SharedCredentialsFile: "~/nope/config.json"}, map[string]string{"ALICLOUD_SECURITY_TOKEN": oldEnvToken}),
			wantAttribute: "shared_credentials_file", wantSummary: "Shared credentials file not found",
			wantDetail: []string{"HOME/nope/config.json (set by provider attribute \"shared_credentials_file\") cannot be read: no such file"}, wantIs: fs.ErrNotExist,
		},
		{
			name:       "ALICLOUD_SHARED_CREDENTIALS_FILE names a missing file",
			setup:      inputOnly(credentials.Input{}, map[string]string{"ALICLOUD_SHARED_CREDENTIALS_FILE": "/does/not/exist.json", "ALIBABA_CLOUD_SECURITY_TOKEN": envToken}),
			wantEnvVar: "ALICLOUD_SHARED_CREDENTIALS_FILE", wantSummary: "Shared credentials file not found",
			wantDetail: []string{"/does/not/exist.json", "environment variable ALICLOUD_SHARED_CREDENTIALS_FILE"}, wantIs: fs.ErrNotExist,
		},
		{
			name: "ALIBABA_CLOUD_CREDENTIALS_FILE names an unreadable file (a directory)",
			setup: func(t *testing.T, home string) (credentials.Input, map[string]string) {
				dir := filepath.Join(home, "dir.json")
				if err := os.Mkdir(dir, 0o700); err != nil {
					t.Fatal(err)
				}
				return credentials.Input{}, map[string]string{"ALIBABA_CLOUD_CREDENTIALS_FILE": dir, "ALIBABA_CLOUD_SECURITY_TOKEN": envToken}
			},
			wantEnvVar: "ALIBABA_CLOUD_CREDENTIALS_FILE", wantSummary: "Cannot read shared credentials file",
			wantDetail: []string{"HOME/dir.json", "ALIBABA_CLOUD_CREDENTIALS_FILE"},
		},
		{
			name: "default file unreadable (a directory)",
			setup: func(t *testing.T, home string) (credentials.Input, map[string]string) {
				if err := os.MkdirAll(filepath.Join(home, defaultRel), 0o700); err != nil {
					t.Fatal(err)
				}
				return credentials.Input{}, map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": envToken}
			},
			wantSummary: "Cannot read shared credentials file", wantDetail: []string{"default shared credentials file HOME/.aliyun/config.json"},
		},
		{
			name:          "tilde without a home directory",
			setup:         inputOnly(credentials.Input{SharedCredentialsFile: "~/x.json"}, map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": envToken}),
			noHome:        true,
			wantAttribute: "shared_credentials_file", wantSummary: "Invalid shared credentials file path", wantDetail: []string{"~/x.json", "home directory"},
		},
		{
			name: "file is not JSON, with a secret next to the error",
			setup: withConfig("{\n  \"profiles\": [\n    {\"name\": \"x\", \"access_key_secret\": \""+fileSecret+"\" \"oops\"}\n  ]\n}",
				credentials.Input{}, nil),
			wantSummary: "Invalid shared credentials file", wantDetail: []string{"HOME/.aliyun/config.json", "line 3", "invalid character"},
		},
		{
			name: "explicit file with a field of the wrong type",
			setup: func(t *testing.T, home string) (credentials.Input, map[string]string) {
				p := writeFile(t, home, "c.json", oneProfile(`"mode":"RamRoleArn","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`","expired_seconds":"`+fileToken+`"`))
				return credentials.Input{SharedCredentialsFile: p}, nil
			},
			wantAttribute: "shared_credentials_file", wantSummary: "Invalid shared credentials file",
			wantDetail: []string{"line 1", "profiles.expired_seconds is a JSON string, expected a number", `provider attribute "shared_credentials_file"`},
		},
		{
			name:          "profile attribute names a missing profile",
			setup:         withConfig(multiConfig, credentials.Input{Profile: "prod"}, map[string]string{"ALIBABA_CLOUD_PROFILE": "dev"}),
			wantAttribute: "profile", wantSummary: "Profile not found",
			wantDetail: []string{`"prod"`, `"default", "dev", "sts", "role", "legacy", "lower"`, "HOME/.aliyun/config.json"},
		},
		{
			name:       "ALICLOUD_PROFILE names a missing profile",
			setup:      withConfig(multiConfig, credentials.Input{}, map[string]string{"ALICLOUD_PROFILE": "prod"}),
			wantEnvVar: "ALICLOUD_PROFILE", wantSummary: "Profile not found",
			wantDetail: []string{`"prod"`, "environment variable ALICLOUD_PROFILE", `"dev"`},
		},
		{
			name:          "profile named but the default file is missing",
			setup:         inputOnly(credentials.Input{Profile: "prod"}, map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": envToken}),
			wantAttribute: "profile", wantSummary: "Shared credentials file not found",
			wantDetail: []string{`"prod"`, "HOME/.aliyun/config.json", "shared_credentials_file"}, wantIs: fs.ErrNotExist,
		},
		{
			name:        "file's current names a missing profile",
			setup:       withConfig(`{"current":"gone","profiles":[{"name":"default","mode":"AK","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`"}]}`, credentials.Input{}, nil),
			wantSummary: "Profile not found", wantDetail: []string{`"gone"`, `"current"`, `"default"`},
		},
		{
			name:          "unsupported mode",
			setup:         withConfig(oneProfile(`"mode":"EcsRamRole","ram_role_name":"r","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`"`), credentials.Input{Profile: "x"}, nil),
			wantAttribute: "profile", wantSummary: "Unsupported profile mode", wantDetail: []string{`"EcsRamRole"`, "AK, StsToken, RamRoleArn", `profile "x"`},
		},
		{
			name: "unsupported mode, profile chosen by current in an env-named file",
			setup: func(t *testing.T, home string) (credentials.Input, map[string]string) {
				p := writeFile(t, home, "c.json", oneProfile(`"mode":"RsaKeyPair","access_key_id":"`+fileID+`"`))
				return credentials.Input{}, map[string]string{"ALICLOUD_SHARED_CREDENTIALS_FILE": p}
			},
			wantEnvVar: "ALICLOUD_SHARED_CREDENTIALS_FILE", wantSummary: "Unsupported profile mode", wantDetail: []string{`"RsaKeyPair"`, "AK, StsToken, RamRoleArn"},
		},
		{
			name:        "AK profile without a secret",
			setup:       withConfig(oneProfile(`"mode":"AK","access_key_id":"`+fileID+`"`), credentials.Input{}, nil),
			wantSummary: "Incomplete profile", wantDetail: []string{`profile "x"`, "access_key_secret"},
		},
		{
			name:        "AK profile without keys",
			setup:       withConfig(oneProfile(`"mode":"AK","sts_token":"`+fileToken+`"`), credentials.Input{}, nil),
			wantSummary: "Incomplete profile", wantDetail: []string{"access_key_id, access_key_secret"},
		},
		{
			name:        "StsToken profile without a token",
			setup:       withConfig(oneProfile(`"mode":"StsToken","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`"`), credentials.Input{}, map[string]string{"ALIBABA_CLOUD_PROFILE": "x"}),
			wantEnvVar:  "ALIBABA_CLOUD_PROFILE",
			wantSummary: "Incomplete profile", wantDetail: []string{"sts_token"},
		},
		{
			name:        "RamRoleArn profile without a role",
			setup:       withConfig(oneProfile(`"mode":"RamRoleArn","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`"`), credentials.Input{}, nil),
			wantSummary: "Incomplete profile", wantDetail: []string{"ram_role_arn"},
		},
		{
			name:        "RamRoleArn profile with expired_seconds out of range",
			setup:       withConfig(oneProfile(`"mode":"RamRoleArn","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`","ram_role_arn":"acs:ram::1:role/r","expired_seconds":60`), credentials.Input{}, nil),
			wantSummary: "Invalid profile", wantDetail: []string{"expired_seconds 60", "900", "43200"},
		},
		{
			name:        "no credentials anywhere",
			setup:       inputOnly(credentials.Input{}, map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": envToken}),
			wantSummary: "No credentials for Alibaba Cloud",
			wantDetail: []string{
				`"access_key"`, `"secret_key"`, `"security_token"`,
				"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY",
				"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
				`"shared_credentials_file"`, "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALICLOUD_SHARED_CREDENTIALS_FILE",
				`"profile"`, "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE", "aliyun configure",
				"EMRFLOW_ENDPOINT", "emulator",
				"HOME/.aliyun/config.json does not exist",
			},
		},
		{
			name:        "no credentials: the file has no default profile",
			setup:       withConfig(`{"profiles":[{"name":"a","mode":"AK","access_key_id":"`+fileID+`","access_key_secret":"`+fileSecret+`"}]}`, credentials.Input{}, nil),
			wantSummary: "No credentials for Alibaba Cloud", wantDetail: []string{`no profile "default"`, `Profiles in the file: "a"`, "EMRFLOW_ENDPOINT"},
		},
		{
			name:        "no credentials: the file has no profiles",
			setup:       withConfig(`{}`, credentials.Input{}, map[string]string{"ALICLOUD_SECURITY_TOKEN": oldEnvToken}),
			wantSummary: "No credentials for Alibaba Cloud", wantDetail: []string{"The file has no profiles"},
		},
		{
			name:        "no credentials and no home directory",
			setup:       inputOnly(credentials.Input{}, map[string]string{"ALICLOUD_SECURITY_TOKEN": oldEnvToken}),
			noHome:      true,
			wantSummary: "No credentials for Alibaba Cloud", wantDetail: []string{"home directory is unknown", "~/.aliyun/config.json"},
		},
		{
			name:          "profile named without a home directory",
			setup:         inputOnly(credentials.Input{Profile: "dev"}, map[string]string{"ALICLOUD_SECURITY_TOKEN": oldEnvToken}),
			noHome:        true,
			wantAttribute: "profile", wantSummary: "Shared credentials file not found", wantDetail: []string{`"dev"`, "home directory"},
		},
	}
}

func TestResolve_errors(t *testing.T) {
	for _, tc := range errorCases() {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			in, env := tc.setup(t, home)
			homeArg := home
			if tc.noHome {
				homeArg = ""
			}
			res, err := resolve(in, envOf(env), homeArg)
			if err == nil {
				t.Fatalf("Resolve succeeded with source %q, want an error", res.Source)
			}
			if !reflect.DeepEqual(res, credentials.Result{}) {
				t.Errorf("Resolve returned a non-zero Result with an error: source %q", res.Source)
			}
			var ce *credentials.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *credentials.Error: %v", err, err)
			}
			if ce.Attribute != tc.wantAttribute || ce.EnvVar != tc.wantEnvVar {
				t.Errorf("Attribute, EnvVar = %q, %q; want %q, %q", ce.Attribute, ce.EnvVar, tc.wantAttribute, tc.wantEnvVar)
			}
			if !strings.Contains(ce.Summary, tc.wantSummary) {
				t.Errorf("Summary = %q, want it to contain %q", ce.Summary, tc.wantSummary)
			}
			for _, w := range tc.wantDetail {
				if w = strings.ReplaceAll(w, "HOME", home); !strings.Contains(ce.Detail, w) {
					t.Errorf("Detail does not contain %q:\n%s", w, ce.Detail)
				}
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("errors.Is(err, %v) = false", tc.wantIs)
			}
			if got, want := err.Error(), ce.Summary+": "+ce.Detail; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
		})
	}
}

// TestResolve_noSecretsInErrors runs every error case and checks that no secret used in the
// inputs, the environment or the files appears in the error text.
func TestResolve_noSecretsInErrors(t *testing.T) {
	for _, tc := range errorCases() {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			in, env := tc.setup(t, home)
			homeArg := home
			if tc.noHome {
				homeArg = ""
			}
			_, err := resolve(in, envOf(env), homeArg)
			if err == nil {
				t.Fatal("Resolve succeeded, want an error")
			}
			used := collectSecrets(t, home, in, env)
			if len(used) == 0 {
				t.Fatal("case uses no secret; the check would be empty")
			}
			for _, s := range used {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error contains the secret %q: %v", s, err)
				}
			}
		})
	}
}

// collectSecrets returns the known secrets present in the inputs, the environment or any file
// under home, so the leak check only asserts about values the case actually used.
func collectSecrets(t *testing.T, home string, in credentials.Input, env map[string]string) []string {
	t.Helper()
	var hay strings.Builder
	hay.WriteString(in.AccessKey + " " + in.SecretKey + " " + in.SecurityToken + " ")
	for _, v := range env {
		hay.WriteString(v + " ")
	}
	err := filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		hay.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var used []string
	for _, s := range allSecrets {
		if strings.Contains(hay.String(), s) {
			used = append(used, s)
		}
	}
	return used
}

func TestResolve_warnings(t *testing.T) {
	cases := []struct {
		name string
		in   credentials.Input
		env  map[string]string
		want []string // substrings, one per warning, in order
	}{
		{name: "none", in: credentials.Input{AccessKey: attrID, SecretKey: attrSecret}},
		{name: "profile and file attributes ignored under attribute keys",
			in:   credentials.Input{AccessKey: attrID, SecretKey: attrSecret, Profile: "dev", SharedCredentialsFile: "/x.json"},
			want: []string{`"profile" is ignored`, `"shared_credentials_file" is ignored`}},
		{name: "profile attribute ignored under environment keys",
			in:   credentials.Input{Profile: "dev"},
			env:  map[string]string{"ALICLOUD_ACCESS_KEY": oldEnvID, "ALICLOUD_SECRET_KEY": oldEnvSecret},
			want: []string{`"profile" is ignored: the credentials come from environment (ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY)`}},
		{name: "profile env var is not warned about",
			in:  credentials.Input{AccessKey: attrID, SecretKey: attrSecret},
			env: map[string]string{"ALIBABA_CLOUD_PROFILE": "dev"}},
		{name: "stray environment token",
			in:   credentials.Input{Profile: "dev"},
			env:  map[string]string{"ALICLOUD_SECURITY_TOKEN": oldEnvToken},
			want: []string{"ALICLOUD_SECURITY_TOKEN is set but no access key"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			writeFile(t, home, defaultRel, multiConfig)
			res, err := resolve(tc.in, envOf(tc.env), home)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if len(res.Warnings) != len(tc.want) {
				t.Fatalf("Warnings = %q, want %d", res.Warnings, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(res.Warnings[i], w) {
					t.Errorf("Warnings[%d] = %q, want it to contain %q", i, res.Warnings[i], w)
				}
			}
		})
	}
}

func TestResolve_nilEnv(t *testing.T) {
	res, err := credentials.Resolve(credentials.Input{AccessKey: attrID, SecretKey: attrSecret}, nil, "")
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if res.Region != credentials.DefaultRegion || res.AccessKeyID != attrID {
		t.Errorf("Resolve = region %q, id %q", res.Region, res.AccessKeyID)
	}
}

func TestError_Error(t *testing.T) {
	inner := errors.New("inner")
	cases := []struct {
		err  *credentials.Error
		want string
	}{
		{&credentials.Error{Summary: "S"}, "S"},
		{&credentials.Error{Summary: "S", Detail: "D", Err: inner}, "S: D"},
	}
	for _, tc := range cases {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	if !errors.Is(cases[1].err, inner) {
		t.Error("Unwrap does not return Err")
	}
}
