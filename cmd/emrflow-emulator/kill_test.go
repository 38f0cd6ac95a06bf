package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

// TestKillDuringWrites SIGKILLs the emulator in the middle of a burst of concurrent writes to its
// -data file, restarts it on the same file, and checks that the file loads and holds every write
// that was acknowledged before the kill, and nothing that was never sent: each change's journal
// line is synced before the answer, a torn last line is ignored, and the snapshot is only ever
// replaced atomically.
func TestKillDuringWrites(t *testing.T) {
	bin := buildEmulator(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "state.json")

	start := func() (*exec.Cmd, *emrapi.Client) {
		t.Helper()
		cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-data", data)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		base := readBanner(t, stdout)
		c, err := emrapi.New(context.Background(), emrapi.Config{
			RegionID: "cn-hangzhou", Endpoint: base, AccessKeyID: "LTAIemrflowEmulator",
			AccessKeySecret: "emrflow-emulator-secret", MaxRetries: 0, HTTPTimeout: 5 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		return cmd, c
	}

	cmd, c := start()
	const writers = 8
	var (
		mu    sync.Mutex
		acked []string // names whose create was answered with an id before the kill
		sent  atomic.Int64
		stop  atomic.Bool
		wg    sync.WaitGroup
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				name := fmt.Sprintf("w%d-%d", w, i)
				sent.Add(1)
				if _, err := c.CreateProject(context.Background(), emrapi.ProjectInput{Name: name, Description: "kill test"}); err != nil {
					return // the emulator is gone
				}
				mu.Lock()
				acked = append(acked, name)
				mu.Unlock()
			}
		}()
	}
	for sent.Load() < 200 {
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	stop.Store(true)
	wg.Wait()
	_ = cmd.Wait()
	mu.Lock()
	ackedAtKill := slices.Clone(acked)
	mu.Unlock()
	if len(ackedAtKill) == 0 {
		t.Fatal("no write was acknowledged before the kill")
	}

	_, c = start() // fails the test if the file does not load
	projects, err := c.ListProjects(context.Background(), emrapi.ListProjectsInput{})
	if err != nil {
		t.Fatalf("listing after the restart: %v", err)
	}
	names := map[string]bool{}
	for _, p := range projects {
		names[p.Name] = true
	}
	for _, n := range ackedAtKill {
		if !names[n] {
			t.Errorf("project %q was acknowledged before the kill but is lost", n)
		}
	}
	if len(projects) > int(sent.Load()) {
		t.Errorf("%d projects after the restart, but only %d creates were sent", len(projects), sent.Load())
	}
	t.Logf("%d creates sent, %d acknowledged before the SIGKILL, %d in the file after the restart", sent.Load(), len(ackedAtKill), len(projects))
}
