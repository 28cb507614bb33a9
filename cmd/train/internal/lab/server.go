package lab

import (
	"bytes"
	"embed"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// Files returns the lab's files, as a static site serves them: the page,
// its script and style, the worker, wasm_exec.js and lab.wasm.gz.
func Files() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the directory is embedded: cannot happen
	}
	return sub
}

// CSP is the Content-Security-Policy the lab is served with: everything
// from the lab itself, nothing from elsewhere; 'wasm-unsafe-eval' lets the
// worker compile the engine.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"img-src 'self' data: blob:; style-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".gz":   "application/gzip",
}

// Handler serves the embedded files and nothing else: GET and HEAD only,
// "/" as index.html, lab.wasm as lab.wasm.gz with Content-Encoding: gzip.
func Handler() http.Handler {
	files := Files()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		stored := name
		if name == "lab.wasm" {
			stored = "lab.wasm.gz"
			h.Set("Content-Encoding", "gzip")
		}
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := fs.ReadFile(files, stored)
		if err != nil {
			h.Del("Content-Encoding")
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Type", ct)
		h.Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			bytes.NewReader(b).WriteTo(w)
		}
	})
}

// NewServer returns a server of Handler with timeouts, so that a slow or
// stuck client cannot hold a connection open.
func NewServer() *http.Server {
	return &http.Server{
		Handler:           Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
}

// IsLoopback reports whether addr (host:port) names only this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
