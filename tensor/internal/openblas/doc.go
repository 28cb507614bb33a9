// Package openblas holds the cgo that nnlab's openblas build needs beside
// gonum's binding of OpenBLAS's dgemm (gonum.org/v1/netlib): setting
// OpenBLAS's thread count. It lives apart from package tensor because a
// package using cgo cannot also hold Go assembly. Without the openblas
// build tag it is empty.
package openblas
