package docscheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink is a Markdown link or image: its target, without a title.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// TestRelativeLinksResolve: every relative link of the repository's top-level pages names a file
// or directory of the checkout, and no page sends the reader outside it ("../").
func TestRelativeLinksResolve(t *testing.T) {
	for _, page := range []string{"README.md", "EMULATOR.md", "CONTRIBUTING.md", "DESIGN.md"} {
		src, err := os.ReadFile(filepath.Join(repoRoot, page))
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		links := 0
		for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "#") {
				continue
			}
			links++
			file, _, _ := strings.Cut(target, "#")
			if strings.HasPrefix(file, "../") || strings.HasPrefix(file, "/") {
				t.Errorf("%s: link %q points outside the repository", page, target)
				continue
			}
			if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(file))); err != nil {
				t.Errorf("%s: link %q names nothing in the repository", page, target)
			}
		}
		if strings.Contains(text, "../shared") {
			t.Errorf("%s names ../shared, which is outside the repository", page)
		}
		t.Logf("%s: %d relative links", page, links)
	}
}
