package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/emrflow/terraform-provider-emrflow/internal/processdefaults"
	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// profileEnv, when set to a directory, makes this binary serve the provider itself (as main.go
// does) under a CPU profile written to that directory, one file per process: started by
// Terraform in place of the provider, it shows where the provider spends its time.
const profileEnv = "EMRFLOW_BENCH_PROFILE_DIR"

func serveProfiled(dir string) int {
	// As main.go does: without it the profile is of a process with the SDK's trace loggers on
	// (+72% instructions on a plan, issue 10) and Go's default GC, not of the one users run.
	if _, err := processdefaults.Configure(processdefaults.Env{Getenv: os.Getenv, Setenv: os.Setenv}); err != nil {
		fmt.Fprintln(os.Stderr, "emrflow-bench:", err)
		return 1
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("provider-%d.pprof", os.Getpid())))
	if err != nil {
		fmt.Fprintln(os.Stderr, "emrflow-bench:", err)
		return 1
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "emrflow-bench:", err)
		return 1
	}
	defer pprof.StopCPUProfile()
	err = providerserver.Serve(context.Background(), provider.New("bench"), providerserver.ServeOpts{Address: "registry.terraform.io/emrflow/emrflow"})
	if err != nil {
		fmt.Fprintln(os.Stderr, "emrflow-bench:", err)
		return 1
	}
	return 0
}
