// Package cliharness runs the real Terraform CLI, as a user does, against a provider binary built from
// this checkout and an emulator in the calling process. terraform-plugin-testing serves the
// provider in-process and hides the CLI's own behaviour (signals, exit codes, repeated applies);
// the reliability tests and the benchmarks need the real thing, and both use this one harness.
//
// The provider is installed with dev_overrides in a private CLI configuration, so no `terraform
// init` and no network are needed (the configurations use only emrflow and built-in providers).
package cliharness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// Region is the region every workspace uses.
const Region = "cn-hangzhou"

// ProviderBuild builds the provider binary once per process and returns its path. Go's build cache
// makes it a link step when the packages were already compiled for the tests.
type ProviderBuild struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// Path builds the provider (the first time) into a temporary directory. The root is the module
// root; "" finds it from the working directory.
func (b *ProviderBuild) Path(root string) (string, error) {
	b.once.Do(func() {
		if root == "" {
			var err error
			if root, err = moduleRoot(); err != nil {
				b.err = err
				return
			}
		}
		b.dir, b.err = os.MkdirTemp("", "emrflow-e2e-provider-")
		if b.err != nil {
			return
		}
		b.path = filepath.Join(b.dir, "terraform-provider-emrflow")
		cmd := exec.Command("go", "build", "-o", b.path, ".")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("building the provider: %w\n%s", err, out)
		}
	})
	return b.path, b.err
}

// Cleanup removes the built binary.
func (b *ProviderBuild) Cleanup() {
	if b.dir != "" {
		_ = os.RemoveAll(b.dir)
	}
}

// TerraformPath finds the CLI the way the make targets do: TF_ACC_TERRAFORM_PATH, then PATH.
func TerraformPath() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", errors.New("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (scripts/terraform.sh builds one)")
	}
	return p, nil
}

// Options configure a workspace.
type Options struct {
	Emulator emulator.Config // faults, latency, seed; keys default to the emulator's
	// Parallelism is terraform's -parallelism (0 = Terraform's default, 10).
	Parallelism int
	// ExtraEnv is added to the CLI's environment (e.g. TF_LOG=trace). It comes after the
	// workspace's own variables, and os/exec keeps the last value of a repeated key, so an entry
	// here overrides a default (e.g. ALIBABA_CLOUD_ACCESS_KEY_ID).
	ExtraEnv []string
	// Middleware, when set, wraps the emulator's handler: tests use it to fail chosen requests
	// in ways the emulator's random faults cannot aim (e.g. only the first create of a flow).
	Middleware func(http.Handler) http.Handler
	// ProviderHost is the registry host that `source = "emrflow/emrflow"` means to the CLI, under
	// which the built provider is served: registry.terraform.io when empty; OpenTofu's is
	// registry.opentofu.org.
	ProviderHost string
}

// Workspace is a directory with a configuration, a CLI configuration that points emrflow at the
// built provider, and an emulator that the provider talks to.
type Workspace struct {
	Dir       string
	Terraform string
	Emulator  *emulator.Server
	Endpoint  string
	// Client talks to the same emulator, for checks and out-of-band changes.
	Client *emrapi.Client
	opts   Options
	server *httptest.Server
	env    []string
}

// NewWorkspace starts an emulator and prepares a directory. Close it when done.
func NewWorkspace(dir, terraform, providerPath string, opts Options) (*Workspace, error) {
	srv, err := emulator.New(opts.Emulator)
	if err != nil {
		return nil, fmt.Errorf("starting the emulator: %w", err)
	}
	var h http.Handler = srv
	if opts.Middleware != nil {
		h = opts.Middleware(srv)
	}
	hs := httptest.NewServer(h)
	w := &Workspace{Dir: dir, Terraform: terraform, Emulator: srv, Endpoint: hs.URL, opts: opts, server: hs}

	host := opts.ProviderHost
	if host == "" {
		host = "registry.terraform.io"
	}
	rc := filepath.Join(dir, ".terraformrc")
	cliConfig := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "%s/emrflow/emrflow" = %q
  }
  direct {}
}
`, host, filepath.Dir(providerPath))
	if err := os.WriteFile(rc, []byte(cliConfig), 0o600); err != nil {
		w.Close()
		return nil, fmt.Errorf("writing the CLI configuration: %w", err)
	}
	// dev_overrides serve emrflow/emrflow; the configuration must ask for that source (the default
	// would be hashicorp/emrflow).
	const versions = `terraform {
  required_providers {
    emrflow = {
      source = "emrflow/emrflow"
    }
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "versions.tf"), []byte(versions), 0o600); err != nil {
		w.Close()
		return nil, fmt.Errorf("writing versions.tf: %w", err)
	}
	keyID, secret := opts.Emulator.AccessKeyID, opts.Emulator.AccessKeySecret
	if keyID == "" {
		keyID, secret = emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret
	}
	// The checking client retries a lot: the tests' faults are aimed at the provider, not at it.
	w.Client, err = emrapi.New(context.Background(), emrapi.Config{
		RegionID: Region, Endpoint: hs.URL, AccessKeyID: keyID, AccessKeySecret: secret,
		MaxRetries: 20, RetryBaseDelay: 5 * time.Millisecond, RetryMaxDelay: 200 * time.Millisecond,
	})
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("creating the checking client: %w", err)
	}
	w.env = append(cleanEnv(os.Environ()),
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"EMRFLOW_ENDPOINT="+hs.URL,
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+keyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET="+secret,
		"ALIBABA_CLOUD_REGION_ID="+Region,
	)
	w.env = append(w.env, opts.ExtraEnv...)
	return w, nil
}

// cleanEnv drops the variables that would point the CLI or the provider elsewhere.
func cleanEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "ALIBABA_CLOUD_"), strings.HasPrefix(k, "ALICLOUD_"),
			k == "EMRFLOW_ENDPOINT", k == "TF_CLI_CONFIG_FILE", strings.HasPrefix(k, "TF_LOG"),
			k == "TF_DATA_DIR", k == "TF_WORKSPACE":
			continue
		}
		out = append(out, kv)
	}
	return out
}

// Close stops the emulator.
func (w *Workspace) Close() {
	w.server.Close()
}

// WriteConfig replaces the workspace's configuration (main.tf).
func (w *Workspace) WriteConfig(hcl string) error {
	return os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(hcl), 0o600)
}

// Result is one CLI run.
type Result struct {
	Args     []string
	Stdout   string
	Stderr   string
	ExitCode int
	Duration time.Duration
}

// Err returns an error describing a failed run, nil on exit code 0.
func (r Result) Err() error {
	if r.ExitCode == 0 {
		return nil
	}
	return fmt.Errorf("terraform %s: exit %d\n%s%s", strings.Join(r.Args, " "), r.ExitCode, tail(r.Stdout, 40), tail(r.Stderr, 40))
}

// Command prepares a terraform command in the workspace without starting it (for tests that signal
// it).
func (w *Workspace) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.Terraform, args...)
	cmd.Dir = w.Dir
	cmd.Env = w.env
	return cmd
}

// Run runs terraform with args and returns its result; a non-zero exit is not an error here (see
// Result.Err), only a failure to run at all.
func (w *Workspace) Run(ctx context.Context, args ...string) (Result, error) {
	return run(w.Command(ctx, args...), args)
}

// Shell runs a line of sh in the workspace, with the CLI's environment and the CLI's directory
// first on PATH: a command of the docs that names `terraform` or `tofu` runs the CLI under test
// (its file must have that name).
func (w *Workspace) Shell(ctx context.Context, line string) (Result, error) {
	cmd := exec.CommandContext(ctx, "sh", "-c", line)
	cmd.Dir = w.Dir
	cmd.Env = append(slices.Clone(w.env), "PATH="+filepath.Dir(w.Terraform)+string(os.PathListSeparator)+os.Getenv("PATH"))
	return run(cmd, []string{"sh", "-c", line})
}

func run(cmd *exec.Cmd, args []string) (Result, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String(), Duration: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		res.ExitCode = exitErr.ExitCode()
	default:
		return res, fmt.Errorf("running terraform %s: %w", strings.Join(args, " "), err)
	}
	return res, nil
}

func (w *Workspace) parallelism() []string {
	if w.opts.Parallelism > 0 {
		return []string{fmt.Sprintf("-parallelism=%d", w.opts.Parallelism)}
	}
	return nil
}

// Apply runs `terraform apply -auto-approve`.
func (w *Workspace) Apply(ctx context.Context, extra ...string) (Result, error) {
	args := append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, w.parallelism()...)
	return w.Run(ctx, append(args, extra...)...)
}

// Destroy runs `terraform destroy -auto-approve`.
func (w *Workspace) Destroy(ctx context.Context, extra ...string) (Result, error) {
	args := append([]string{"destroy", "-auto-approve", "-input=false", "-no-color"}, w.parallelism()...)
	return w.Run(ctx, append(args, extra...)...)
}

// Plan runs `terraform plan -detailed-exitcode`: exit 0 is an empty plan, 2 a non-empty one.
func (w *Workspace) Plan(ctx context.Context, extra ...string) (Result, error) {
	args := append([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, w.parallelism()...)
	return w.Run(ctx, append(args, extra...)...)
}

// Validate runs `terraform validate`.
func (w *Workspace) Validate(ctx context.Context) (Result, error) {
	return w.Run(ctx, "validate", "-no-color")
}

// StateIDs returns the id attribute of every resource of the given type in the state, sorted.
func (w *Workspace) StateIDs(ctx context.Context, resourceType string) ([]string, error) {
	res, err := w.Run(ctx, "show", "-json", "-no-color")
	if err != nil {
		return nil, err
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	var doc struct {
		Values *struct {
			RootModule module `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &doc); err != nil {
		return nil, fmt.Errorf("decoding terraform show -json: %w", err)
	}
	var ids []string
	if doc.Values != nil {
		doc.Values.RootModule.collect(resourceType, &ids)
	}
	sort.Strings(ids)
	return ids, nil
}

type module struct {
	Resources []struct {
		Type   string         `json:"type"`
		Values map[string]any `json:"values"`
	} `json:"resources"`
	ChildModules []module `json:"child_modules"`
}

func (m module) collect(resourceType string, ids *[]string) {
	for _, r := range m.Resources {
		if r.Type != resourceType {
			continue
		}
		if id, ok := r.Values["id"].(string); ok {
			*ids = append(*ids, id)
		}
	}
	for _, c := range m.ChildModules {
		c.collect(resourceType, ids)
	}
}

func moduleRoot() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("cannot find the module root")
	}
	// this file is <root>/test/cliharness/cliharness.go
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..")), nil
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	if len(parts) == 1 && parts[0] == "" {
		return ""
	}
	return strings.Join(parts, "\n") + "\n"
}
