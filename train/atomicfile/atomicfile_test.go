package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listDir returns the names in dir, to catch temporary files left behind.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name     string
		existing string // "" means no file beforehand
		write    func(io.Writer) error
		wantErr  error
		want     string // content afterwards
	}{
		{"create", "", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, nil, "new"},
		{"replace", "old content", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, nil, "new"},
		{"replace with empty", "old", func(io.Writer) error { return nil }, nil, ""},
		{"write fails after writing", "old content", func(w io.Writer) error {
			io.WriteString(w, strings.Repeat("partial ", 100000)) // more than the buffer
			return errBoom
		}, errBoom, "old content"},
		{"write fails, no old file", "", func(io.Writer) error { return errBoom }, errBoom, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "metrics.json")
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := Write(path, tt.write)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			got, readErr := os.ReadFile(path)
			switch {
			case tt.existing == "" && tt.wantErr != nil:
				if !errors.Is(readErr, os.ErrNotExist) {
					t.Errorf("failed write created %s (read error %v)", path, readErr)
				}
			case readErr != nil:
				t.Fatal(readErr)
			case string(got) != tt.want:
				t.Errorf("content %.40q, want %q", got, tt.want)
			}
			names := listDir(t, dir)
			wantFiles := 1
			if tt.existing == "" && tt.wantErr != nil {
				wantFiles = 0
			}
			if len(names) != wantFiles {
				t.Errorf("directory holds %v, want only the target", names)
			}
		})
	}
}

func TestWritePanic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the write func's panic was swallowed")
			}
		}()
		Write(path, func(w io.Writer) error {
			io.WriteString(w, "half")
			panic("bug in caller")
		})
	}()
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("content %q, want the old file", got)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only the target", names)
	}
}

func TestWriteMode(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh")
	private := filepath.Join(dir, "private")
	if err := os.WriteFile(private, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(private, 0o600) // whatever the umask did
	write := func(w io.Writer) error { _, err := io.WriteString(w, "y"); return err }
	for path, want := range map[string]os.FileMode{fresh: 0o644, private: 0o600} {
		if err := Write(path, write); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(path), info.Mode().Perm(), want)
		}
	}
}

func TestWriteMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "f")
	err := Write(path, func(io.Writer) error { return nil })
	want := "write " + path + ": directory " + filepath.Dir(path) + " does not exist"
	if !errors.Is(err, os.ErrNotExist) || err.Error() != want {
		t.Errorf("error %v, want %q wrapping ErrNotExist", err, want)
	}
}

// A directory where the file should go is reported as such, before write
// runs, and is left as it was.
func TestWriteOntoDirectory(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	called := false
	err := Write(target, func(io.Writer) error { called = true; return nil })
	if err == nil || err.Error() != "write "+target+": it is a directory; name a file" || called {
		t.Errorf("error %v, write called %v", err, called)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v afterwards", names)
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.txt")
	link := filepath.Join(dir, "link.txt")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := Write(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("target holds %q, want %q", b, "new")
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the target's 0600", fi.Mode().Perm())
	}
}

func TestWriteDeviceInPlace(t *testing.T) {
	before, err := os.Lstat(os.DevNull)
	if err != nil || before.Mode()&os.ModeDevice == 0 {
		t.Skip("no device at", os.DevNull)
	}
	if err := Write(os.DevNull, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	after, err := os.Lstat(os.DevNull)
	if err != nil || after.Mode()&os.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, after, err)
	}
	matches, _ := filepath.Glob("/dev/.null.tmp-*")
	if len(matches) > 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}
