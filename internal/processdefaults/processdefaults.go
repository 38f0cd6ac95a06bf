// Package processdefaults prepares a provider process before it serves Terraform: it turns the plugin
// SDK's trace loggers off when Terraform would discard their lines, and raises the garbage
// collector's target when GOGC is unset. main.go and the benchmark's profiling server both call
// it, so that profiles are taken of the process users run.
package processdefaults

import (
	"fmt"
	"runtime/debug"
	"slices"
)

// GCPercent is the GOGC value used when the environment sets none. A provider process lives for
// one Terraform command and holds little (a few MiB of schema and per-request values); with
// Go's default of 100 the collector ran about every 4 MiB allocated and was ~16% of the CPU of a
// plan of 100 flows. At 400 it runs a quarter as often, for a peak heap a few MiB higher
// (BENCHMARKS.md, analysis: −31% instructions per plan measured in issue 10, re-measured there).
const GCPercent = 400

// sdkLogEnv are the levels of the plugin SDK's own loggers (framework, protocol, gRPC server).
var sdkLogEnv = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// Env reads and writes the process environment; os.Getenv and os.Setenv in production, maps in
// tests.
type Env struct {
	Getenv func(string) string
	Setenv func(string, string) error
}

// Configure applies both settings: QuietSDKLoggers, then the GC percent unless GOGC is set. It
// returns the GC percent in force afterwards (-1: the collector is off, as GOGC=off asks).
func Configure(env Env) (gcPercent int, err error) {
	if err := QuietSDKLoggers(env); err != nil {
		return 0, err
	}
	if env.Getenv("GOGC") != "" {
		// The runtime already read GOGC at start-up; reading the value back leaves it in force.
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p, nil
	}
	debug.SetGCPercent(GCPercent)
	return GCPercent, nil
}

// providerLogEnv is the level of the provider's own root logger (tflog), named by terraform-plugin-go
// after the provider's type; providerSubsystemLogEnv are those of its subsystems (emrapi's).
const providerLogEnv = "TF_LOG_PROVIDER_EMRFLOW"

var providerSubsystemLogEnv = []string{providerLogEnv + "_EMRAPI"}

// QuietSDKLoggers turns the plugin SDK's loggers, and the provider's own, off when Terraform would
// throw their lines away, that is when neither TF_LOG nor TF_LOG_PROVIDER is set. Unset, they
// default to TRACE (terraform-plugin-log's NewRootSDKLogger and NewRootProviderLogger): the SDK's
// encode a JSON line per framework step, which profiles showed to be a fifth of the provider's CPU
// time on large plans, and the provider's a line per API call, which the provider formats (with
// its caller's location) and Terraform reads back and parses, for every flow of every plan
// (benchmark/ANALYSIS.md). A level set explicitly is always kept, and the provider's logger is left
// alone when one of its subsystems has a level of its own.
func QuietSDKLoggers(env Env) error {
	if env.Getenv("TF_LOG") != "" || env.Getenv("TF_LOG_PROVIDER") != "" {
		return nil
	}
	quiet := slices.Clone(sdkLogEnv)
	if !slices.ContainsFunc(providerSubsystemLogEnv, func(k string) bool { return env.Getenv(k) != "" }) {
		quiet = append(quiet, providerLogEnv)
	}
	for _, k := range quiet {
		if env.Getenv(k) != "" {
			continue
		}
		if err := env.Setenv(k, "OFF"); err != nil {
			return fmt.Errorf("setting %s: %w", k, err)
		}
	}
	return nil
}
