// Package credentials resolves the emrflow provider's Alibaba Cloud credentials and region from
// the provider block, the environment and the aliyun CLI's shared credentials file, in the order
// fixed by the design (section 3): explicit attributes, then environment, then a profile of the
// shared credentials file. It is pure Go with no framework or SDK imports, so that every rule is
// unit-tested here; the provider turns its *Error values into diagnostics and applies assume_role
// on top of the Result.
package credentials

import (
	"fmt"
	"strings"

	"github.com/emrflow/terraform-provider-emrflow/internal/sentence"
)

// Environment variables read by Resolve. The ALIBABA_CLOUD_* names are the SDK-wide ones and win
// over the older ALICLOUD_* names of the alicloud provider.
const (
	EnvRegionID          = "ALIBABA_CLOUD_REGION_ID"
	EnvRegion            = "ALIBABA_CLOUD_REGION"
	EnvAlicloudRegion    = "ALICLOUD_REGION"
	EnvAccessKeyID       = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	EnvAlicloudAccessKey = "ALICLOUD_ACCESS_KEY"
	EnvAccessKeySecret   = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	EnvAlicloudSecretKey = "ALICLOUD_SECRET_KEY"
	EnvSecurityToken     = "ALIBABA_CLOUD_SECURITY_TOKEN"
	EnvAlicloudToken     = "ALICLOUD_SECURITY_TOKEN"
	EnvProfile           = "ALIBABA_CLOUD_PROFILE"
	EnvAlicloudProfile   = "ALICLOUD_PROFILE"
	EnvCredentialsFile   = "ALIBABA_CLOUD_CREDENTIALS_FILE"
	EnvAlicloudCredsFile = "ALICLOUD_SHARED_CREDENTIALS_FILE"
	// EnvEndpoint is not read here; it is named in the "no credentials" help for emulator users.
	EnvEndpoint = "EMRFLOW_ENDPOINT"
)

// Provider attribute names, used in Error.Attribute and in messages.
const (
	attrRegion        = "region"
	attrAccessKey     = "access_key"
	attrSecretKey     = "secret_key"
	attrSecurityToken = "security_token"
	attrProfile       = "profile"
	attrSharedFile    = "shared_credentials_file"
)

// Sources of the keys, as reported in Result.Source.
const sourceAttributes = "provider attributes"

// Input holds the values of the provider block. "" means not set in the configuration (the
// provider maps null and unknown to "").
type Input struct {
	Region, AccessKey, SecretKey, SecurityToken, Profile, SharedCredentialsFile string
	// CheckRegion is the rule a region from the block, the environment or a profile must pass
	// (the provider gives emrapi.CheckRegion, the one owner of that rule); the error names where
	// the failing value came from. Nil takes any region.
	CheckRegion func(string) error
}

// Env looks up an environment variable: os.Getenv in production, a map lookup in tests. A nil Env
// is an empty environment.
type Env func(string) string

// Result is the resolved configuration. It holds secrets: log Source and RegionSource, never the
// keys.
type Result struct {
	Region string
	// RegionSource says where Region came from, e.g. `provider attribute "region"`,
	// `environment variable ALIBABA_CLOUD_REGION_ID`, `profile "dev" in /root/.aliyun/config.json`
	// or `default`.
	RegionSource string

	AccessKeyID, AccessKeySecret, SecurityToken string
	// Source says where the keys came from, for logs: `provider attributes`,
	// `environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)` or
	// `profile "dev" in /root/.aliyun/config.json`.
	Source string

	// Set when the keys come from a profile of mode RamRoleArn: the keys above are the base keys and
	// the provider assumes this role with them, unless the provider block has assume_role, which
	// wins. ProfileRoleExpiration is in seconds, 0 when the profile does not set it.
	ProfileRoleARN, ProfileRoleSessionName string
	ProfileRoleExpiration                  int
	// ProfileRolePolicy and ProfileRoleExternalID are the profile's optional policy and external_id
	// for the same AssumeRole call ("" when unset).
	ProfileRolePolicy, ProfileRoleExternalID string

	// Warnings are settings that were given but had no effect, e.g. a profile attribute ignored
	// because access_key/secret_key are set. The provider shows them as warning diagnostics.
	Warnings []string
}

// Resolve works out the region and the base credentials. Keys come from the first of: the
// access_key/secret_key attributes; the environment; a profile of the shared credentials file.
// The region comes from the region attribute, the environment, the region_id of the profile used
// for the keys, or DefaultRegion. homeDir expands "~" and locates the default shared credentials
// file; "" disables both. Every failure is an *Error.
func Resolve(in Input, env Env, homeDir string) (Result, error) {
	if env == nil {
		env = func(string) string { return "" }
	}

	region, regionFrom, err := explicitRegion(in, env)
	if err != nil {
		return Result{}, err
	}

	var res Result
	found, err := fromAttributes(in, &res)
	if err != nil {
		return Result{}, err
	}
	if !found {
		found, err = fromEnvironment(env, &res)
		if err != nil {
			return Result{}, err
		}
	}

	var prof *resolvedProfile
	if found {
		res.Warnings = append(res.Warnings, ignoredFileSettings(in, res.Source)...)
	} else {
		var hints []string
		prof, hints, err = fromSharedFile(in, env, homeDir)
		if err != nil {
			return Result{}, err
		}
		if prof == nil {
			return Result{}, noCredentialsError(homeDir, hints)
		}
		prof.apply(&res)
	}

	switch {
	case region != "":
		res.Region, res.RegionSource = region, regionFrom.describe()
	case prof != nil && prof.regionID != "":
		if err := in.checkRegion(prof.regionID); err != nil {
			return Result{}, prof.from.newError("Invalid region in profile",
				fmt.Sprintf("The region_id of %s is not valid: %s Fix it in the file, or set the provider attribute %q or %s.",
					prof.describe(), sentence.End(err.Error()), attrRegion, EnvRegionID), err)
		}
		res.Region, res.RegionSource = prof.regionID, prof.describe()
	default:
		res.Region, res.RegionSource = DefaultRegion, "default"
	}
	return res, nil
}

// fromAttributes takes the keys from the provider block. A key without its partner, or a token
// without keys, is an error rather than a fallback to the environment: mixing keys from two places
// would sign with a secret that does not belong to the key.
func fromAttributes(in Input, res *Result) (bool, error) {
	switch {
	case in.AccessKey != "" && in.SecretKey != "":
		res.AccessKeyID, res.AccessKeySecret, res.SecurityToken = in.AccessKey, in.SecretKey, in.SecurityToken
		res.Source = sourceAttributes
		return true, nil
	case in.AccessKey != "":
		return false, &Error{Attribute: attrAccessKey, Summary: "Incomplete credentials in provider configuration",
			Detail: fmt.Sprintf("The provider attribute %q is set but %q is not: set both, or neither to take the keys from the environment or a shared credentials file profile.", attrAccessKey, attrSecretKey)}
	case in.SecretKey != "":
		return false, &Error{Attribute: attrSecretKey, Summary: "Incomplete credentials in provider configuration",
			Detail: fmt.Sprintf("The provider attribute %q is set but %q is not: set both, or neither to take the keys from the environment or a shared credentials file profile.", attrSecretKey, attrAccessKey)}
	case in.SecurityToken != "":
		return false, &Error{Attribute: attrSecurityToken, Summary: "Incomplete credentials in provider configuration",
			Detail: fmt.Sprintf("The provider attribute %q is set but %q and %q are not: a security token is only used together with the STS access key and secret it was issued with.", attrSecurityToken, attrAccessKey, attrSecretKey)}
	}
	return false, nil
}

// fromEnvironment takes the keys from the environment, the first non-empty variable of each pair.
func fromEnvironment(env Env, res *Result) (bool, error) {
	id, idVar := firstEnv(env, EnvAccessKeyID, EnvAlicloudAccessKey)
	secret, secretVar := firstEnv(env, EnvAccessKeySecret, EnvAlicloudSecretKey)
	token, tokenVar := firstEnv(env, EnvSecurityToken, EnvAlicloudToken)
	switch {
	case id != "" && secret != "":
		res.AccessKeyID, res.AccessKeySecret, res.SecurityToken = id, secret, token
		vars := []string{idVar, secretVar}
		if token != "" {
			vars = append(vars, tokenVar)
		}
		res.Source = "environment (" + strings.Join(vars, ", ") + ")"
		return true, nil
	case id != "":
		return false, &Error{EnvVar: idVar, Summary: "Incomplete credentials in environment",
			Detail: fmt.Sprintf("The environment variable %s is set but neither %s nor %s is: set the access key secret too, or unset %s.",
				idVar, EnvAccessKeySecret, EnvAlicloudSecretKey, idVar)}
	case secret != "":
		return false, &Error{EnvVar: secretVar, Summary: "Incomplete credentials in environment",
			Detail: fmt.Sprintf("The environment variable %s is set but neither %s nor %s is: set the access key ID too, or unset %s.",
				secretVar, EnvAccessKeyID, EnvAlicloudAccessKey, secretVar)}
	case token != "":
		// A stray token (e.g. left from an earlier session) must not stop a profile from working,
		// but the user should know it is not used.
		res.Warnings = append(res.Warnings, fmt.Sprintf(
			"The environment variable %s is set but no access key is in the environment (%s/%s and %s/%s); the token is ignored.",
			tokenVar, EnvAccessKeyID, EnvAlicloudAccessKey, EnvAccessKeySecret, EnvAlicloudSecretKey))
	}
	return false, nil
}

// ignoredFileSettings warns about profile and shared_credentials_file attributes that have no
// effect because higher-priority keys were found. Only attributes: the environment variables are
// often set for other tools and would make the warning noise.
func ignoredFileSettings(in Input, source string) []string {
	var w []string
	if in.Profile != "" {
		w = append(w, fmt.Sprintf("The provider attribute %q is ignored: the credentials come from %s, which take precedence over the shared credentials file.", attrProfile, source))
	}
	if in.SharedCredentialsFile != "" {
		w = append(w, fmt.Sprintf("The provider attribute %q is ignored: the credentials come from %s, which take precedence over the shared credentials file.", attrSharedFile, source))
	}
	return w
}

// firstEnv returns the first non-empty value among names, and the name it came from.
func firstEnv(env Env, names ...string) (string, string) {
	for _, n := range names {
		if v := env(n); v != "" {
			return v, n
		}
	}
	return "", ""
}

// noCredentialsError is the one error for "nothing found anywhere": it lists every way to give
// credentials, plus what was looked at (hints), so the user can fix it without reading the docs.
func noCredentialsError(homeDir string, hints []string) *Error {
	defaultFile := "~/.aliyun/config.json"
	if homeDir != "" {
		defaultFile = DefaultSharedCredentialsFile(homeDir)
	}
	var b strings.Builder
	b.WriteString("The emrflow provider found no Alibaba Cloud access key. Give one in any of these ways (checked in this order):\n\n")
	fmt.Fprintf(&b, "1. Provider attributes: %q and %q (plus %q for STS credentials).\n", attrAccessKey, attrSecretKey, attrSecurityToken)
	fmt.Fprintf(&b, "2. Environment variables: %s (or %s) and %s (or %s), plus %s (or %s) for STS credentials.\n",
		EnvAccessKeyID, EnvAlicloudAccessKey, EnvAccessKeySecret, EnvAlicloudSecretKey, EnvSecurityToken, EnvAlicloudToken)
	fmt.Fprintf(&b, "3. A profile in the aliyun CLI's shared credentials file (create one with `aliyun configure`). "+
		"The file is set by the provider attribute %q, %s or %s (default %s); "+
		"the profile by the provider attribute %q, %s or %s (default: the file's \"current\" profile, then \"default\"). "+
		"Supported profile modes: %s.\n",
		attrSharedFile, EnvCredentialsFile, EnvAlicloudCredsFile, defaultFile,
		attrProfile, EnvProfile, EnvAlicloudProfile, strings.Join(supportedModes, ", "))
	b.WriteString("\nAn assume_role block needs one of these as its base credentials.\n")
	fmt.Fprintf(&b, "\nFor local use without a cloud account, start the emulator (emrflow-emulator), set %s to the address it prints "+
		"(e.g. http://127.0.0.1:18080) and set %s and %s to the access key ID and secret it prints.",
		EnvEndpoint, EnvAccessKeyID, EnvAccessKeySecret)
	if len(hints) > 0 {
		b.WriteString("\n\nLooked at: ")
		b.WriteString(strings.Join(hints, " "))
	}
	return &Error{Summary: "No credentials for Alibaba Cloud", Detail: b.String()}
}
