// Package e2e holds the end-to-end tests: the real Terraform (and OpenTofu) CLI, run as a user
// runs it through test/cliharness, against a provider binary built from this checkout and the
// emulator. It has no code of its own beyond its tests.
package e2e
