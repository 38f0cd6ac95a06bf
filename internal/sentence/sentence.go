// Package sentence holds the one rule for ending a message the provider builds around another
// (an error, a validator's words): a leaf, so that every package that writes diagnostics can
// import it, the credentials package (which the validators' packages import) included.
package sentence

import "strings"

// End ends s with a period unless it already ends a sentence ("?", "!", "."): a message that ends
// in a question ("did you mean …?") must not get a period after it.
func End(s string) string {
	s = strings.TrimRight(s, " ")
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
