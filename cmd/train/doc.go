// Command train trains, evaluates and inspects small neural-network
// classifiers built with nnlab:
//
//	train fit --data spiral --classes 3 --hidden 32,32 --epochs 200
//	train eval --model run --data spiral --classes 3 --seed 2
//	train predict --model run --in points.csv --out predictions.csv
//	train roc --in scored.csv --score p_1 --plot roc.png
//	train datasets moons --plot moons.png
//
// docs/cli.md is the user's manual. A tour of the code: main.go calls run
// (run.go), which dispatches to one file per command (fit.go with
// fitflags.go, fitbuild.go and fitoutput.go: parse and check, build,
// report; eval.go, predict.go, roc.go, datasets.go, experiment.go) and
// turns their errors into exit codes: 1 for runtime errors, 2 for usage
// errors (flags.go parses and checks flags), 130 for an interrupted fit.
// datasource.go is the data-source flag group (--data, --target, --n,
// --noise, --classes, --seed) that fit, eval and datasets share, so that
// each checks them alike; data.go loads data sets and derives every
// random source from --seed; output.go formats tables and JSON. The tests
// build the binary and run it as a user would.
package main
