// Package browsertest drives the lab in headless Chromium with chromedp.
// It is a module of its own so that chromedp stays out of nnlab's go.mod.
// Without a chromium binary (Debian: apt-get install chromium; or set
// CHROMIUM) its tests skip and say so. Run: cd cmd/train/lab/browsertest
// && go test ./...
package browsertest
