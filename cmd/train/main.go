// Command train trains, evaluates and inspects small neural-network
// classifiers built with nnlab. Run "train --help" for the commands, or see
// docs/cli.md.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
