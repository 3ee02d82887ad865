//go:build !linux

// Command rulebench needs Debian's prometheus and Linux's parent-death signal (see main.go).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "rulebench: runs on Linux only")
	os.Exit(1)
}
