package emrapi

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// redacted replaces a credential wherever a message or log field would show it.
const redacted = "***"

// secretForms returns a credential as it may appear in text: as is, query-escaped (a URL or a
// form body), and percent-encoded once more (a string to sign is the encoded query, encoded
// again). A signature is base64, whose "+", "/" and "=" change under each encoding, and a token
// may hold them too: masking only the raw value would let an echoed URL or string to sign through.
func secretForms(values ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		if v == "" {
			continue
		}
		once := url.QueryEscape(v)
		for _, f := range []string{v, once, url.QueryEscape(once), rpcEncode(v), rpcEncode(rpcEncode(v))} {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// maskLog masks forms (see secretForms) in every message and string field the package's log
// subsystem writes from ctx on.
func maskLog(ctx context.Context, forms []string) context.Context {
	if len(forms) == 0 {
		return ctx
	}
	ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, forms...)
	return tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, forms...)
}

// redactError replaces forms in the text an error of the package carries from an answer (its
// message, a transport error's cause): it reaches diagnostics, the CLI's output and its log.
func redactError(err error, forms []string) error {
	if err == nil || len(forms) == 0 {
		return err
	}
	var e *Error
	if errors.As(err, &e) {
		e.Message = redact(e.Message, forms)
	}
	var te *TransportError
	if errors.As(err, &te) {
		te.Cause = redact(te.Cause, forms)
	}
	return err
}

func redact(s string, forms []string) string {
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, redacted)
	}
	return s
}

// rpcEncode is the percent-encoding of the API's signature method (RFC 3986: a space is %20, "*"
// is encoded, "~" is not), the form a string to sign holds.
func rpcEncode(s string) string {
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
}
