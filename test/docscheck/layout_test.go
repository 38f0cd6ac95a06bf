package docscheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// goPackageDirs lists, relative to the repository root, every directory of the main module that
// holds Go files (tools/ is a module of its own; testdata and examples hold no packages).
func goPackageDirs(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, path)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "bin", "testdata", "examples", "docs", "templates", "node_modules":
				return filepath.SkipDir
			}
			if rel == "tools" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && filepath.Dir(rel) != "." {
			seen[filepath.ToSlash(filepath.Dir(rel))] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	if len(dirs) < 10 {
		t.Fatalf("found only %d package directories under %s: %v", len(dirs), repoRoot, dirs)
	}
	return dirs
}

// fencedAfter returns the first fenced block after the heading line in the file.
func fencedAfter(t *testing.T, file, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, file))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("%s has no %q heading", file, heading)
	}
	s = s[i:]
	start := strings.Index(s, "```\n")
	if start < 0 {
		t.Fatalf("%s: no fenced block under %q", file, heading)
	}
	s = s[start+4:]
	end := strings.Index(s, "```")
	if end < 0 {
		t.Fatalf("%s: unterminated block under %q", file, heading)
	}
	return s[:end]
}

// TestLayoutNamesEveryPackage keeps the two maps of the tree true: README.md's "## Layout" gives
// every package directory by its path, and DESIGN.md's "## Layers" diagram names every package.
// A package added, moved or renamed without them fails here.
func TestLayoutNamesEveryPackage(t *testing.T) {
	t.Parallel()
	dirs := goPackageDirs(t)
	readme := fencedAfter(t, "README.md", "## Layout")
	layers := fencedAfter(t, "DESIGN.md", "## Layers")
	for _, d := range dirs {
		if !strings.Contains(readme, d+"/") {
			t.Errorf("README.md's Layout does not list %s/", d)
		}
		word := regexp.MustCompile(`(^|[^a-z0-9_-])` + regexp.QuoteMeta(filepath.Base(d)) + `($|[^a-z0-9_-])`)
		if !strings.Contains(layers, d) && !word.MatchString(layers) {
			t.Errorf("DESIGN.md's Layers diagram does not name %s", d)
		}
	}
}
