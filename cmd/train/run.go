package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1   // runtime error: bad file, diverged run, ...
	exitUsage       = 2   // bad command line
	exitInterrupted = 130 // fit stopped by SIGINT or SIGTERM, checkpoint saved
)

// env is what a command may touch of the outside world, so that run is
// the whole program apart from os.Exit.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// ctx is cancelled by SIGINT or SIGTERM while a command that handles
	// them runs; stopSignals restores their default action.
	ctx         context.Context
	stopSignals func()
}

// command is one subcommand of train.
type command struct {
	name    string
	summary string
	help    string
	run     func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"fit", "train a classifier on a built-in data set or a CSV file", fitHelp, runFit},
		{"eval", "measure a saved model on a data set", evalHelp, runEval},
		{"predict", "write a saved model's class probabilities for a CSV file", predictHelp, runPredict},
		{"roc", "ROC curve and AUC of any classifier's scores", rocHelp, runROC},
		{"datasets", "list the built-in data sets, or draw one", datasetsHelp, runDatasets},
		{"experiment", "run the experiments: the lessons of a first ML course, measured", experimentHelp(), runExperiment},
		{"lab", "serve the lab: a playground in the browser on nnlab's own engine", labHelp, runLab},
	}
}

const topHelp = `train trains, evaluates and inspects small neural-network classifiers.

Usage:
  train <command> [flags]

Commands:
%s
Run 'train <command> --help' for a command's flags and examples.

Examples:
  train fit --data spiral --classes 3 --hidden 32,32 --epochs 200
  train eval --model run --data spiral --classes 3 --seed 2
  train predict --model run --in points.csv --out predictions.csv
  train datasets moons --plot moons.png

Exit codes: 0 success, 1 runtime error (bad file, diverged run),
2 usage error, 130 fit interrupted (a checkpoint was saved).
`

func topUsage() string {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-11s %s\n", c.name, c.summary)
	}
	return fmt.Sprintf(topHelp, b.String())
}

// run is the program: it dispatches args to a command and returns the exit
// code. No panic escapes it; one becomes a single line on stderr.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.ReplaceAll(fmt.Sprint(r), "\n", " ")
			fmt.Fprintf(stderr, "train: internal error: %s\n", msg)
			code = exitError
		}
	}()
	out := &stdoutWriter{w: stdout}
	e := &env{stdin: stdin, stdout: out, stderr: stderr, getenv: os.Getenv,
		ctx: context.Background(), stopSignals: func() {}}
	if len(args) == 0 {
		fmt.Fprint(stderr, topUsage())
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-version", "--version":
		printVersion(stdout)
		return exitOK
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			if c, ok := findCommand(args[1]); ok {
				fmt.Fprint(stdout, c.help)
				return exitOK
			}
			return report(e, "", usagef("unknown command %q%s", args[1], didYouMean(args[1], "", commandNames())))
		}
		fmt.Fprint(stdout, topUsage())
		return exitOK
	}
	c, ok := findCommand(name)
	if !ok {
		if strings.HasPrefix(name, "-") {
			return report(e, "", usagef("flag %s before the command; the command comes first, as in 'train fit --data spiral'", name))
		}
		return report(e, "", usagef("unknown command %q%s", name, didYouMean(name, "", commandNames())))
	}
	err := c.run(e, args[1:])
	if errors.Is(err, errHelp) {
		fmt.Fprint(out, c.help)
		err = nil
	}
	if err == nil && out.err != nil {
		err = out.err
	}
	return report(e, c.name, err)
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// interruptedError is a fit stopped by a signal after saving a checkpoint;
// its message is printed as it is.
type interruptedError struct{ msg string }

func (e *interruptedError) Error() string { return e.msg }

// silentExit ends a command with a code after it has printed its own
// message.
type silentExit struct{ code int }

func (e *silentExit) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// report prints err for command cmd ("" for train itself) and returns the
// exit code.
func report(e *env, cmd string, err error) int {
	if err == nil {
		return exitOK
	}
	prog := "train"
	if cmd != "" {
		prog += " " + cmd
	}
	var ue *usageError
	var ie *interruptedError
	var se *silentExit
	switch {
	case errors.As(err, &se):
		return se.code
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "%s: %s\nRun '%s --help' for usage.\n", prog, oneLine(ue.msg), prog)
		return exitUsage
	case errors.As(err, &ie):
		fmt.Fprintln(e.stderr, ie.msg)
		return exitInterrupted
	default:
		msg := err.Error()
		// "open x.csv: no such file or directory" names the system call; the
		// user wants the file and the trouble.
		if pe, ok := err.(*fs.PathError); ok {
			msg = pe.Path + ": " + pe.Err.Error()
		}
		fmt.Fprintf(e.stderr, "%s: %s\n", prog, oneLine(msg))
		return exitError
	}
}

// oneLine makes a message one bounded line with nothing a terminal would
// act on.
func oneLine(s string) string {
	return boundMessage(printable(strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")))
}
