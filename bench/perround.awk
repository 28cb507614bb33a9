# bench/perround.awk: bench/run's per-round line, from two files: the
# cores' cache-line round trips measured before each round (corelat.txt,
# lines "round R: cpu A <-> cpu B: round trip N ns") and rounds.txt. For
# each round it prints the round trip of cpu 0 with cpu 1 (bench/corelat's
# first pair where both are allowed; "?" where the round has none)
# and nnlab's speed-up at `cores` threads over its 1 thread, medium and
# wide, where the round has both:
#   round 1: 153 ns, medium 1.82x, wide 1.83x
FNR == NR { if ($4 == "0" && $7 == "1:") rt[$2 + 0] = $(NF - 1); next }
$2 == "go" { s[$1, $3, $4] = $5; rounds[$1] = 1 }
END {
  for (r = 1; r in rounds; r++) {
    line = sprintf("round %d: %s ns", r, (r in rt) ? rt[r] : "?")
    for (w = 1; w <= 2; w++) {
      n = (w == 1) ? "medium" : "wide"
      if (s[r, 1, n] > 0 && s[r, cores, n] > 0) line = line sprintf(", %s %.2fx", n, s[r, cores, n] / s[r, 1, n])
    }
    print line
  }
}
