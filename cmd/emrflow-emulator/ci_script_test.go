package main

import (
	"bytes"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ciScript is the CI script the testing guide publishes; make module-test runs it for real.
var ciScript = filepath.Join("..", "..", "examples", "ci", "emulator-terraform-test.sh")

// runCIScript runs the CI script on a module directory with the environment given (over PATH and
// HOME only, so nothing of the caller's emrflow settings leaks in) and returns its exit code,
// stdout and stderr.
func runCIScript(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for _, tool := range []string{"bash", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the CI script needs %s", tool)
		}
	}
	cmd := exec.Command(ciScript, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TMPDIR=" + t.TempDir()}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("running the CI script: %v", err)
	}
	return code, out.String(), errOut.String()
}

// writeScript writes an executable shell script.
func writeScript(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/usr/bin/env bash\n"+body), 0o755); err != nil { //nolint:gosec // a test's executable
		t.Fatal(err)
	}
	return p
}

// TestCIScriptRunsTerraformAgainstTheEmulator: the script starts the real emulator, exports what
// the provider reads, runs terraform init then terraform test (with the extra arguments) in the
// module directory while the emulator answers, passes terraform's failure on, and stops the
// emulator whatever the outcome.
func TestCIScriptRunsTerraformAgainstTheEmulator(t *testing.T) {
	bin := buildEmulator(t)
	for _, tc := range []struct {
		name     string
		failTest bool
	}{{"tests pass", false}, {"tests fail", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir, module := t.TempDir(), t.TempDir()
			record := filepath.Join(dir, "terraform.calls")
			fail := ""
			if tc.failTest {
				fail = `[ "$1" = test ] && exit 7`
			}
			// A stand-in for terraform: it records each call's arguments, directory and
			// environment, and whether the emulator answered at that moment.
			tf := writeScript(t, dir, "terraform", `{
  echo "args: $*"
  echo "dir: $PWD"
  echo "env: $EMRFLOW_ENDPOINT $ALIBABA_CLOUD_ACCESS_KEY_ID $ALIBABA_CLOUD_ACCESS_KEY_SECRET $ALIBABA_CLOUD_REGION_ID"
  curl -fsS "$EMRFLOW_ENDPOINT/__emulator/health" >/dev/null && echo "health: ok"
} >>`+record+`
`+fail+`
exit 0
`)
			code, stdout, stderr := runCIScript(t, []string{"EMRFLOW_EMULATOR=" + bin, "TERRAFORM=" + tf}, module, "-filter=tests/a.tftest.hcl")
			want := 0
			if tc.failTest {
				want = 7
			}
			if code != want {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, want, stdout, stderr)
			}
			calls, err := os.ReadFile(record)
			if err != nil {
				t.Fatal(err)
			}
			got := string(calls)
			realModule, _ := filepath.EvalSymlinks(module)
			for _, line := range []string{
				"args: init -input=false -no-color", "args: test -no-color -filter=tests/a.tftest.hcl",
				"dir: " + realModule, " LTAIemrflowEmulator emrflow-emulator-secret cn-hangzhou", "health: ok",
			} {
				if !strings.Contains(got, line) {
					t.Errorf("terraform's calls lack %q:\n%s", line, got)
				}
			}
			if strings.Count(got, "health: ok") != 2 {
				t.Errorf("the emulator did not answer during both calls:\n%s", got)
			}
			endpoint := strings.TrimPrefix(strings.TrimSpace(strings.SplitN(stdout, "\n", 2)[0]), "emrflow-emulator serves at ")
			if !strings.HasPrefix(endpoint, "http://127.0.0.1:") {
				t.Fatalf("the script did not say where the emulator serves: %q", stdout)
			}
			if resp, err := http.Get(endpoint + "/__emulator/health"); err == nil { //nolint:noctx // a probe with the client's own timeout
				resp.Body.Close()
				t.Errorf("the emulator at %s still answers after the script ended", endpoint)
			}
			if tc.failTest && !strings.Contains(stderr, "emrflow-emulator log") {
				t.Errorf("a failed run does not show the emulator's log:\n%s", stderr)
			}
		})
	}
}

// TestCIScriptFailsClearly: an emulator that never serves, or exits at once, fails the script
// within the bounded wait with a message saying so and the emulator's own output, before
// terraform runs.
func TestCIScriptFailsClearly(t *testing.T) {
	dir := t.TempDir()
	tf := writeScript(t, dir, "terraform", "echo terraform ran >&2\nexit 0\n")
	for _, tc := range []struct {
		name, emulator string
		want           []string
	}{
		{"never serves", "echo 'starting slowly'\nexec sleep 30\n", []string{"did not answer (no address printed)/__emulator/health within 1s", "starting slowly"}},
		{"exits", "echo 'listening on: address already in use' >&2\nexit 3\n", []string{"exited (status 3) before it served", "address already in use"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu := writeScript(t, dir, strings.ReplaceAll(tc.name, " ", "-"), tc.emulator)
			start := time.Now()
			code, _, stderr := runCIScript(t, []string{"EMRFLOW_EMULATOR=" + emu, "TERRAFORM=" + tf, "EMRFLOW_EMULATOR_WAIT=1"}, t.TempDir())
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the script took %s: the wait is not bounded", d)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "terraform ran") {
				t.Error("terraform ran without an emulator")
			}
		})
	}
	if code, _, stderr := runCIScript(t, nil, filepath.Join(dir, "no-such-module")); code != 2 || !strings.Contains(stderr, "usage:") {
		t.Errorf("a missing module directory: exit %d, %s", code, stderr)
	}
}
