//go:build openblas && !cgo

package tensor

// The openblas tag links OpenBLAS through cgo. Without cgo (CGO_ENABLED=0,
// or a cross build) the build stops on the undefined name below rather
// than quietly running without OpenBLAS.
var _ = openblasBuildTagNeedsCgo
