# The table of bin/bench-paired.sh, bin/bench-ab.sh and bin/bench-paired-go.sh: reads lines
# "WORKLOAD A a B b ratio r [rt t MODE x/n ...]" (a and b the two sides' scores, as dev.gokata.bench.Paired,
# PairedBuilds and PairedGo print them), one per JVM, and prints per workload the median over the JVMs of each
# side's score and of the ratio, and the ratio's range. With the optional fields (the machine's cross-core round
# trip t in ns, then for each of its modes, same-core, near and far, the JVM's median ratio x over its n rounds in
# that mode: dev.gokata.bench.Rounds) it adds the median round trip and, per mode, the median ratio over the JVMs
# that had rounds in it, with the number of those rounds.
function median(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
# the median ratio of one mode over the JVMs of workload w that had rounds in it, and their rounds: "1.05 (12)"
function mode(w, m, name,   k, n, rounds, v, part) {
  n = 0; rounds = 0
  for (k = 1; k <= m; k++) {
    if (!((w, k, name) in modes)) continue
    split(modes[w, k, name], part, "/")
    if (part[2] > 0) { v[++n] = part[1]; rounds += part[2] }
  }
  return n == 0 ? "-" : sprintf("%.2fx (%d)", median(v, n), rounds)
}
{
  if (NR == 1) { left = $2; right = $4 }
  w = $1; if (!(w in n)) order[++nw] = w
  k = ++n[w]; l[w, k] = $3; rt[w, k] = $5; r[w, k] = $7
  if ($8 == "rt") {
    trip[w, k] = $9; withModes = 1
    for (f = 10; f < NF; f += 2) modes[w, k, $f] = $(f + 1)
  }
}
END {
  if (nw == 0) exit # no run gave a line (the caller said why)
  ratio = left == "old" ? "new / old" : left " / " right
  extra = !withModes ? "" \
    : " cross-core rt (ns) | ratio, same core (rounds) | ratio, near (rounds) | ratio, far (rounds) |"
  print "| workload (ns/op, spawn ms) | " left " | " right " | " ratio " | ratio range | JVMs |" extra
  print "|---|---|---|---|---|---|" (withModes ? "---|---|---|---|" : "")
  for (i = 1; i <= nw; i++) {
    w = order[i]; m = n[w]
    nt = 0
    for (k = 1; k <= m; k++) {
      a[k] = l[w, k]; b[k] = rt[w, k]; c[k] = r[w, k]
      if ((w, k) in trip) t[++nt] = trip[w, k]
    }
    ma = median(a, m); mb = median(b, m); mr = median(c, m) # sorts c: c[1] and c[m] are the range
    printf "| %s | %.1f | %.1f | %.2fx | %.2f-%.2f | %d |", w, ma, mb, mr, c[1], c[m], m
    if (withModes) {
      printf " %s | %s | %s | %s |", nt ? sprintf("%.0f", median(t, nt)) : "-", mode(w, m, "same-core"),
        mode(w, m, "near"), mode(w, m, "far")
    }
    printf "\n"
  }
}
