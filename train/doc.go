// Package train turns nnlab's layers and optimizers into something that
// trains classifiers and measures them.
package train
