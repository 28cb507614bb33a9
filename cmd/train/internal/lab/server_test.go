package lab

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/wasmbuild"
)

func get(t *testing.T, method, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec.Result()
}

func TestHandlerServesEmbeddedFiles(t *testing.T) {
	for _, tc := range []struct{ path, ctype, enc string }{
		{"/", "text/html; charset=utf-8", ""},
		{"/lab.js", "text/javascript; charset=utf-8", ""},
		{"/lab.worker.js", "text/javascript; charset=utf-8", ""},
		{"/lab.css", "text/css; charset=utf-8", ""},
		{"/lab.wasm", "application/wasm", "gzip"},
		{"/lab.wasm.gz", "application/gzip", ""},
	} {
		r := get(t, "GET", tc.path)
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != tc.ctype || r.Header.Get("Content-Encoding") != tc.enc {
			t.Errorf("GET %s: %d %q %q, want 200 %q %q", tc.path, r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding"), tc.ctype, tc.enc)
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: CSP %q", tc.path, csp)
		}
	}
	for _, p := range []string{"/../go.mod", "/lab.wasm.version", "/nope.html", "/static/index.html", "/%2e%2e/lab.go"} {
		if r := get(t, "GET", p); r.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, r.StatusCode)
		}
	}
	if r := get(t, "POST", "/"); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", r.StatusCode)
	}
	r := get(t, "HEAD", "/lab.js")
	if b, _ := io.ReadAll(r.Body); r.StatusCode != 200 || len(b) != 0 {
		t.Errorf("HEAD /lab.js: %d with %d bytes", r.StatusCode, len(b))
	}
}

func TestServerTimeouts(t *testing.T) {
	s := NewServer()
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 {
		t.Fatalf("a timeout is unset: %+v", s)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.2:80": false, "nonsense": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
}

// TestPageFetchesNothingElsewhere checks that no file names a URL off the
// lab: the page runs offline from the embedded files.
func TestPageFetchesNothingElsewhere(t *testing.T) {
	names, err := fs.Glob(Files(), "*.[hjc]*") // .html, .js, .css
	if err != nil || len(names) < 8 {
		t.Fatalf("the page's files: %v, %v", names, err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, ".gz") || name == "wasm_exec.js" {
			continue
		}
		b, err := fs.ReadFile(Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"http://", "https://", "//cdn"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s mentions %q", name, bad)
			}
		}
	}
}

// TestWasmIsCurrent rebuilds the engine and fails if the committed
// static/lab.wasm.gz is not what the sources build: the lab never runs
// stale code. The bytes depend on the Go version, so another version
// than the one recorded skips, saying so.
func TestWasmIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not rebuilding the wasm engine")
	}
	ver, err := os.ReadFile("static/lab.wasm.version")
	if err != nil {
		t.Fatal(err)
	}
	if v := strings.TrimSpace(string(ver)); v != runtime.Version() {
		t.Skipf("static/lab.wasm.gz was built by %s and this is %s, whose output differs; run go generate ./cmd/train/internal/lab with %s to check", v, runtime.Version(), v)
	}
	gz, err := os.ReadFile("static/lab.wasm.gz")
	if err != nil {
		t.Fatal(err)
	}
	committed, err := wasmbuild.Decompress(gz)
	if err != nil {
		t.Fatal(err)
	}
	built, err := wasmbuild.Build(".")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, built) {
		t.Fatalf("static/lab.wasm.gz (%d bytes decompressed) is not what the sources build (%d bytes): run go generate ./cmd/train/internal/lab and commit it", len(committed), len(built))
	}
}
