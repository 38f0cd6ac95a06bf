package credentials

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
)

// Profile modes of the aliyun CLI that the provider supports. The others (EcsRamRole, OIDC,
// RsaKeyPair, ChainableRamRoleArn, CloudSSO, External, …) need metadata services, token files or
// external processes that a Terraform provider should not drive behind the user's back.
const (
	modeAK         = "AK"
	modeStsToken   = "StsToken"
	modeRamRoleArn = "RamRoleArn"
)

var supportedModes = []string{modeAK, modeStsToken, modeRamRoleArn}

// Bounds of an STS session, also enforced for assume_role.session_expiration.
const (
	minSessionSeconds = 900
	maxSessionSeconds = 43200
)

// DefaultSharedCredentialsFile is where the aliyun CLI keeps its profiles: ~/.aliyun/config.json.
func DefaultSharedCredentialsFile(homeDir string) string {
	return filepath.Join(homeDir, ".aliyun", "config.json")
}

// cliConfig is the part of the aliyun CLI's config.json the provider reads; other fields are
// ignored so that newer CLI versions keep working.
type cliConfig struct {
	Current  string       `json:"current"`
	Profiles []cliProfile `json:"profiles"`
}

type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	STSToken        string `json:"sts_token"`
	RegionID        string `json:"region_id"`
	RAMRoleARN      string `json:"ram_role_arn"`
	RAMSessionName  string `json:"ram_session_name"`
	ExpiredSeconds  int    `json:"expired_seconds"`
	Policy          string `json:"policy"`
	ExternalID      string `json:"external_id"`
}

// resolvedProfile is a profile that gave the keys.
type resolvedProfile struct {
	name, path string
	// from is what to blame for a problem inside the profile: the profile's explicit origin, else
	// the file's, else nothing.
	from     origin
	regionID string
	p        cliProfile
	mode     string
}

func (r *resolvedProfile) describe() string {
	return fmt.Sprintf("profile %q in %s", r.name, r.path)
}

func (r *resolvedProfile) apply(res *Result) {
	res.AccessKeyID, res.AccessKeySecret = r.p.AccessKeyID, r.p.AccessKeySecret
	res.Source = r.describe()
	switch r.mode {
	case modeStsToken:
		res.SecurityToken = r.p.STSToken
	case modeRamRoleArn:
		res.ProfileRoleARN = r.p.RAMRoleARN
		res.ProfileRoleSessionName = r.p.RAMSessionName
		res.ProfileRoleExpiration = r.p.ExpiredSeconds
		res.ProfileRolePolicy = r.p.Policy
		res.ProfileRoleExternalID = r.p.ExternalID
	}
}

// fromSharedFile finds the profile that gives the keys. It returns nil and hints (what was looked
// at, for the "no credentials" error) when the file or profile is simply absent by default; it
// returns an *Error when something the user named explicitly is missing or anything is malformed.
func fromSharedFile(in Input, env Env, homeDir string) (*resolvedProfile, []string, error) {
	path, pathFrom := in.SharedCredentialsFile, origin{attribute: attrSharedFile}
	if path == "" {
		var name string
		path, name = firstEnv(env, EnvCredentialsFile, EnvAlicloudCredsFile)
		pathFrom = origin{envVar: name}
	}
	profileName, profileFrom := in.Profile, origin{attribute: attrProfile}
	if profileName == "" {
		var name string
		profileName, name = firstEnv(env, EnvProfile, EnvAlicloudProfile)
		profileFrom = origin{envVar: name}
	}

	if path == "" {
		if homeDir == "" {
			if profileFrom.explicit() {
				return nil, nil, profileFrom.newError("Shared credentials file not found",
					fmt.Sprintf("Profile %q is requested by %s, but no shared credentials file is set and the home directory is unknown, so the default %s cannot be found. Set the provider attribute %q or %s.",
						profileName, profileFrom.describe(), "~/.aliyun/config.json", attrSharedFile, EnvCredentialsFile), nil)
			}
			return nil, []string{"The home directory is unknown, so the default shared credentials file ~/.aliyun/config.json was not checked."}, nil
		}
		path = DefaultSharedCredentialsFile(homeDir)
	}

	expanded, err := expandHome(path, homeDir)
	if err != nil {
		return nil, nil, pathFrom.newError("Invalid shared credentials file path",
			fmt.Sprintf("The shared credentials file path %q (set by %s) cannot be used: %v.", path, pathFrom.describe(), err), err)
	}
	path = expanded

	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !pathFrom.explicit() {
			if profileFrom.explicit() {
				return nil, nil, profileFrom.newError("Shared credentials file not found",
					fmt.Sprintf("Profile %q is requested by %s, but the default shared credentials file %s does not exist. Create it with `aliyun configure --profile %s`, or set the provider attribute %q or %s to the file that has the profile.",
						profileName, profileFrom.describe(), path, profileName, attrSharedFile, EnvCredentialsFile), err)
			}
			return nil, []string{fmt.Sprintf("The default shared credentials file %s does not exist.", path)}, nil
		}
		summary := "Cannot read shared credentials file"
		if errors.Is(err, fs.ErrNotExist) {
			summary = "Shared credentials file not found"
		}
		// Only the OS reason: the path is already in the sentence. Never file contents.
		reason := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err
		}
		return nil, nil, pathFrom.newError(summary,
			fmt.Sprintf("%s cannot be read: %v.", describeFile(path, pathFrom), reason), err)
	}

	cfg, err := parseConfig(data)
	if err != nil {
		return nil, nil, pathFrom.newError("Invalid shared credentials file",
			fmt.Sprintf("%s is not a valid aliyun CLI config.json: %v.", describeFile(path, pathFrom), err), err)
	}

	// Pick the profile: explicit name, else the file's "current", else "default".
	blame := profileFrom
	switch {
	case profileFrom.explicit():
	case cfg.Current != "":
		profileName, blame = cfg.Current, pathFrom
	default:
		profileName, blame = "default", pathFrom
	}
	p, ok := cfg.find(profileName)
	if !ok {
		switch {
		case profileFrom.explicit():
			return nil, nil, profileFrom.newError("Profile not found",
				fmt.Sprintf("Profile %q, requested by %s, is not in the shared credentials file %s. %s",
					profileName, profileFrom.describe(), path, cfg.listProfiles()), nil)
		case cfg.Current != "":
			return nil, nil, pathFrom.newError("Profile not found",
				fmt.Sprintf("The shared credentials file %s names %q as its \"current\" profile, but has no profile of that name. %s Choose one with the provider attribute %q or %s, or fix \"current\" (`aliyun configure switch`).",
					path, profileName, cfg.listProfiles(), attrProfile, EnvProfile), nil)
		default:
			return nil, []string{fmt.Sprintf("The shared credentials file %s has no \"current\" profile and no profile \"default\". %s Choose one with the provider attribute %q or %s.",
				path, cfg.listProfiles(), attrProfile, EnvProfile)}, nil
		}
	}

	r := &resolvedProfile{name: profileName, path: path, from: blame, regionID: p.RegionID, p: p}
	if err := r.check(); err != nil {
		return nil, nil, err
	}
	return r, nil, nil
}

// describeFile starts a sentence about the shared credentials file, saying where its path came
// from.
func describeFile(path string, from origin) string {
	if from.explicit() {
		return fmt.Sprintf("The shared credentials file %s (set by %s)", path, from.describe())
	}
	return "The default shared credentials file " + path
}

// check validates the profile's mode and the fields that mode needs.
func (r *resolvedProfile) check() error {
	switch {
	case r.p.Mode == "":
		// Configs written by old CLI versions have no mode; they only knew access keys.
		r.mode = modeAK
	case strings.EqualFold(r.p.Mode, modeAK):
		r.mode = modeAK
	case strings.EqualFold(r.p.Mode, modeStsToken):
		r.mode = modeStsToken
	case strings.EqualFold(r.p.Mode, modeRamRoleArn):
		r.mode = modeRamRoleArn
	default:
		return r.from.newError("Unsupported profile mode",
			fmt.Sprintf("The %s has mode %q. The provider supports the modes %s. Use a profile of one of those modes, or give the keys with the provider attributes or environment variables (with an assume_role block for a role).",
				r.describe(), r.p.Mode, strings.Join(supportedModes, ", ")), nil)
	}

	var missing []string
	if r.p.AccessKeyID == "" {
		missing = append(missing, "access_key_id")
	}
	if r.p.AccessKeySecret == "" {
		missing = append(missing, "access_key_secret")
	}
	if r.mode == modeStsToken && r.p.STSToken == "" {
		missing = append(missing, "sts_token")
	}
	if r.mode == modeRamRoleArn && r.p.RAMRoleARN == "" {
		missing = append(missing, "ram_role_arn")
	}
	if len(missing) > 0 {
		return r.from.newError("Incomplete profile",
			fmt.Sprintf("The %s (mode %s) has no %s. Fix it with `aliyun configure --profile %s --mode %s`.",
				r.describe(), r.mode, strings.Join(missing, ", "), r.name, r.mode), nil)
	}
	if r.mode == modeRamRoleArn && r.p.ExpiredSeconds != 0 &&
		(r.p.ExpiredSeconds < minSessionSeconds || r.p.ExpiredSeconds > maxSessionSeconds) {
		return r.from.newError("Invalid profile",
			fmt.Sprintf("The %s has expired_seconds %d; an assumed role session lasts %d to %d seconds.",
				r.describe(), r.p.ExpiredSeconds, minSessionSeconds, maxSessionSeconds), nil)
	}
	return nil
}

func (c *cliConfig) find(name string) (cliProfile, bool) {
	// The CLI takes the first profile of a name; so do we.
	for _, p := range c.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return cliProfile{}, false
}

func (c *cliConfig) listProfiles() string {
	if len(c.Profiles) == 0 {
		return "The file has no profiles."
	}
	names := make([]string, 0, len(c.Profiles))
	for _, p := range c.Profiles {
		names = append(names, quote(p.Name))
	}
	return "Profiles in the file: " + strings.Join(names, ", ") + "."
}

// parseConfig decodes config.json. Its errors carry the line and column but never the file's
// contents, which hold secrets.
func parseConfig(data []byte) (*cliConfig, error) {
	// Editors on Windows may save a byte order mark, which encoding/json rejects.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var cfg cliConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		var (
			syntax *json.SyntaxError
			typ    *json.UnmarshalTypeError
		)
		switch {
		case errors.As(err, &syntax):
			line, col := position(data, syntax.Offset)
			return nil, fmt.Errorf("line %d, column %d: %w", line, col, err)
		case errors.As(err, &typ):
			// The default text names Go types of this package; say it in the file's terms. Value is
			// the JSON kind ("string", "number"), never the value itself.
			line, col := position(data, typ.Offset)
			field := typ.Field
			if field == "" {
				field = "the top level"
			}
			return nil, &decodeError{
				msg: fmt.Sprintf("line %d, column %d: %s is a JSON %s, expected %s", line, col, field, typ.Value, jsonKind(typ.Type.Kind())),
				err: err,
			}
		}
		return nil, err
	}
	return &cfg, nil
}

// decodeError rewords an encoding/json error in the file's terms while keeping it for errors.As.
type decodeError struct {
	msg string
	err error
}

func (e *decodeError) Error() string { return e.msg }
func (e *decodeError) Unwrap() error { return e.err }

// jsonKind names the JSON kind that decodes into a Go kind.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a number"
	case reflect.Slice:
		return "an array"
	case reflect.Struct:
		return "an object"
	default:
		return k.String()
	}
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1)
	if col < 1 {
		col = 1
	}
	return line, col
}

// expandHome replaces a leading "~" (alone or followed by a path separator) by homeDir. "~user"
// forms are left alone: resolving other users' homes needs the OS user database.
func expandHome(path, homeDir string) (string, error) {
	if path != "~" && !strings.HasPrefix(path, "~/") && !strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		return path, nil
	}
	if homeDir == "" {
		return "", errors.New("the path starts with ~ but the home directory is unknown")
	}
	return filepath.Join(homeDir, path[1:]), nil
}
