package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Write replaces the file at path with what write produces. It
// writes to a temporary file in the same directory (so the rename cannot
// cross file systems), syncs it, renames it over path and syncs the
// directory so the rename itself survives a crash. If write or any step
// fails (or write panics), the temporary file is removed and path is left as
// it was. A new file gets mode 0644; a replaced one keeps its mode.
//
// A symbolic link is followed: the file it names is replaced and the link
// stays. A path that is not a regular file, such as /dev/null, /dev/stdout
// or a named pipe, cannot be replaced and holds nothing to protect, so it is
// written in place; a directory is an error.
//
// write receives a buffered writer; it need not flush it.
func Write(path string, write func(io.Writer) error) error {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if info, statErr := os.Stat(target); statErr == nil {
		if info.IsDir() {
			// Caught here, before the work of write, and named plainly
			// rather than as a rename of a temporary file that failed.
			return fmt.Errorf("write %s: it is a directory; name a file", path)
		}
		if !info.Mode().IsRegular() {
			return writeInPlace(path, target, write)
		}
		mode = info.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		return &missingDirError{path: path, dir: filepath.Clean(dir)}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done { // also on panic: never leave a temp file behind
			f.Close()
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		done = true
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		done = true
		return fmt.Errorf("write %s: %w", path, err)
	}
	done = true
	return syncDir(dir, path)
}

// writeInPlace writes to a device or pipe, which has no contents to keep.
func writeInPlace(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// missingDirError reports that the directory to write path in does not
// exist, rather than that creating a temporary file failed; it is
// fs.ErrNotExist.
type missingDirError struct{ path, dir string }

func (e *missingDirError) Error() string {
	return fmt.Sprintf("write %s: directory %s does not exist", e.path, e.dir)
}

func (e *missingDirError) Unwrap() error { return fs.ErrNotExist }

// syncDir makes a rename in dir durable. Windows cannot fsync a directory
// (and its renames need no such step), so there it does nothing.
func syncDir(dir, path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("write %s: sync directory: %w", path, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("write %s: sync directory: %w", path, err)
	}
	return nil
}
