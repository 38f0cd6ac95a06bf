package emulator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestEveryCalledActionIsProfiled fails when an action the provider calls (every newCall("…") of
// internal/emrapi) is varied by no answer profile: the provider must be shown right under every
// plausible shape of every answer it reads.
func TestEveryCalledActionIsProfiled(t *testing.T) {
	called := providerActions(t)
	if len(called) < 20 {
		t.Fatalf("found only %d actions in internal/emrapi: the scan is broken", len(called))
	}
	profiled := ProfiledActions()
	for _, action := range called {
		if !slices.Contains(profiled, action) {
			t.Errorf("the provider calls %s, which no answer profile varies (answers.go: answerShapes or writeAnswers)", action)
		}
	}
}

// providerActions returns the action names of the newCall("…") calls in internal/emrapi's code.
func providerActions(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "emrapi")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "newCall" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if name, err := strconv.Unquote(lit.Value); err == nil {
					seen[name] = true
				}
			}
			return true
		})
	}
	out := make([]string, 0, len(seen))
	for name := range seen {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// TestWriteAnswersVaried: the strings profile answers a write's Data as a string, shuffled adds a
// field, documented wraps ModifyFlowProjectClusterSetting as its page does.
func TestWriteAnswersVaried(t *testing.T) {
	answer := func() map[string]any { return map[string]any{"RequestId": "R", "Data": true} }
	strs := answer()
	rewriteWriteAnswer(stepsOf(AnswersStrings), strs)
	if strs["Data"] != "true" {
		t.Errorf("strings: %v", strs)
	}
	sh := answer()
	rewriteWriteAnswer(stepsOf(AnswersShuffled), sh)
	if _, ok := sh["Revision"]; !ok {
		t.Errorf("shuffled: %v", sh)
	}
	doc := (&Server{}).documentedAnswer("ModifyFlowProjectClusterSetting", answer())
	if data, _ := doc["data"].(map[string]any); doc["code"] != "200" || data["Data"] != true {
		t.Errorf("documented: %v", doc)
	}
}
