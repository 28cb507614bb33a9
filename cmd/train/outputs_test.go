package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// snapshot reads every regular file directly in dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			files[e.Name()] = fileBytes(t, filepath.Join(dir, e.Name()))
		}
	}
	return files
}

// checkUnchanged fails if a file of before differs or is gone.
func checkUnchanged(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	for name, b := range before {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s changed or is gone (%v)", name, err)
		}
	}
}

// checkNoLeftovers fails if dir holds staging directories or temporary
// files.
func checkNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), stagePrefix) || strings.Contains(e.Name(), "probe") {
			t.Errorf("%s left behind in %s", e.Name(), dir)
		}
	}
}

// A run that fails at its last output leaves the earlier run whole: a
// directory where boundary.png goes (found before training), and a write
// that fails at roc.png, the last output, after the others were written.
func TestFitFailedOutputKeepsEarlierRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	mustCode(t, dir, nil, 0, fitArgs("moons", "run", "--quiet")...)
	if err := os.Remove(filepath.Join(run, "boundary.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(run, "boundary.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, run)
	r := mustCode(t, dir, nil, 1, fitArgs("moons", "run", "--seed", "2")...)
	want := "train fit: --out run: run/boundary.png is a directory, where fit writes a file; nothing in run was replaced\n"
	if r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	checkUnchanged(t, run, before)
	checkNoLeftovers(t, run)
}

func TestFitFailedLastWriteKeepsEarlierRun(t *testing.T) {
	t.Chdir(t.TempDir())
	args := []string{"fit", "--data", "moons", "--n", "200", "--epochs", "3", "--out", "run", "--quiet"}
	var stdout, stderr strings.Builder
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	before := snapshot(t, "run")
	if _, ok := before[splitName]; !ok {
		t.Fatalf("the first run wrote no %s", splitName)
	}
	old := stageHook
	var staged []string
	stageHook = func(name string) error {
		staged = append(staged, name)
		if name == "roc.png" {
			return errors.New("no space left on device")
		}
		return nil
	}
	defer func() { stageHook = old }()
	code := run(append(args, "--seed", "5"), strings.NewReader(""), &stdout, &stderr)
	want := "train fit: writing run/roc.png failed, so nothing in run was replaced: no space left on device\n"
	if code != exitError || !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
	if len(staged) != 7 {
		t.Errorf("staged %v, want all seven outputs tried", staged)
	}
	// The second run's seed splits the rows otherwise: the first run's
	// split.json stays, with the first run's model.
	checkUnchanged(t, "run", before)
	checkNoLeftovers(t, "run")
}

// manifest.json lists every file of the run with its digest, and nothing
// else of fit's outputs: a plot an earlier run drew and this one did not
// is removed.
func TestFitManifest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	mustCode(t, dir, nil, 0, fitArgs("moons", "run", "--quiet")...)
	if !exists(filepath.Join(run, "roc.png")) {
		t.Fatal("a two-class run drew no roc.png")
	}
	mustCode(t, dir, nil, 0, fitArgs("blobs", "run", "--quiet")...)
	if exists(filepath.Join(run, "roc.png")) {
		t.Error("roc.png of the two-class run is still there after the three-class run")
	}
	var m manifest
	if err := json.Unmarshal(fileBytes(t, filepath.Join(run, manifestName)), &m); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range m.Files {
		b := fileBytes(t, filepath.Join(run, f.Name))
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(b)) != f.Bytes {
			t.Errorf("manifest: %s does not match its digest", f.Name)
		}
		names = append(names, f.Name)
	}
	want := []string{"model.safetensors", "metrics.json", splitName, "history.csv", "loss.png", "boundary.png", "neurons.png"}
	if !slices.Equal(names, want) {
		t.Errorf("manifest lists %v, want %v", names, want)
	}
}

// An --out that cannot be written is found before the first step.
func TestFitUnwritableOutBeforeTraining(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "a-file", "x")
	old := beforeTrain
	trained := false
	beforeTrain = func() error { trained = true; return nil }
	defer func() { beforeTrain = old }()
	var stdout, stderr strings.Builder
	code := run([]string{"fit", "--data", "moons", "--epochs", "1", "--out", "a-file/run", "--quiet"}, strings.NewReader(""), &stdout, &stderr)
	want := "train fit: --out a-file/run: cannot create the directory: not a directory\n"
	if code != exitError || stderr.String() != want || trained {
		t.Errorf("exit %d, trained %v, stderr %q, want %q", code, trained, stderr.String(), want)
	}
	if os.Geteuid() == 0 {
		return // root writes in a read-only directory
	}
	if err := os.Mkdir("ro", 0o555); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code = run([]string{"fit", "--data", "moons", "--epochs", "1", "--out", "ro", "--quiet"}, strings.NewReader(""), &stdout, &stderr)
	want = "train fit: --out ro: cannot write in the directory: permission denied\n"
	if code != exitError || stderr.String() != want || trained {
		t.Errorf("exit %d, trained %v, stderr %q, want %q", code, trained, stderr.String(), want)
	}
}

// A second run into a directory another run holds fails at once; stale
// temporary files of fit's outputs go, other files stay.
func TestFitLockAndStaleFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	if err := os.MkdirAll(filepath.Join(run, stagePrefix+"123"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(run, stagePrefix+"123", "model.safetensors"), "old")
	writeFile(t, filepath.Join(run, ".model.safetensors.tmp-4242"), "old")
	writeFile(t, filepath.Join(run, ".notes.txt.tmp-1"), "mine")
	unlock, err := lockDir(filepath.Join(run, lockName))
	if err != nil {
		t.Fatal(err)
	}
	r := mustCode(t, dir, nil, 1, fitArgs("moons", "run", "--epochs", "1000000")...)
	want := "train fit: --out run: another 'train fit' is writing to this directory (it holds run/.train-fit.lock); wait for it to finish or choose another --out\n"
	if r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	unlock()
	mustCode(t, dir, nil, 0, fitArgs("moons", "run", "--quiet")...)
	for name, gone := range map[string]bool{stagePrefix + "123": true, ".model.safetensors.tmp-4242": true, ".notes.txt.tmp-1": false} {
		if exists(filepath.Join(run, name)) == gone {
			t.Errorf("%s: exists %v after the run, want %v", name, !gone, !gone)
		}
	}
}

// fit reads its data once: from a pipe on standard input, and the digest
// it records is that of the bytes it read.
func TestFitReadsStdinOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "datasets", "moons", "--n", "100", "--csv", "d.csv")
	data := fileBytes(t, filepath.Join(dir, "d.csv"))
	cmd := exec.Command(binary, "fit", "--data", "/dev/stdin", "--epochs", "2", "--out", "run", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(data) // a pipe, not a file
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cat d.csv | train fit --data /dev/stdin: %v\n%s", err, out)
	}
	m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
	sum := sha256.Sum256(data)
	if s := m["settings"].(map[string]any); s["data_sha256"] != hex.EncodeToString(sum[:]) {
		t.Errorf("data_sha256 %v, want the digest of the bytes piped in", s["data_sha256"])
	}
}

// Inputs that never end stop with a message naming them, in every command
// that reads CSV.
func TestEndlessInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("moons", "model", "--quiet")...)
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		for _, args := range [][]string{
			{"fit", "--data", dev, "--out", "x"},
			{"eval", "--model", "model", "--data", dev},
			{"predict", "--model", "model", "--in", dev},
			{"roc", "--in", dev},
		} {
			r := mustCode(t, dir, nil, 1, args...)
			if !strings.Contains(r.stderr, dev+":") || !strings.Contains(r.stderr, "binary data, not CSV text") {
				t.Errorf("train %s: stderr %q", strings.Join(args, " "), r.stderr)
			}
		}
	}
}
