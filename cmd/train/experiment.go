package main

import "fmt"

const experimentHelp = `Usage: train experiment ...

Reserved for experiments that train many models and compare them. Not
available yet: every use exits with status 2.
`

// runExperiment holds the command's place until experiments exist.
func runExperiment(e *env, args []string) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return errHelp
		}
	}
	fmt.Fprintln(e.stderr, "train experiment: experiments are not available yet")
	return &silentExit{code: exitUsage}
}
