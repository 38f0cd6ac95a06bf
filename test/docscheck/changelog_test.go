package docscheck

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// registered lists what the provider registers, by kind as CHANGELOG.md names them ("resource",
// "data source", "list resource", "action", "function"), read from the provider itself so that
// a type added later is checked too.
func registered(t *testing.T) map[string][]string {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	out := map[string][]string{}
	for _, f := range p.Resources(ctx) {
		var md resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		out["resource"] = append(out["resource"], md.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var md datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		out["data source"] = append(out["data source"], md.TypeName)
	}
	if pl, ok := p.(fwprovider.ProviderWithListResources); ok {
		for _, f := range pl.ListResources(ctx) {
			var md resource.MetadataResponse
			f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
			out["list resource"] = append(out["list resource"], md.TypeName)
		}
	}
	if pa, ok := p.(fwprovider.ProviderWithActions); ok {
		for _, f := range pa.Actions(ctx) {
			var md action.MetadataResponse
			f().Metadata(ctx, action.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
			out["action"] = append(out["action"], md.TypeName)
		}
	}
	if pf, ok := p.(fwprovider.ProviderWithFunctions); ok {
		for _, f := range pf.Functions(ctx) {
			var md function.MetadataResponse
			f().Metadata(ctx, function.MetadataRequest{}, &md)
			out["function"] = append(out["function"], "provider::"+meta.TypeName+"::"+md.Name)
		}
	}
	return out
}

// announced reads CHANGELOG.md's "* **New <kind>**: …" and "* **New <kind>s**: …" entries and
// returns, per kind, every name written in backticks in them (a function as
// `provider::emrflow::name(args)` counts by its name).
func announced(t *testing.T, changelog string) map[string]map[string]bool {
	t.Helper()
	entry := regexp.MustCompile(`(?m)^\* \*\*New ([a-z ]+?)s?\*\*:((?:.*\n)(?:  .*\n)*)`)
	name := regexp.MustCompile("`([^`(]+)(?:\\([^`]*\\))?`")
	out := map[string]map[string]bool{}
	for _, m := range entry.FindAllStringSubmatch(changelog, -1) {
		kind := m[1]
		if out[kind] == nil {
			out[kind] = map[string]bool{}
		}
		for _, n := range name.FindAllStringSubmatch(m[2], -1) {
			out[kind][n[1]] = true
		}
	}
	return out
}

// TestChangelogNamesEverything fails when a resource, data source, list resource, action or
// function that the provider registers has no "New …" entry in CHANGELOG.md: the changelog is
// what a user reads to learn what a release brings.
func TestChangelogNamesEverything(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(repoRoot, "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := announced(t, string(b))
	kinds := registered(t)
	if len(kinds["resource"]) == 0 || len(kinds["data source"]) == 0 {
		t.Fatalf("the provider registers nothing: %v", kinds)
	}
	var missing []string
	for kind, names := range kinds {
		for _, n := range names {
			if !got[kind][n] {
				missing = append(missing, kind+" "+n)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("CHANGELOG.md has no \"* **New <kind>**: `name`\" entry for:\n  %s", strings.Join(missing, "\n  "))
	}
}

func TestAnnounced(t *testing.T) {
	t.Parallel()
	got := announced(t, "FEATURES:\n\n* **New resource**: `a_x`, with `b`.\n* **New data sources**: `a_y`,\n  `a_z`.\n"+
		"* **New function**: `provider::a::f(x)` (1.8+).\n* **Emulator**: `a_w`.\n")
	want := map[string][]string{"resource": {"a_x", "b"}, "data source": {"a_y", "a_z"}, "function": {"provider::a::f"}}
	for kind, names := range want {
		for _, n := range names {
			if !got[kind][n] {
				t.Errorf("%s %s not found in %v", kind, n, got)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("kinds: got %v, want %v", got, want)
	}
}
