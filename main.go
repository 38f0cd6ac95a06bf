// Command terraform-provider-emrflow is the Terraform provider for Alibaba Cloud E-MapReduce
// data-development workflows (flows).
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/emrflow/terraform-provider-emrflow/internal/processdefaults"
	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// Before anything reads the SDK's log levels: the loggers are set up from the environment
	// when the server starts.
	if _, err := processdefaults.Configure(processdefaults.Env{Getenv: os.Getenv, Setenv: os.Setenv}); err != nil {
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
