package main

import "github.com/nnlab/nnlab/train/experiments"

// runExperiment hands the command to package experiments, which parses its
// own flags (train experiment --help) and prints its own messages, with the
// same exit codes as every other command.
func runExperiment(e *env, args []string) error {
	if code := experiments.Main(args, e.stdout, e.stderr); code != 0 {
		return &silentExit{code: code}
	}
	return nil
}
