package main

import (
	"bytes"
	"context"
	bin "encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/safetensors"
)

// catalogueDoc is the catalogue of bad inputs that TestErrorCatalogue
// checks row by row.
const catalogueDoc = "../../docs/errors.md"

// catalogueRow is one row of the catalogue: a command line, its exit code
// and what it prints on stderr.
type catalogueRow struct {
	line   int      // in the document, for messages
	env    []string // NAME=value words before the command
	signal syscall.Signal
	args   []string // after "train"
	code   int
	msg    string // the stderr text; … matches anything
}

// catalogue is what the document holds: files to write, setup commands,
// the names of the files the test makes itself, and the rows.
type catalogue struct {
	files     map[string]string
	setup     [][]string
	generated []string
	rows      []catalogueRow
}

var (
	fileHeading = regexp.MustCompile("^#### `([^`]+)`$")
	tableRow    = regexp.MustCompile(`^\|.*\|$`)
	codeSpan    = regexp.MustCompile("^`(.*)`$")
)

// parseCatalogue reads the document: "#### `name`" headings followed by a
// fenced block give a file's content, a block fenced as "sh setup" holds
// setup commands, a table whose first column is a code span and second
// says "made by the test" lists generated files, and every table row whose
// second cell is a code span starting with train (or with NAME=value or a
// (SIGINT)/(SIGTERM) prefix) is a case: | input | command | exit | message |.
func parseCatalogue(t *testing.T, text string) catalogue {
	t.Helper()
	c := catalogue{files: map[string]string{}}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if m := fileHeading.FindStringSubmatch(line); m != nil {
			body, end := fencedBlock(t, lines, i+1)
			if _, dup := c.files[m[1]]; dup {
				t.Errorf("line %d: a second file named %s; each name is one file", i+1, m[1])
			}
			c.files[m[1]] = body
			i = end
			continue
		}
		if strings.HasPrefix(line, "```sh setup") {
			body, end := fencedBlock(t, lines, i)
			for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
					c.setup = append(c.setup, shellWords(t, l))
				}
			}
			i = end
			continue
		}
		if !tableRow.MatchString(line) {
			continue
		}
		cells := tableCells(line)
		if len(cells) == 2 && strings.HasPrefix(cells[1], "made by the test") {
			if m := codeSpan.FindStringSubmatch(cells[0]); m != nil {
				c.generated = append(c.generated, m[1])
			}
			continue
		}
		if len(cells) != 4 {
			continue
		}
		cmd := codeSpan.FindStringSubmatch(cells[1])
		msg := codeSpan.FindStringSubmatch(cells[3])
		if cmd == nil || msg == nil {
			continue
		}
		r := catalogueRow{line: i + 1, msg: strings.ReplaceAll(msg[1], `\|`, "|")}
		words := shellWords(t, strings.ReplaceAll(cmd[1], `\|`, "|"))
		switch {
		case len(words) > 0 && words[0] == "(SIGINT)":
			r.signal, words = syscall.SIGINT, words[1:]
		case len(words) > 0 && words[0] == "(SIGTERM)":
			r.signal, words = syscall.SIGTERM, words[1:]
		}
		for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
			r.env, words = append(r.env, words[0]), words[1:]
		}
		if len(words) == 0 || words[0] != "train" {
			t.Fatalf("%s:%d: command %q does not start with train", catalogueDoc, i+1, cmd[1])
		}
		r.args = words[1:]
		switch cells[2] {
		case "1":
			r.code = exitError
		case "2":
			r.code = exitUsage
		case "130":
			r.code = exitInterrupted
		default:
			t.Fatalf("%s:%d: exit code %q, want 1, 2 or 130", catalogueDoc, i+1, cells[2])
		}
		c.rows = append(c.rows, r)
	}
	return c
}

// fencedBlock returns the text of the fenced block starting at or after
// lines[from], and the index of its closing fence.
func fencedBlock(t *testing.T, lines []string, from int) (string, int) {
	t.Helper()
	i := from
	for i < len(lines) && !strings.HasPrefix(lines[i], "```") {
		if strings.TrimSpace(lines[i]) != "" {
			t.Fatalf("%s:%d: want a fenced block after the file heading", catalogueDoc, from)
		}
		i++
	}
	var b strings.Builder
	for j := i + 1; j < len(lines); j++ {
		if strings.HasPrefix(lines[j], "```") {
			return b.String(), j
		}
		b.WriteString(lines[j] + "\n")
	}
	t.Fatalf("%s:%d: unclosed fenced block", catalogueDoc, i+1)
	return "", 0
}

// tableCells splits a Markdown table row at its unescaped pipes.
func tableCells(line string) []string {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteString(`\|`)
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// shellWords splits a command line as a POSIX shell would for words with
// single or double quotes and no other expansion.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var b strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\'' || ch == '"':
			j := strings.IndexByte(s[i+1:], ch)
			if j < 0 {
				t.Fatalf("unclosed quote in %q", s)
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case ch == ' ':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		default:
			b.WriteByte(ch)
			inWord = true
		}
	}
	if inWord {
		words = append(words, b.String())
	}
	return words
}

// wildcard turns a catalogue message into a regular expression in which
// … matches any text.
func wildcard(msg string) *regexp.Regexp {
	parts := strings.Split(msg, "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`^` + strings.Join(parts, `.*?`) + `$`)
}

// TestErrorCatalogue runs every row of docs/errors.md against the built
// binary: each bad input must give exactly the exit code and the message
// the document shows, so that the catalogue and the program cannot drift
// apart.
func TestErrorCatalogue(t *testing.T) {
	text, err := os.ReadFile(catalogueDoc)
	if err != nil {
		t.Fatal(err)
	}
	c := parseCatalogue(t, string(text))
	if len(c.rows) < 50 || len(c.files) == 0 || len(c.setup) == 0 {
		t.Fatalf("%s: %d rows, %d files, %d setup commands: the document did not parse", catalogueDoc, len(c.rows), len(c.files), len(c.setup))
	}
	dir := t.TempDir()
	for name, body := range c.files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	for _, words := range c.setup {
		runSetup(t, dir, words)
	}
	made := makeHostileFiles(t, dir)
	if got, want := slices.Sorted(slices.Values(c.generated)), slices.Sorted(slices.Values(made)); !slices.Equal(got, want) {
		t.Errorf("%s lists generated files\n%v\nbut the test makes\n%v", catalogueDoc, got, want)
	}
	evalMsg := map[string]string{} // model file -> the eval row's message
	for _, r := range c.rows {
		if len(r.args) == 5 && r.args[0] == "eval" && r.args[1] == "--model" {
			evalMsg[r.args[2]] = r.msg
		}
		res := runRow(t, dir, r)
		checkNoPanic(t, r.args, res.stderr)
		want := r.msg + "\n"
		if r.code == exitUsage {
			prog, _, _ := strings.Cut(r.msg, ":")
			want += "Run '" + prog + " --help' for usage.\n"
			if res.stdout != "" {
				t.Errorf("%s:%d: train %s: usage error with stdout %q", catalogueDoc, r.line, strings.Join(r.args, " "), res.stdout)
			}
		}
		if res.code != r.code || !wildcard(want).MatchString(res.stderr) {
			t.Errorf("%s:%d: train %s\nexit %d, stderr:\n%s\nwant exit %d, stderr:\n%s",
				catalogueDoc, r.line, strings.Join(r.args, " "), res.code, res.stderr, r.code, want)
		}
	}

	// Predict reads model files as eval does: every hostile one must be
	// refused by predict with eval's message.
	for _, name := range made {
		if strings.Contains(name, "/") {
			continue
		}
		want, ok := evalMsg[name]
		if !ok {
			t.Errorf("%s: no row runs train eval --model %s", catalogueDoc, name)
			continue
		}
		want = "train predict:" + strings.TrimPrefix(want, "train eval:") + "\n"
		r := cli(t, dir, nil, "predict", "--model", name, "--in", "no-x2.csv")
		if r.code != exitError || !wildcard(want).MatchString(r.stderr) {
			t.Errorf("train predict --model %s: exit %d, stderr:\n%s\nwant exit 1, stderr:\n%s", name, r.code, r.stderr, want)
		}
	}
}

// runSetup runs one setup command: train (which must exit 0, or 130 when
// it is told to interrupt itself), rm or mkdir.
func runSetup(t *testing.T, dir string, words []string) {
	t.Helper()
	var env []string
	for len(words) > 0 && strings.Contains(words[0], "=") {
		env, words = append(env, words[0]), words[1:]
	}
	switch {
	case len(words) == 2 && words[0] == "rm":
		if err := os.RemoveAll(filepath.Join(dir, words[1])); err != nil {
			t.Fatal(err)
		}
	case len(words) == 2 && words[0] == "mkdir":
		if err := os.MkdirAll(filepath.Join(dir, words[1]), 0o755); err != nil {
			t.Fatal(err)
		}
	case len(words) > 1 && words[0] == "train":
		r := cli(t, dir, env, words[1:]...)
		if r.code != 0 && !(r.code == exitInterrupted && len(env) > 0) {
			t.Fatalf("setup: %s: exit %d\n%s", strings.Join(words, " "), r.code, r.stderr)
		}
	default:
		t.Fatalf("setup: %q: want train ..., rm FILE or mkdir DIR", words)
	}
}

// runRow runs one case, sending its signal once the run is training.
func runRow(t *testing.T, dir string, r catalogueRow) result {
	t.Helper()
	if r.signal == 0 {
		return cli(t, dir, r.env, r.args...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, r.args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), r.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Training by then, even on a loaded machine: see
	// TestFitSignalSavesCheckpoint.
	time.Sleep(500 * time.Millisecond)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cpu, ok := cpuSeconds(cmd.Process.Pid); !ok || cpu >= 0.25 {
			break
		}
	}
	if err := cmd.Process.Signal(r.signal); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	res := result{stdout: stdout.String(), stderr: stderr.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		res.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("train %s: %v", strings.Join(r.args, " "), err)
	}
	return res
}

// rawFile lays out a safetensors file by hand: the 8-byte length, the
// header exactly as given, then data.
func rawFile(header string, data []byte) []byte {
	b := bin.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

// makeHostileFiles writes the model files no reader should trust into dir,
// from model/model.safetensors (made by the setup) where a real model is
// the starting point, and returns their names.
func makeHostileFiles(t *testing.T, dir string) []string {
	t.Helper()
	good, err := os.ReadFile(filepath.Join(dir, "model", "model.safetensors"))
	if err != nil {
		t.Fatalf("the setup must write model/model.safetensors: %v", err)
	}
	f, err := safetensors.Decode(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	eight := make([]byte, 8)
	files := map[string][]byte{
		"empty.safetensors":                {},
		"short.safetensors":                []byte("abc"),
		"huge-header.safetensors":          append(bin.LittleEndian.AppendUint64(nil, 1<<62), "{}"...),
		"header-past-end.safetensors":      append(bin.LittleEndian.AppendUint64(nil, 4096), "{}"...),
		"not-json.safetensors":             rawFile("not json", nil),
		"truncated.safetensors":            good[:len(good)*2/3],
		"offsets-out-of-range.safetensors": rawFile(`{"w":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}`, eight),
		"offsets-overlap.safetensors": rawFile(`{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[2],"data_offsets":[8,24]}}`,
			make([]byte, 24)),
		"offsets-gap.safetensors": rawFile(`{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}`,
			make([]byte, 24)),
		"shape-mismatch.safetensors": rawFile(`{"w":{"dtype":"F64","shape":[3],"data_offsets":[0,16]}}`, make([]byte, 16)),
		"huge-shape.safetensors":     rawFile(`{"w":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}`, eight),
		"int-dtype.safetensors":      rawFile(`{"w":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}`, eight),
		"unknown-dtype.safetensors":  rawFile(`{"w":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}}`, eight),
	}
	// Valid safetensors files whose metadata or tensors do not describe an
	// nnlab model, or not the one they claim.
	withMeta := func(change map[string]string, tensors map[string]*tensor.Tensor) []byte {
		meta := map[string]string{}
		for k, v := range f.Metadata {
			meta[k] = v
		}
		for k, v := range change {
			if v == "" {
				delete(meta, k)
			} else {
				meta[k] = v
			}
		}
		if tensors == nil {
			tensors = f.Tensors
		}
		var b bytes.Buffer
		if err := safetensors.Encode(&b, tensors, meta); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	with := func(name string, v *tensor.Tensor) map[string]*tensor.Tensor {
		m := map[string]*tensor.Tensor{}
		for k, t := range f.Tensors {
			m[k] = t
		}
		if v == nil {
			delete(m, name)
		} else {
			m[name] = v
		}
		return m
	}
	nan := f.Tensors["0.weight"].Clone()
	nan.Data()[1] = math.NaN()
	for name, b := range map[string][]byte{
		"not-nnlab.safetensors":         withMeta(map[string]string{"format": "pt"}, nil),
		"sizes-mismatch.safetensors":    withMeta(map[string]string{"sizes": "[2,99,1]"}, nil),
		"sizes-huge.safetensors":        withMeta(map[string]string{"sizes": "[2,2000000,2000000,1]"}, nil),
		"bad-activation.safetensors":    withMeta(map[string]string{"activation": "swish"}, nil),
		"bad-loss.safetensors":          withMeta(map[string]string{"loss": "hinge"}, nil),
		"classes-mismatch.safetensors":  withMeta(map[string]string{"classes": `["only"]`}, nil),
		"features-mismatch.safetensors": withMeta(map[string]string{"features": `["x1"]`}, nil),
		"std-mismatch.safetensors":      withMeta(map[string]string{"standardize_mean": "[0]"}, nil),
		"missing-tensor.safetensors":    withMeta(nil, with("2.bias", nil)),
		"extra-tensor.safetensors":      withMeta(nil, with("9.weight", tensor.Zeros(1))),
		"nan-weight.safetensors":        withMeta(nil, with("0.weight", nan)),
		"std-zero.safetensors":          withMeta(map[string]string{"standardize_std": "[1,0]"}, nil),
		"std-negative.safetensors":      withMeta(map[string]string{"standardize_std": "[-1,1]"}, nil),
		"mean-nan.safetensors":          withMeta(map[string]string{"standardize_mean": `[0,"NaN"]`}, nil),
		"duplicate-feature.safetensors": withMeta(map[string]string{"features": `["x1","x1"]`}, nil),
		"duplicate-class.safetensors":   withMeta(map[string]string{"classes": `["0","0"]`}, nil),
	} {
		files[name] = b
	}
	// Checkpoints for --resume: one cut short, and a model where a
	// checkpoint belongs.
	ck, err := os.ReadFile(filepath.Join(dir, "paused", checkpointName))
	if err != nil {
		t.Fatalf("the setup must write paused/%s: %v", checkpointName, err)
	}
	files["broken-run/"+checkpointName] = ck[:len(ck)/2]
	files["not-a-run/"+checkpointName] = good
	for name, b := range hostileCheckpoints(t, ck) {
		files[name+"/"+checkpointName] = b
	}
	var names []string
	for name, b := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// hostileCheckpoints returns copies of a good checkpoint with one value
// changed that no run can have written, by the name of their directory.
func hostileCheckpoints(t *testing.T, good []byte) map[string][]byte {
	t.Helper()
	edit := func(change func(tensors map[string]*tensor.Tensor, meta map[string]string)) []byte {
		f, err := safetensors.Decode(bytes.NewReader(good), int64(len(good)))
		if err != nil {
			t.Fatal(err)
		}
		change(f.Tensors, f.Metadata)
		var b bytes.Buffer
		if err := safetensors.Encode(&b, f.Tensors, f.Metadata); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	return map[string][]byte{
		"lr-zero-run": edit(func(ts map[string]*tensor.Tensor, _ map[string]string) {
			ts["optimizer.lr"] = tensor.New([]float64{0}, 1)
		}),
		"negative-moment-run": edit(func(ts map[string]*tensor.Tensor, _ map[string]string) {
			ts["optimizer.0.exp_avg_sq"].Data()[1] = -1
		}),
		"steps-run": edit(func(ts map[string]*tensor.Tensor, _ map[string]string) {
			ts["optimizer.2.step"] = tensor.New([]float64{1}, 1)
		}),
		"hidden-zero-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"hidden":[16,16]`, `"hidden":[0,16]`, 1)
		}),
		"huge-n-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"n":100,`, `"n":1000000000000,`, 1)
		}),
		"early-stop-test-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`, `"test":0.2,"early_stop":3,`, 1)
		}),
		"val-one-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`, `"test":0.2,"val":1,`, 1)
		}),
		"val-dev-zero-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`,
				`"test":0.2,"val_data":{"name":"/dev/zero","path":"/dev/zero","sha256":"`+strings.Repeat("0", 64)+`"},`, 1)
		}),
		"schedule-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`, `"test":0.2,"schedule":"linear:3",`, 1)
		}),
		"clip-negative-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`, `"test":0.2,"clip_grad_norm":-1,`, 1)
		}),
		"class-weight-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`, `"test":0.2,"class_weight":"1,-2",`, 1)
		}),
		"drop-builtin-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = strings.Replace(meta[settingsKey], `"test":0.2,`, `"test":0.2,"drop":["x1"],`, 1)
		}),
		"dev-zero-run": edit(func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[settingsKey] = regexp.MustCompile(`"generate":\{[^}]*\}`).ReplaceAllString(meta[settingsKey],
				`"data_path":"/dev/zero","data_sha256":"`+strings.Repeat("0", 64)+`"`)
		}),
	}
}
