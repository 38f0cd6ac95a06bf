package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

// goreleaser is the part of .goreleaser.yml these tests read.
type goreleaser struct {
	Builds []struct {
		ID     string   `yaml:"id"`
		Main   string   `yaml:"main"`
		Binary string   `yaml:"binary"`
		Goos   []string `yaml:"goos"`
		Goarch []string `yaml:"goarch"`
		Ignore []struct {
			Goos   string `yaml:"goos"`
			Goarch string `yaml:"goarch"`
		} `yaml:"ignore"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		ID  string   `yaml:"id"`
		IDs []string `yaml:"ids"`
	} `yaml:"archives"`
}

// platforms lists a build's goos/goarch pairs, without the ignored ones.
func platforms(goos, goarch []string, ignore func(os, arch string) bool) []string {
	var out []string
	for _, o := range goos {
		for _, a := range goarch {
			if !ignore(o, a) {
				out = append(out, o+"/"+a)
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestReleaseShipsTheEmulator: a release has an emulator build for every platform the provider
// is built for, with its version from ldflags, and an archive of its own.
func TestReleaseShipsTheEmulator(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg goreleaser
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatalf(".goreleaser.yml: %v", err)
	}
	byID := map[string][]string{}
	for _, b := range cfg.Builds {
		ignored := func(o, a string) bool {
			for _, ig := range b.Ignore {
				if ig.Goos == o && ig.Goarch == a {
					return true
				}
			}
			return false
		}
		byID[b.ID] = platforms(b.Goos, b.Goarch, ignored)
		if b.ID == "emulator" {
			if b.Main != "./cmd/emrflow-emulator" || b.Binary != "emrflow-emulator" {
				t.Errorf("emulator build: main %q, binary %q", b.Main, b.Binary)
			}
			if !slices.ContainsFunc(b.Ldflags, func(f string) bool { return slices.Contains([]string{"-s -w -X main.version={{.Version}}"}, f) }) {
				t.Errorf("emulator build does not set main.version: %q", b.Ldflags)
			}
		}
	}
	if len(byID["provider"]) == 0 || !slices.Equal(byID["provider"], byID["emulator"]) {
		t.Errorf("platforms: provider %v, emulator %v; want the same, non-empty", byID["provider"], byID["emulator"])
	}
	archived := map[string]bool{}
	for _, a := range cfg.Archives {
		for _, id := range a.IDs {
			archived[id] = true
		}
	}
	if !archived["provider"] || !archived["emulator"] {
		t.Errorf("archives cover %v, want provider and emulator each in an archive", archived)
	}
}

// TestEmulatorCrossBuilds builds the emulator for a platform unlike this one, 32-bit Windows,
// which catches what usually breaks a cross-build: Unix-only calls and constants that overflow a
// 32-bit int. (One platform: a cold cross-build compiles the standard library again, about a CPU
// minute each.)
func TestEmulatorCrossBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-builds a binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	for _, p := range [][2]string{{"windows", "386"}} {
		build := exec.Command(goTool, "build", "-o", filepath.Join(t.TempDir(), "emrflow-emulator"), ".")
		build.Env = append(build.Environ(), "GOOS="+p[0], "GOARCH="+p[1], "CGO_ENABLED=0", "GOFLAGS=")
		if out, err := build.CombinedOutput(); err != nil {
			t.Errorf("GOOS=%s GOARCH=%s go build: %v\n%s", p[0], p[1], err, out)
		}
	}
}
