package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCLIWalkthrough runs the commands of docs/cli.md's walk-through, in
// order, on its example files, and checks that each prints what the doc
// shows (stderr, then stdout). The example files must be what the
// generator writes, so that the doc can say how they were made.
func TestCLIWalkthrough(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, f := range []struct {
		name  string
		n     int
		seed  uint64
		idCol bool
	}{{"bc.csv", 569, 1, false}, {"bc-new.csv", 200, 2, true}} {
		b := fileBytes(t, filepath.Join("..", "..", "docs", "examples", f.name))
		if string(b) != bcTable(f.n, f.seed, f.idCol) {
			t.Fatalf("docs/examples/%s is not bcTable(%d, %d, %v)", f.name, f.n, f.seed, f.idCol)
		}
		writeFile(t, filepath.Join(dir, f.name), string(b))
	}
	steps := walkthroughSteps(t, filepath.Join("..", "..", "docs", "cli.md"))
	if len(steps) < 6 {
		t.Fatalf("found %d commands in the walk-through", len(steps))
	}
	for _, s := range steps {
		words := strings.Fields(s.cmd)
		var got string
		switch words[0] {
		case "train":
			r := cli(t, dir, nil, words[1:]...)
			if r.code != 0 {
				t.Fatalf("%s: exit %d\n%s", s.cmd, r.code, r.stderr)
			}
			got = r.stderr + r.stdout
		case "head":
			n, _ := strconv.Atoi(strings.TrimPrefix(words[1], "-"))
			lines := strings.SplitAfter(string(fileBytes(t, filepath.Join(dir, words[2]))), "\n")
			got = strings.Join(lines[:n], "")
		default:
			t.Fatalf("the walk-through runs %q, which the test cannot", s.cmd)
		}
		if got != s.want {
			t.Errorf("$ %s\nprints\n%s\ndocs/cli.md shows\n%s", s.cmd, got, s.want)
		}
	}
}

// walkStep is a command of the walk-through and what it prints.
type walkStep struct{ cmd, want string }

// walkthroughSteps reads the "console walkthrough" blocks of a Markdown
// file: lines "$ command" each followed by its output.
func walkthroughSteps(t *testing.T, path string) []walkStep {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var steps []walkStep
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "```console walkthrough":
			in = true
		case in && line == "```":
			in = false
		case in && strings.HasPrefix(line, "$ "):
			steps = append(steps, walkStep{cmd: line[2:]})
		case in && len(steps) > 0:
			steps[len(steps)-1].want += line + "\n"
		}
	}
	return steps
}
