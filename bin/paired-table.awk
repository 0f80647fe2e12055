# The table of bin/bench-paired.sh, bin/bench-ab.sh and bin/bench-paired-go.sh: reads lines
# "WORKLOAD A a B b ratio r" (a and b the two sides' scores, as dev.gokata.bench.Paired, PairedBuilds and PairedGo
# print them), one per JVM, and prints per workload the median over the JVMs of each side's score and of the ratio,
# and the ratio's range.
function median(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
  if (NR == 1) { left = $2; right = $4 }
  w = $1; if (!(w in n)) order[++nw] = w
  k = ++n[w]; l[w, k] = $3; rt[w, k] = $5; r[w, k] = $7
}
END {
  if (nw == 0) exit # no run gave a line (the caller said why)
  ratio = left == "old" ? "new / old" : left " / " right
  print "| workload (ns/op, spawn ms) | " left " | " right " | " ratio " | ratio range | JVMs |"
  print "|---|---|---|---|---|---|"
  for (i = 1; i <= nw; i++) {
    w = order[i]; m = n[w]
    for (k = 1; k <= m; k++) { a[k] = l[w, k]; b[k] = rt[w, k]; c[k] = r[w, k] }
    ma = median(a, m); mb = median(b, m); mr = median(c, m) # sorts c: c[1] and c[m] are the range
    printf "| %s | %.1f | %.1f | %.2fx | %.2f-%.2f | %d |\n", w, ma, mb, mr, c[1], c[m], m
  }
}
