package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestReleaseVersion(t *testing.T) {
	mod := func(v string) *debug.BuildInfo { return &debug.BuildInfo{Main: debug.Module{Version: v}} }
	for _, tc := range []struct {
		name    string
		ldflags string
		info    *debug.BuildInfo
		ok      bool
		want    string
	}{
		{"release build (goreleaser, make)", "0.2.0", mod("(devel)"), true, "0.2.0"},
		{"ldflags win over the module version", "0.2.0", mod("v0.2.0"), true, "0.2.0"},
		{"go install …@v0.2.0", "dev", mod("v0.2.0"), true, "v0.2.0"},
		{"go install from a checkout", "dev", mod("v0.1.1-0.20261207041500-0123456789ab+dirty"), true, "v0.1.1-0.20261207041500-0123456789ab+dirty"},
		{"go build without VCS", "dev", mod("(devel)"), true, "dev"},
		{"no build info", "dev", nil, false, "dev"},
		{"empty ldflags", "", mod(""), true, "dev"},
	} {
		if got := releaseVersion(tc.ldflags, tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: releaseVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestGoInstallVersion installs the command with `go install`, as the testing guide tells users
// to, and checks that -version prints the module version Go recorded in the binary (with no
// ldflags), and "dev" only when Go recorded none.
func TestGoInstallVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	gobin := t.TempDir()
	install := exec.Command(goTool, "install", ".")
	install.Env = append(install.Environ(), "GOBIN="+gobin, "GOFLAGS=")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	bin := filepath.Join(gobin, "emrflow-emulator")
	meta, err := exec.Command(goTool, "version", "-m", bin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	want := "dev"
	for _, line := range strings.Split(string(meta), "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[0] == "mod" && f[2] != "(devel)" {
			want = f[2]
		}
	}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil || string(out) != "emrflow-emulator "+want+"\n" {
		t.Fatalf("-version printed %q (%v), want %q (go version -m: %s)", out, err, "emrflow-emulator "+want, meta)
	}
}
