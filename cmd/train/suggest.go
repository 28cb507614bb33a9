package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// didYouMean returns "; did you mean PREFIX+X?" for the candidate closest
// to name, or "" when none is close: by edit distance (datasets.Closest,
// any case), else one that has the same letters in another order ("fti")
// or begins with name ("pred").
func didYouMean(name, prefix string, candidates []string) string {
	c := datasets.Closest(name, candidates)
	for _, cand := range candidates {
		if c != "" {
			break
		}
		n, k := strings.ToLower(name), strings.ToLower(cand)
		if len(n) >= 2 && (sortedLetters(n) == sortedLetters(k) || strings.HasPrefix(k, n)) {
			c = cand
		}
	}
	if c == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %s%s?", prefix, c)
}

func sortedLetters(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(r)
}

// flagNames lists the flags of f, for suggestions.
func (f *flagSet) flagNames() []string {
	var names []string
	f.fs.VisitAll(func(fl *flag.Flag) { names = append(names, fl.Name) })
	return names
}

// commandNames lists the subcommands, for suggestions.
func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

// activationHint suggests a known activation for the name part of a
// --act spec that is not one.
func activationHint(spec string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(spec), ":")
	var names []string
	for _, s := range layer.ActivationSpecs() {
		names = append(names, s.Name)
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return "" // known: the error is in the parameters
		}
	}
	return didYouMean(name, "", names)
}

// looksLikePath reports whether a --data value that is neither a file nor
// a built-in name was meant as a file: it has a directory or an extension.
func looksLikePath(s string) bool {
	return strings.ContainsRune(s, '/') || strings.ContainsRune(s, filepath.Separator) || filepath.Ext(s) != ""
}

// printVersion writes 'train --version': the module's version from the
// build information, the Go version and the matrix kernel in use.
func printVersion(w io.Writer) {
	version, module := "(devel)", "github.com/nnlab/nnlab"
	if bi, ok := debug.ReadBuildInfo(); ok {
		module = bi.Main.Path
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && version == "(devel)" {
				version += " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(w, "train %s (%s)\n%s %s/%s\nmatrix kernel: %s\n", version, module, runtime.Version(), runtime.GOOS, runtime.GOARCH, tensor.Kernel())
}
