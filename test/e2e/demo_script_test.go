package e2e_test

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoScriptArguments: scripts/demo.sh takes --keep (make demo KEEP=1) and refuses anything
// else before doing any work; make passes --keep exactly when KEEP is set and not 0.
func TestDemoScriptArguments(t *testing.T) {
	root := filepath.Join("..", "..")
	script := filepath.Join(root, "scripts", "demo.sh")
	run := func(env []string, args ...string) (string, int) {
		cmd := exec.Command("bash", append([]string{script}, args...)...)
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return string(out), exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	if out, code := run(nil, "--help"); code != 0 || !strings.Contains(out, "--keep  keep the emulator and its console up") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	if out, code := run(nil, "--kep"); code != 2 || !strings.Contains(out, "unknown argument: --kep") || !strings.Contains(out, "usage:") {
		t.Errorf("--kep: exit %d\n%s", code, out)
	}
	// KEEP from the environment is read, and does not stop --help.
	if out, code := run([]string{"KEEP=1"}, "--help"); code != 0 || !strings.Contains(out, "usage:") {
		t.Errorf("KEEP=1 --help: exit %d\n%s", code, out)
	}

	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	for _, tc := range []struct {
		keep string
		want bool
	}{{"", false}, {"KEEP=1", true}, {"KEEP=0", false}, {"KEEP=yes", true}} {
		args := []string{"-n", "-C", root, "demo"}
		if tc.keep != "" {
			args = append(args, tc.keep)
		}
		out, err := exec.Command("make", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("make %v: %v\n%s", args, err, out)
		}
		if got := strings.Contains(string(out), "scripts/demo.sh --keep"); got != tc.want {
			t.Errorf("make demo %s: passes --keep = %v, want %v\n%s", tc.keep, got, tc.want, out)
		}
	}
}

// TestMakeInstallInstallsEmulator: docs/index.md runs emrflow-emulator from PATH, so make install
// installs it (go install) besides the provider.
func TestMakeInstallInstallsEmulator(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	out, err := exec.Command("make", "-n", "-C", filepath.Join("..", ".."), "install").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n install: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "go install -trimpath") || !strings.Contains(string(out), "./cmd/emrflow-emulator") {
		t.Errorf("make install does not install the emulator:\n%s", out)
	}
}
