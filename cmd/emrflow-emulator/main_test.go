package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readBanner reads the three start-up lines and returns the base URL.
func readBanner(t *testing.T, r io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	var lines []string
	for len(lines) < 3 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 3 {
		t.Fatalf("banner: %q (%v)", lines, sc.Err())
	}
	base, ok := strings.CutPrefix(lines[0], "listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("first line %q", lines[0])
	}
	if lines[1] != "access key id: LTAIemrflowEmulator" || lines[2] != "access key secret: emrflow-emulator-secret" {
		t.Fatalf("key lines %q", lines[1:])
	}
	return base
}

func getStats(t *testing.T, base string) map[string]any {
	t.Helper()
	resp, err := http.Get(base + "/__emulator/stats")
	if err != nil {
		t.Fatalf("GET stats: %v", err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&m) != nil {
		t.Fatalf("stats answer %d", resp.StatusCode)
	}
	return m
}

func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	data := filepath.Join(t.TempDir(), "state.json")
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", ":0", "-data", data, "-latency", "1ms", "-seed", "3"}, pw, io.Discard)
		pw.Close()
	}()
	base := readBanner(t, pr)
	if m := getStats(t, base); m["total"] != float64(0) {
		t.Errorf("fresh stats %v", m)
	}
	// An API request reaches the emulator (and is refused: it is unsigned).
	resp, err := http.Get(base + "/?Action=ListFlow&Version=2016-04-08")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unsigned request: %d", resp.StatusCode)
	}
	if m := getStats(t, base); m["total"] != float64(1) {
		t.Errorf("stats after one call %v", m)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	if _, err := http.Get(base + "/__emulator/stats"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestRunErrors(t *testing.T) {
	corrupt := filepath.Join(t.TempDir(), "corrupt.json")
	if err := os.WriteFile(corrupt, []byte("{oops"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-nope"}, "flag provided but not defined"},
		{"argument", []string{"extra"}, "unexpected arguments"},
		{"bad cluster", []string{"-clusters", "C-1,cluster-2"}, "cluster-2"},
		{"bad error rate", []string{"-error-rate", "2"}, "error rate"},
		{"bad duration", []string{"-latency", "soon"}, "invalid value"},
		{"corrupt data file", []string{"-data", corrupt}, corrupt},
		{"bad address", []string{"-listen", "127.0.0.1:99999"}, "listening on"},
		{"bad answer profile", []string{"-answers", "chatty"}, `unknown answer profile "chatty"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(t.Context(), tc.args, io.Discard, &stderr)
			if err == nil || !strings.Contains(err.Error()+stderr.String(), tc.want) {
				t.Fatalf("err = %v (stderr %q), want it to mention %q", err, stderr.String(), tc.want)
			}
		})
	}
	if err := run(t.Context(), []string{"-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
}

func TestVersionFlag(t *testing.T) {
	var out bytes.Buffer
	if err := run(t.Context(), []string{"-version"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if out.String() != "emrflow-emulator dev\n" {
		t.Errorf("version output %q", out.String())
	}
}

// buildEmulator builds this command into a temporary directory, with the build flags given; it
// skips under -short.
func buildEmulator(t *testing.T, flags ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	bin := filepath.Join(t.TempDir(), "emrflow-emulator")
	args := append(append([]string{"build", "-o", bin}, flags...), ".")
	if out, err := exec.Command(goTool, args...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBinary builds the command, starts it on a free port, reads the address it prints and stops
// it with SIGTERM, as make demo does.
func TestBinary(t *testing.T) {
	bin := buildEmulator(t, "-ldflags", "-X main.version=test")
	if out, err := exec.Command(bin, "-version").Output(); err != nil || string(out) != "emrflow-emulator test\n" {
		t.Fatalf("-version: %q %v", out, err)
	}

	cmd := exec.Command(bin, "-listen", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	base := readBanner(t, stdout)
	getStats(t, base)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
}
