package main

import "io"

// outputMode is the pair of flags every command takes: --json puts the
// command's result on stdout as one JSON object and nothing else, and
// --quiet prints nothing but errors. With both, --json wins.
type outputMode struct{ json, quiet *bool }

func addOutputFlags(f *flagSet) outputMode {
	return outputMode{json: f.Bool("json"), quiet: f.Bool("quiet")}
}

// text returns where the command's human-readable lines go: stdout, or
// nowhere under --json or --quiet.
func (o outputMode) text(e *env) io.Writer {
	if *o.json || *o.quiet {
		return io.Discard
	}
	return e.stdout
}
