# bench/table.awk: bench/run's table from its rounds.txt, whose lines are
#   round side threads workload samples/s B/op
# with side go, go-copies (threads = how many 1-thread copies ran at once,
# samples/s their sum), torch-float64, torch-float32, or either of those with
# -forced (PyTorch with OpenBLAS's core forced to the one named by the awk
# variable forced). Per workload and thread count: the median throughput of
# each side, nnlab's largest B/op, nnlab's speed-up over its own one-thread
# run beside the copies' (the machine's ceiling), and nnlab's ratio to each
# PyTorch dtype at the same thread count; at one thread, a row more against
# PyTorch with the forced core. Every ratio is the median of the ratios taken
# round by round, with their range.
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
  print "| workload | threads | nnlab samples/s | B/op | nnlab vs its 1 thread | ceiling: " cores "× 1-thread at once, summed, vs 1 | PyTorch f64 samples/s | nnlab / f64 | PyTorch f32 samples/s | nnlab / f32 |"
  print "|---|---|---|---|---|---|---|---|---|---|"
  split("tiny medium wide", ws, " ")
  split("1 " cores, ts, " ")
  for (i = 1; i <= 3; i++) for (k = 1; k <= (cores > 1 ? 2 : 1); k++) {
    w = ws[i]; t = ts[k]; g = "go " t " " w
    if (med(g) == "-") continue
    row(w, t, g, (t == 1) ? "1" : ratio(g, "go 1 " w), (t == 1) ? "-" : ratio("go-copies " t " " w, "go 1 " w), "")
    if (t == 1 && forced != "") row(w, "1, PyTorch's " forced " forced", g, "", "", "-forced")
  }
  n = 0; for (r in rounds) n++
  printf "\nMedians of %d rounds; each ratio is the median of the per-round ratios, with their range.\n", n
  if (cores > 1) printf "The ceiling: %d copies of the 1-thread run as separate processes at once, their summed throughput over one 1-thread run.\n", cores
  if (forced != "") printf "Rows \"PyTorch's %s forced\": PyTorch at 1 thread with OPENBLAS_CORETYPE=%s, against the same nnlab 1-thread runs.\n", forced, forced
}
# row(workload, threads label, nnlab key, speed-up, ceiling, PyTorch side suffix): one table row.
function row(w, label, g, up, ceil, sfx,    t, f64, f32) {
  t = label + 0; f64 = "torch-float64" sfx " " t " " w; f32 = "torch-float32" sfx " " t " " w
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", w, label, med(g), bop[t " " w], up, ceil,
    med(f64), ratio(g, f64), med(f32), ratio(g, f32)
}
