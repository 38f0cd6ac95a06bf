package main

import "runtime/debug"

// version is set at build time with -ldflags "-X main.version=…" (make build, goreleaser).
var version = "dev"

// releaseVersion is what -version prints: the version the build was given (ldflags), else the
// module version Go recorded (`go install …/cmd/emrflow-emulator@v0.2.0` records v0.2.0; a
// build inside a checkout records a pseudo-version from VCS or "(devel)"), else "dev".
func releaseVersion(ldflags string, info *debug.BuildInfo, ok bool) string {
	if ldflags != "" && ldflags != "dev" {
		return ldflags
	}
	if ok && info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func currentVersion() string {
	info, ok := debug.ReadBuildInfo()
	return releaseVersion(version, info, ok)
}
