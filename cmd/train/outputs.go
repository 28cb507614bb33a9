package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// fit's output directory. A run checks it can write there before it
// trains, locks it against a second run, writes every output into a
// staging directory inside it, and only when all of them are written
// moves them into place and writes manifest.json, listing the files of
// the run and their digests, last. A failure at any output leaves the
// earlier run's files as they were; a run killed while moving leaves the
// earlier manifest, whose digests tell which files still belong to it.

// Names of what fit keeps in its output directory.
const (
	manifestName = "manifest.json"
	lockName     = ".train-fit.lock"
	stagePrefix  = ".train-fit-staging-"
)

// fitOutputNames are the files a finished run may write: a run replaces
// those it writes and removes the others, so that the directory never
// holds a plot of an earlier run beside a new model.
var fitOutputNames = []string{"model.safetensors", "metrics.json", splitName, "history.csv", "loss.png", "boundary.png", "roc.png", "predicted.png", "heatmap.png", neuronsName, animationName}

// outDir is fit's output directory, checked and locked for one run.
type outDir struct {
	dir     string
	created bool   // the run made the directory
	unlock  func() // releases the lock
}

// openOutDir makes sure dir exists and can be written (creating and
// removing a probe file), takes its lock, and removes what killed runs
// left behind: staging directories and temporary files of fit's outputs.
// It runs before the data is read, so that nothing is trained that could
// not be saved.
func openOutDir(dir string) (*outDir, error) {
	o := &outDir{dir: dir}
	if _, err := os.Stat(dir); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("--out %s: cannot create the directory: %v", dir, pathErr(err))
		}
		o.created = true
	}
	probe, err := os.CreateTemp(dir, ".train-fit-probe-*")
	if err != nil {
		o.abandon()
		return nil, fmt.Errorf("--out %s: cannot write in the directory: %v", dir, pathErr(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	unlock, err := lockDir(filepath.Join(dir, lockName))
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("--out %s: another 'train fit' is writing to this directory (it holds %s); wait for it to finish or choose another --out",
			dir, filepath.Join(dir, lockName))
	}
	if err != nil {
		o.abandon()
		return nil, fmt.Errorf("--out %s: cannot lock the directory: %v", dir, pathErr(err))
	}
	o.unlock = unlock
	if err := checkTargets(dir); err != nil {
		o.close(true)
		return nil, err
	}
	removeStale(dir)
	return o, nil
}

// close releases the lock. After a failed run in a directory the run
// made, it removes the directory again if nothing else is in it.
func (o *outDir) close(failed bool) {
	if o.unlock != nil {
		o.unlock()
		o.unlock = nil
	}
	if failed {
		o.abandon()
	}
}

func (o *outDir) abandon() {
	if o.created {
		os.Remove(filepath.Join(o.dir, lockName))
		os.Remove(o.dir) // fails, harmlessly, unless empty
	}
}

// checkTargets reports an output name taken by a directory (or anything
// a file cannot replace) before any work is done.
func checkTargets(dir string) error {
	for _, name := range append(slices.Clone(fitOutputNames), manifestName) {
		p := filepath.Join(dir, name)
		if info, err := os.Lstat(p); err == nil && info.IsDir() {
			return fmt.Errorf("--out %s: %s is a directory, where fit writes a file; nothing in %s was replaced", dir, p, dir)
		}
	}
	return nil
}

// removeStale removes what killed runs left in dir: staging directories
// and the temporary files of fit's own outputs (".NAME.tmp-*"). Under the
// lock no other run writes there, so every such name is stale.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	names := append(slices.Clone(fitOutputNames), manifestName, checkpointName)
	for _, e := range entries {
		n := e.Name()
		stale := strings.HasPrefix(n, stagePrefix) || strings.HasPrefix(n, ".train-fit-probe-")
		for _, out := range names {
			stale = stale || strings.HasPrefix(n, "."+out+".tmp-")
		}
		if stale {
			os.RemoveAll(filepath.Join(dir, n))
		}
	}
}

// pathErr drops the path from a *fs.PathError, which would name a probe
// or temporary file the user never asked for.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// staging collects a run's outputs in a directory inside the output
// directory until all are written.
type staging struct {
	dir, stage string
	names      []string
}

// stageHook, when set (by tests), is called before each output is
// written; its error stands for a failed write.
var stageHook func(name string) error

func newStaging(dir string) (*staging, error) {
	stage, err := os.MkdirTemp(dir, stagePrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("--out %s: cannot write in the directory: %v", dir, pathErr(err))
	}
	return &staging{dir: dir, stage: stage}, nil
}

// write stages the output name with write, which is given the path to
// write it to.
func (s *staging) write(name string, write func(path string) error) error {
	if stageHook != nil {
		if err := stageHook(name); err != nil {
			return s.fail(name, err)
		}
	}
	p := filepath.Join(s.stage, name)
	if err := write(p); err != nil {
		return s.fail(name, err)
	}
	s.names = append(s.names, name)
	return nil
}

// fail words an output's failure with the name the user will look for
// rather than the staging path.
func (s *staging) fail(name string, err error) error {
	msg := strings.ReplaceAll(err.Error(), s.stage, s.dir)
	return fmt.Errorf("writing %s failed, so nothing in %s was replaced: %s", filepath.Join(s.dir, name), s.dir, msg)
}

// discard removes the staged outputs.
func (s *staging) discard() { os.RemoveAll(s.stage) }

// manifest is manifest.json: the files of one run and their digests.
type manifest struct {
	WrittenBy string         `json:"written_by"`
	Files     []manifestFile `json:"files"`
}

type manifestFile struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// commit moves the staged outputs into the output directory, removes
// outputs of an earlier run that this one did not write, and writes the
// manifest last.
func (s *staging) commit() error {
	defer s.discard()
	if err := checkTargets(s.dir); err != nil {
		return err
	}
	m := manifest{WrittenBy: "train fit"}
	for _, name := range s.names {
		f, err := digestFile(filepath.Join(s.stage, name))
		if err != nil {
			return s.fail(name, err)
		}
		f.Name = name
		m.Files = append(m.Files, f)
	}
	b, err := marshalIndent(m)
	if err != nil {
		return err
	}
	for _, name := range s.names {
		if err := os.Rename(filepath.Join(s.stage, name), filepath.Join(s.dir, name)); err != nil {
			return fmt.Errorf("moving %s into place: %v; %s lists the files of the earlier run", filepath.Join(s.dir, name), pathErr(err), filepath.Join(s.dir, manifestName))
		}
	}
	for _, name := range fitOutputNames {
		if !slices.Contains(s.names, name) {
			os.Remove(filepath.Join(s.dir, name))
		}
	}
	return writeFileAtomic(filepath.Join(s.dir, manifestName), b)
}

// digestFile returns the length and SHA-256 of a file.
func digestFile(path string) (manifestFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return manifestFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return manifestFile{}, err
	}
	return manifestFile{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
