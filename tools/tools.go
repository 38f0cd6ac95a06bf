// Package tools holds the go:generate lines that build the documentation. It is a module of its
// own so that the provider's go.mod does not carry doc tooling.
package tools

// Format the examples, then generate docs/ from the schema, examples/ and templates/.
//go:generate terraform fmt -recursive ../examples/
//go:generate go tool tfplugindocs generate --provider-dir .. --provider-name emrflow
