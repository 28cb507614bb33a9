// Package engine is the lab's training session: the data set, network,
// optimizer and Trainer that the browser page drives, built from settings
// the way `train fit` builds a run, and the pictures the page draws of it
// (the decision heatmap, each hidden unit's heatmap, the weights, the dead
// units, each layer's diagnostics over the epochs, the affine map an
// identity network collapses to); ParseAddress reads the page's address.
// It runs natively and, compiled to WebAssembly, in the page's Web
// Worker, so the page shows exactly what the library computes.
package engine
