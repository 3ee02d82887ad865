//go:build mage
// +build mage

package main

import (
	"github.com/magefile/mage/mg"

	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
)

// Default builds the backend for the platforms PerfScope ships, the SDK's build targets: linux/amd64,
// linux/arm64, linux/arm, darwin/amd64, darwin/arm64 and windows/amd64.
var Default = Release

// Release builds the six release binaries into dist/datasource/.
func Release() {
	b := build.Build{}
	mg.Deps(b.Linux, b.LinuxARM64, b.LinuxARM, b.Darwin, b.DarwinARM64, b.Windows)
}
