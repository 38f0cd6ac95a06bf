// Package docscheck holds the tests that keep the HCL we publish honest: every HCL code block of
// README.md, docs/ and templates/ (and every example file) must parse, and the complete examples
// must apply against the emulator. It has no code of its own: its tests read the files where they
// are, so that they follow every edit of the docs.
package docscheck
