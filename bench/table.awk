# bench/table.awk: bench/run's table from its rounds.txt, whose lines are
#   round side threads workload samples/s B/op
# with side go, torch-float64 or torch-float32. Per workload and thread
# count: the median throughput of each side, nnlab's largest B/op, nnlab's speed-up
# over its own one-thread run, and nnlab's ratio to each PyTorch dtype at
# the same thread count; every ratio is the median of the ratios taken round
# by round, with their range.
function median(a, n,    i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
  return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
# ratio(num, den): the median and range of v[r num] / v[r den] over rounds.
function ratio(num, den,    r, n, q, lo, hi, x) {
  n = 0; lo = hi = ""
  for (r in rounds) {
    if (!((r " " num) in v) || !((r " " den) in v)) continue
    q = v[r " " num] / v[r " " den]; x[++n] = q
    if (lo == "" || q < lo) lo = q
    if (hi == "" || q > hi) hi = q
  }
  return n ? sprintf("%.2fx (%.2f–%.2f)", median(x, n), lo, hi) : "-"
}
function med(key,    r, n, x) {
  n = 0
  for (r in rounds) if ((r " " key) in v) x[++n] = v[r " " key]
  return n ? sprintf("%.0f", median(x, n)) : "-"
}
{ v[$1 " " $2 " " $3 " " $4] = $5; if ($2 == "go" && (bop[$3 " " $4] == "" || $6 + 0 > bop[$3 " " $4] + 0)) bop[$3 " " $4] = $6; rounds[$1] = 1 }
END {
  print ""
  print "| workload | threads | nnlab samples/s | B/op | nnlab vs 1 thread | PyTorch f64 samples/s | nnlab / f64 | PyTorch f32 samples/s | nnlab / f32 |"
  print "|---|---|---|---|---|---|---|---|---|"
  split("tiny medium wide", ws, " ")
  split("1 " cores, ts, " ")
  for (i = 1; i <= 3; i++) for (k = 1; k <= (cores > 1 ? 2 : 1); k++) {
    w = ws[i]; t = ts[k]; g = "go " t " " w
    if (med(g) == "-") continue
    printf "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", w, t, med(g), bop[t " " w],
      (t == 1) ? "1" : ratio(g, "go 1 " w),
      med("torch-float64 " t " " w), ratio(g, "torch-float64 " t " " w),
      med("torch-float32 " t " " w), ratio(g, "torch-float32 " t " " w)
  }
  n = 0; for (r in rounds) n++
  printf "\nMedians of %d rounds; each ratio is the median of the per-round ratios, with their range.\n", n
}
