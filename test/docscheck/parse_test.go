package docscheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestPublishedHCLParses: every HCL code block of README.md, docs/ and templates/ parses. A
// snippet that does not (`node { id = "start"  type = "START" }` once did) fails a user who
// pastes it, and nothing else would notice.
func TestPublishedHCLParses(t *testing.T) {
	blocks := hclBlocks(t)
	if len(blocks) < 10 {
		t.Fatalf("found only %d HCL blocks: is the extraction broken?", len(blocks))
	}
	files := map[string]bool{}
	for _, b := range blocks {
		files[b.file] = true
		parseHCL(t, b.file, b.line, []byte(b.code))
	}
	for _, want := range []string{"README.md", "docs/resources/flow.md", "templates/resources/flow.md.tmpl"} {
		if !files[want] {
			t.Errorf("no HCL block found in %s", want)
		}
	}
	t.Logf("%d HCL blocks in %d files parse", len(blocks), len(files))
}

// TestExampleFilesParse: every .tf and .tftest.hcl file under examples/ parses (the docs include
// them; the acceptance tests apply the complete ones).
func TestExampleFilesParse(t *testing.T) {
	n := 0
	err := filepath.WalkDir(filepath.Join(repoRoot, "examples"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") && !strings.HasSuffix(p, ".hcl") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, p)
		parseHCL(t, filepath.ToSlash(rel), 1, src)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no example files found")
	}
}

func parseHCL(t *testing.T, file string, line int, src []byte) {
	t.Helper()
	_, diags := hclsyntax.ParseConfig(src, file, hcl.Pos{Line: line, Column: 1, Byte: 0})
	for _, d := range diags {
		t.Errorf("%s: %s: %s", d.Subject, d.Summary, d.Detail)
	}
}

// TestWithoutDirectives: template actions never reach the parser, and line numbers are kept.
func TestWithoutDirectives(t *testing.T) {
	in := "{{ tffile .ExampleFile }}\nname = {{ .Name }}\nlabel = \"{{.Type}} x\"\n"
	want := "\nname = x\nlabel = \"x x\"\n"
	if got := withoutDirectives(in); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestFencedBlocks: languages, line numbers and nesting of other fences.
func TestFencedBlocks(t *testing.T) {
	dir := t.TempDir()
	md := "# t\n\n```hcl\na = 1\n```\n\ntext\n\n```sh\nmake\n```\n~~~terraform\nb = 2\n~~~\n"
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	got := fencedBlocksIn(t, dir, "x.md")
	if len(got) != 3 || got[0].lang != "hcl" || got[0].line != 4 || got[0].code != "a = 1\n" ||
		got[1].lang != "sh" || got[2].lang != "terraform" || got[2].code != "b = 2\n" {
		t.Errorf("got %+v", got)
	}
}
