package emrapi

import (
	"strings"
	"sync"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in         string
		wantScheme string
		wantHost   string
		wantErr    string
	}{
		{in: "http://127.0.0.1:18080", wantScheme: "http", wantHost: "127.0.0.1:18080"},
		{in: "https://emr.cn-hangzhou.aliyuncs.com", wantScheme: "https", wantHost: "emr.cn-hangzhou.aliyuncs.com"},
		{in: "HTTPS://emr.example.com/", wantScheme: "https", wantHost: "emr.example.com"},
		{in: "http://[::1]:8080", wantScheme: "http", wantHost: "[::1]:8080"},
		{in: "", wantErr: "empty"},
		{in: "127.0.0.1:18080", wantErr: "no scheme"},
		{in: "localhost:18080", wantErr: "no scheme"},
		{in: "ftp://host", wantErr: "scheme must be http or https"},
		{in: "http://", wantErr: "no host"},
		{in: "http://host/path", wantErr: "without a path"},
		{in: "http://host?x=1", wantErr: "without a path"},
		{in: "http://user:pw@host", wantErr: "credentials"},
		{in: "http://host:99999", wantErr: "invalid port"},
		{in: "http://host:abc", wantErr: "not a valid URL"},
		{in: "http://host:", wantErr: "empty port"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			scheme, host, err := ParseEndpoint(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got err %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if scheme != tt.wantScheme || host != tt.wantHost {
				t.Errorf("got %q %q, want %q %q", scheme, host, tt.wantScheme, tt.wantHost)
			}
		})
	}
}

func TestNewValidation(t *testing.T) {
	valid := func() Config {
		return Config{RegionID: "cn-hangzhou", AccessKeyID: "id", AccessKeySecret: "secret"}
	}
	tests := []struct {
		name    string
		mod     func(*Config)
		wantErr string
	}{
		{name: "valid", mod: func(*Config) {}},
		{name: "valid endpoint", mod: func(c *Config) { c.Endpoint = "http://127.0.0.1:1" }},
		{name: "no region", mod: func(c *Config) { c.RegionID = "" }, wantErr: "region"},
		{name: "bad region", mod: func(c *Config) { c.RegionID = "cn hangzhou" }, wantErr: "invalid characters"},
		{name: "no key id", mod: func(c *Config) { c.AccessKeyID = "" }, wantErr: "access key"},
		{name: "no secret", mod: func(c *Config) { c.AccessKeySecret = "" }, wantErr: "access key"},
		{name: "negative retries", mod: func(c *Config) { c.MaxRetries = -1 }, wantErr: "negative"},
		{name: "bad endpoint", mod: func(c *Config) { c.Endpoint = "127.0.0.1:18080" }, wantErr: "endpoint"},
		{name: "assume role without ARN", mod: func(c *Config) { c.AssumeRole = &AssumeRoleConfig{} }, wantErr: "role ARN"},
		{
			name:    "assume role, short session",
			mod:     func(c *Config) { c.AssumeRole = &AssumeRoleConfig{RoleARN: "acs:ram::1:role/r", SessionExpiration: 60} },
			wantErr: "between 900 and 43200",
		},
		{
			name: "assume role, long session",
			mod: func(c *Config) {
				c.AssumeRole = &AssumeRoleConfig{RoleARN: "acs:ram::1:role/r", SessionExpiration: 50000}
			},
			wantErr: "between 900 and 43200",
		},
		{
			name: "assume role, http STS endpoint",
			mod: func(c *Config) {
				c.AssumeRole = &AssumeRoleConfig{RoleARN: "acs:ram::1:role/r"}
				c.STSEndpoint = "http://127.0.0.1:1"
			},
			wantErr: "must be https",
		},
		{
			name: "assume role, https STS endpoint",
			mod: func(c *Config) {
				c.AssumeRole = &AssumeRoleConfig{RoleARN: "acs:ram::1:role/r", SessionExpiration: 43200}
				c.STSEndpoint = "https://127.0.0.1:1"
			},
		},
		{name: "bad STS endpoint", mod: func(c *Config) { c.STSEndpoint = "sts" }, wantErr: "STS endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := valid()
			tt.mod(&cfg)
			c, err := New(t.Context(), cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got err %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Region() != cfg.RegionID {
				t.Errorf("Region() = %q", c.Region())
			}
		})
	}
}

// TestRegionalEndpoint checks that without an endpoint the SDK's regional resolution is used, over
// https (the SDK's own default scheme is http).
func TestRegionalEndpoint(t *testing.T) {
	tests := []struct{ region, wantURL string }{
		{"cn-hangzhou", "https://emr.aliyuncs.com/"},
		{"eu-central-1", "https://emr.eu-central-1.aliyuncs.com/"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			c, err := New(t.Context(), Config{RegionID: tt.region, AccessKeyID: "id", AccessKeySecret: "s"})
			if err != nil {
				t.Fatal(err)
			}
			req, err := c.build(newCall("DescribeFlow", idempotent).set("Id", "F-1"))
			if err != nil {
				t.Fatal(err)
			}
			got := req.URL.Scheme + "://" + req.URL.Host + req.URL.Path
			if got != tt.wantURL {
				t.Errorf("got %s, want %s", got, tt.wantURL)
			}
			if r := req.URL.Query().Get("RegionId"); r != tt.region {
				t.Errorf("RegionId = %q", r)
			}
		})
	}
}

// TestNewConcurrent builds clients in parallel, for the race detector (run it alone to exercise the
// SDK's lazy endpoint map).
func TestNewConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			c, err := New(t.Context(), Config{RegionID: "cn-hangzhou", AccessKeyID: "id", AccessKeySecret: "s"})
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := c.build(newCall("DescribeFlow", idempotent)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
