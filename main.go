// Command terraform-provider-emrflow is the Terraform provider for Alibaba Cloud E-MapReduce
// data-development workflows (flows).
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if err := quietSDKLoggers(os.Getenv, os.Setenv); err != nil {
		log.Fatal(err)
	}
	opts := providerserver.ServeOpts{
		Address: "registry.terraform.io/emrflow/emrflow",
		Debug:   debug,
	}
	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err)
	}
}

// sdkLogEnv are the levels of the plugin SDK's own loggers (framework, protocol, gRPC server).
var sdkLogEnv = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietSDKLoggers turns the plugin SDK's loggers off when Terraform would throw their lines away,
// that is when neither TF_LOG nor TF_LOG_PROVIDER is set. They default to TRACE and encode a JSON
// line per framework step, which profiles showed to be a fifth of the provider's CPU time on large
// plans (BENCHMARKS.md). A level set explicitly is always kept.
func quietSDKLoggers(getenv func(string) string, setenv func(string, string) error) error {
	if getenv("TF_LOG") != "" || getenv("TF_LOG_PROVIDER") != "" {
		return nil
	}
	for _, k := range sdkLogEnv {
		if getenv(k) != "" {
			continue
		}
		if err := setenv(k, "OFF"); err != nil {
			return err
		}
	}
	return nil
}
