package docscheck

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// clusterRef is a cluster or cluster template id as the examples write them.
var clusterRef = regexp.MustCompile(`\bCT?-[0-9A-Za-z]{6,}\b`)

// TestExamplesUseSeededClusters: every cluster id in the published code (examples/, and the code
// blocks of README.md, docs/ and templates/) is one the emulator seeds, so that what a user pastes
// runs against the emulator as it is.
func TestExamplesUseSeededClusters(t *testing.T) {
	seeded := emulator.DefaultClusters()
	check := func(where, code string) {
		for _, id := range clusterRef.FindAllString(code, -1) {
			if !slices.Contains(seeded, id) {
				t.Errorf("%s: cluster %s is not one the emulator seeds (%s)", where, id, strings.Join(seeded, ", "))
			}
		}
	}
	err := filepath.WalkDir(filepath.Join(repoRoot, "examples"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, ".terraform") {
			return err
		}
		switch filepath.Ext(p) {
		case ".tf", ".hcl", ".sh":
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			check(p, string(src))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	markdown := []string{"README.md"}
	for _, dir := range []string{"docs", "templates"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".md.tmpl")) {
				rel, _ := filepath.Rel(repoRoot, p)
				markdown = append(markdown, rel)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range markdown {
		for _, b := range fencedBlocks(t, rel) {
			check(fmt.Sprintf("%s:%d", b.file, b.line), b.code)
		}
	}
}
