package validate

import "strings"

// MarkdownList renders the valid values of an attribute for its Markdown description, e.g.
// "`SHELL`, `SPARK`".
func MarkdownList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, ", ")
}
