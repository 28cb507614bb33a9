# bench/gobench.awk: bench/run's reader of `go test -bench 'Step(...)$'
# -benchmem` output. For each BenchmarkStepTiny, Medium or Wide line (with
# or without Go's -GOMAXPROCS suffix) it prints one line of rounds.txt:
#   round go threads workload samples/s B/op
# round and threads come from the awk variables r and t. A metric the line
# lacks prints as "" (samples/s) or "-" (B/op), wherever Go puts it.
/^BenchmarkStep(Tiny|Medium|Wide)(-[0-9]+)?[ \t]/ {
  w = $1; sub(/^BenchmarkStep/, "", w); sub(/-[0-9]+$/, "", w); w = tolower(w); s = ""; b = "-"
  for (i = 2; i < NF; i++) { if ($(i+1) == "samples/s") s = $i; if ($(i+1) == "B/op") b = $i }
  print r, "go", t, w, s, b
}
