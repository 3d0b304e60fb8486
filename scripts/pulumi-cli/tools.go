//go:build tools

// This module exists only to build the Pulumi CLI at a pinned version (see ../pulumi-bin.js).
// The import keeps `go mod tidy` from dropping the CLI's module; the build tag keeps it out of
// every build.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
