package docscheck

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the checkout's root, from this package's directory (go test runs a package's tests
// in the package's directory).
const repoRoot = "../.."

// block is one fenced code block of a Markdown file.
type block struct {
	file string // relative to the checkout
	line int    // 1-based line of the block's first line of code
	lang string
	code string
}

// hclLangs are the fence languages of HCL code blocks.
var hclLangs = map[string]bool{"hcl": true, "terraform": true, "tf": true}

// fencedBlocks returns the fenced code blocks (``` or ~~~) of a Markdown file of the checkout.
func fencedBlocks(t *testing.T, rel string) []block {
	t.Helper()
	return fencedBlocksIn(t, repoRoot, rel)
}

func fencedBlocksIn(t *testing.T, root, rel string) []block {
	t.Helper()
	f, err := os.Open(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []block
	var cur *block
	var fence string
	var code strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if cur == nil {
			for _, f := range []string{"```", "~~~"} {
				if strings.HasPrefix(trimmed, f) {
					fence = f
					info := strings.Fields(strings.TrimPrefix(trimmed, f))
					cur = &block{file: rel, line: n + 1}
					if len(info) > 0 {
						cur.lang = strings.ToLower(info[0])
					}
					code.Reset()
					break
				}
			}
			continue
		}
		if strings.HasPrefix(trimmed, fence) && strings.TrimLeft(trimmed, fence[:1]) == "" {
			cur.code = code.String()
			out = append(out, *cur)
			cur = nil
			continue
		}
		code.WriteString(line)
		code.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Errorf("%s:%d: code block never closed", rel, cur.line-1)
	}
	return out
}

// templateDirective is a text/template action, as tfplugindocs templates hold them.
var templateDirective = regexp.MustCompile(`\{\{-?.*?-?\}\}`)

// withoutDirectives makes template code parseable as HCL: a line that is only a directive (it
// expands to text we cannot know here) is blanked, keeping line numbers; a directive inside a
// line (a value, or part of a string) becomes the identifier x, valid in both places.
func withoutDirectives(code string) string {
	lines := strings.Split(code, "\n")
	for i, l := range lines {
		if strings.TrimSpace(templateDirective.ReplaceAllString(l, "")) == "" && templateDirective.MatchString(l) {
			lines[i] = ""
			continue
		}
		lines[i] = templateDirective.ReplaceAllString(l, "x")
	}
	return strings.Join(lines, "\n")
}

// publishedMarkdown lists README.md, every Markdown file under docs/ and every template under
// templates/, relative to the checkout.
func publishedMarkdown(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md"}
	for _, dir := range []string{"docs", "templates"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".md.tmpl")) {
				rel, err := filepath.Rel(repoRoot, p)
				if err != nil {
					return err
				}
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// hclBlocks returns every HCL code block of the published Markdown, template directives removed.
func hclBlocks(t *testing.T) []block {
	t.Helper()
	var out []block
	for _, f := range publishedMarkdown(t) {
		for _, b := range fencedBlocks(t, f) {
			if !hclLangs[b.lang] {
				continue
			}
			if strings.HasSuffix(f, ".tmpl") {
				b.code = withoutDirectives(b.code)
			}
			out = append(out, b)
		}
	}
	return out
}

// readmeExample returns the README's complete example: its HCL block with a terraform block and
// a flow.
func readmeExample(t *testing.T) block {
	t.Helper()
	for _, b := range fencedBlocks(t, "README.md") {
		if hclLangs[b.lang] && strings.Contains(b.code, "required_providers") && strings.Contains(b.code, `resource "emrflow_flow"`) {
			return b
		}
	}
	t.Fatal("README.md has no complete example (an HCL block with required_providers and an emrflow_flow)")
	return block{}
}
