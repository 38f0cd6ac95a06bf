package credentials

import "strconv"

// Error is a credentials or region problem the provider reports as a diagnostic. It carries where
// the offending value came from so the provider can attach the diagnostic to the right attribute
// (Attribute) or name the environment variable (EnvVar). Summary and Detail never contain a secret:
// access key IDs, secrets and tokens are never formatted into them.
type Error struct {
	// Attribute is the provider attribute the problem comes from (e.g. "shared_credentials_file");
	// "" when the problem is not tied to one attribute.
	Attribute string
	// EnvVar is the environment variable involved, if any.
	EnvVar string
	// Summary is a short, one-line description, suitable as a diagnostic summary.
	Summary string
	// Detail tells the user what was found and what to do.
	Detail string
	// Err is the underlying error (file system, JSON), if any, for errors.Is/As. Its text is already
	// part of Detail when useful.
	Err error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Summary
	}
	return e.Summary + ": " + e.Detail
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// origin says where a value came from: a provider attribute, an environment variable, or neither
// (a default or a field of the shared credentials file).
type origin struct {
	attribute string
	envVar    string
}

// describe renders the origin for messages, e.g. `provider attribute "profile"`.
func (o origin) describe() string {
	switch {
	case o.attribute != "":
		return "provider attribute " + quote(o.attribute)
	case o.envVar != "":
		return "environment variable " + o.envVar
	default:
		return "default"
	}
}

// explicit reports whether the user named the value (attribute or environment) rather than it
// being a default.
func (o origin) explicit() bool { return o.attribute != "" || o.envVar != "" }

func (o origin) newError(summary, detail string, err error) *Error {
	return &Error{Attribute: o.attribute, EnvVar: o.envVar, Summary: summary, Detail: detail, Err: err}
}

func quote(s string) string { return strconv.Quote(s) }
