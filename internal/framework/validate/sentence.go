package validate

import "strings"

// Sentence ends s with a period unless it already ends a sentence ("?", "!", "."): a message
// that ends in a question ("did you mean …?") must not get a period after it.
func Sentence(s string) string {
	s = strings.TrimRight(s, " ")
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
