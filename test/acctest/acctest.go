// Package acctest is the acceptance-test harness: provider factories for terraform-plugin-testing,
// the in-process emulator the tests run against, an API client to the same backend for out-of-band
// changes and destroy checks, and HCL helpers.
//
// By default the tests run against one emulator started in the test process (httptest on
// loopback). With EMRFLOW_ACC_REAL=1 they run against the real API with the credentials of the
// environment and the cluster in EMRFLOW_ACC_CLUSTER_ID.
package acctest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	sdkacctest "github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// Environment variables of the harness.
const (
	EnvReal      = "EMRFLOW_ACC_REAL"
	EnvClusterID = "EMRFLOW_ACC_CLUSTER_ID"
	// EnvAnswers names the answer profile of the in-process emulator (emulator.AnswerProfiles;
	// unset or "" = default), so that the same tests prove the provider right under every
	// plausible shape of the real API's answers (make test-answers).
	EnvAnswers = "EMRFLOW_ACC_ANSWERS"
	// EnvSwitches turns on emulator switches (emulator.SwitchNames, comma-separated): readings of
	// what the pages leave open, under which the same tests must pass (make test-switches).
	EnvSwitches = "EMRFLOW_ACC_SWITCHES"
)

// Seeded clusters of the emulator (see EMULATOR.md).
const (
	EmulatorClusterID       = "C-0000000000000001"
	EmulatorClusterID2      = "C-0000000000000002"
	EmulatorClusterTemplate = "CT-0000000000000001"
)

// NamePrefix starts the name of everything the tests create, so that leftovers on a real account
// are easy to find.
const NamePrefix = "tf-acc"

// ProtoV6ProviderFactories serve the provider in-process to the Terraform CLI that
// terraform-plugin-testing runs.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"emrflow": providerserver.NewProtocol6WithError(provider.New("acctest")()),
}

// backend is the emulator shared by every test of one test binary. A test binary is one package,
// and the provider reads its endpoint from the process environment, so one emulator per process
// is the natural unit; tests never assume they are alone in it (names are random).
type backend struct {
	once     sync.Once
	err      error
	server   *emulator.Server
	http     *httptest.Server
	endpoint string
	client   *emrapi.Client
}

var shared backend

// IsReal tells whether the tests run against the real API.
func IsReal() bool { return os.Getenv(EnvReal) == "1" }

// PreCheck makes sure the backend is ready and the provider's environment points at it. Call it
// from every acceptance test's PreCheck.
func PreCheck(t *testing.T) {
	t.Helper()
	if err := shared.start(); err != nil {
		t.Fatalf("acceptance test backend: %s", err)
	}
}

func (b *backend) start() error {
	b.once.Do(func() {
		region := "cn-hangzhou"
		if IsReal() {
			if os.Getenv(EnvClusterID) == "" {
				b.err = fmt.Errorf("%s=1 needs %s (an existing cluster id) and credentials in the environment", EnvReal, EnvClusterID)
				return
			}
			if r := os.Getenv("ALIBABA_CLOUD_REGION_ID"); r != "" {
				region = r
			}
		} else {
			srv, err := emulator.New(emulatorConfig())
			if err != nil {
				b.err = fmt.Errorf("starting the emulator: %w", err)
				return
			}
			b.server = srv
			b.http = httptest.NewServer(srv)
			b.endpoint = b.http.URL
			// The provider under test runs in this process and reads these at configure time;
			// the Terraform CLI child inherits them too.
			for k, v := range map[string]string{
				provider.EndpointEnvVar:           b.endpoint,
				"ALIBABA_CLOUD_ACCESS_KEY_ID":     emulator.DefaultAccessKeyID,
				"ALIBABA_CLOUD_ACCESS_KEY_SECRET": emulator.DefaultAccessKeySecret,
				"ALIBABA_CLOUD_REGION_ID":         region,
			} {
				if err := os.Setenv(k, v); err != nil {
					b.err = fmt.Errorf("setting %s: %w", k, err)
					return
				}
			}
		}
		b.client, b.err = emrapi.New(context.Background(), emrapi.Config{
			RegionID:        region,
			Endpoint:        os.Getenv(provider.EndpointEnvVar),
			AccessKeyID:     firstEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"),
			AccessKeySecret: firstEnv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"),
			SecurityToken:   firstEnv("ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"),
			MaxRetries:      5,
		})
	})
	return b.err
}

// emulatorConfig is the configuration of the shared in-process emulator, from the environment.
func emulatorConfig() emulator.Config {
	return emulator.Config{Answers: os.Getenv(EnvAnswers), Switches: os.Getenv(EnvSwitches)}
}

// Answers returns the answer profile the tests' emulator runs with ("default" when unset).
func Answers() string {
	if p := os.Getenv(EnvAnswers); p != "" {
		return p
	}
	return emulator.AnswersDefault
}

// Client returns an API client to the tests' backend, for out-of-band changes and destroy checks.
func Client(t *testing.T) *emrapi.Client {
	t.Helper()
	PreCheck(t)
	return shared.client
}

// Emulator returns the in-process emulator (for fault injection and call counts); it skips the
// test when running against the real API.
func Emulator(t *testing.T) *emulator.Server {
	t.Helper()
	PreCheck(t)
	if shared.server == nil {
		t.Skip("needs the emulator; running against the real API")
	}
	return shared.server
}

// Endpoint returns the URL of the in-process emulator ("" against the real API).
func Endpoint(t *testing.T) string {
	t.Helper()
	PreCheck(t)
	return shared.endpoint
}

// ClusterID returns the cluster the tests' flows run on.
func ClusterID() string {
	if IsReal() {
		return os.Getenv(EnvClusterID)
	}
	return EmulatorClusterID
}

// RandomName returns a name that no other test uses.
func RandomName(prefix string) string {
	return sdkacctest.RandomWithPrefix(NamePrefix + "-" + prefix)
}

// ConfigProject is the HCL of an emrflow_project named "test".
func ConfigProject(name string) string {
	return fmt.Sprintf(`
resource "emrflow_project" "test" {
  name        = %[1]q
  description = "acceptance test project"
}
`, name)
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// ExpectPlanError runs config through `terraform plan` with the real CLI and expects it to fail
// with a diagnostic matching want, before any API call: the shape of every validation test.
func ExpectPlanError(t *testing.T, config string, want *regexp.Regexp) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { PreCheck(t) },
		ProtoV6ProviderFactories: ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			PlanOnly:    true,
			ExpectError: want,
		}},
	})
}

// CheckDestroy asks the API, not the state, that every resource of resourceType in the state is
// gone: describe must answer a not-found error (emrapi.IsNotFound) for each of them.
func CheckDestroy(resourceType string, describe func(rs *terraform.ResourceState) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			switch err := describe(rs); {
			case err == nil:
				return fmt.Errorf("%s %s still exists", resourceType, rs.Primary.ID)
			case !emrapi.IsNotFound(err):
				return fmt.Errorf("checking %s %s: %w", resourceType, rs.Primary.ID, err)
			}
		}
		return nil
	}
}
