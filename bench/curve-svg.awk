# Plots the warm-up curve CSV (first column: seconds since the first call; then one column of requests/s per option,
# named in the header) as an SVG line chart on standard output.
#   awk -F, -v title="..." [-v peak=REQUESTS_PER_S] -f bench/curve-svg.awk curve.csv > curve.svg
# With peak, a dashed line marks 0.8 of it.
NR == 1 { for (i = 2; i <= NF; i++) name[i] = $i; n = NF; next }
{
  rows++
  x[rows] = $1
  for (i = 2; i <= n; i++) { y[rows, i] = $i; if ($i + 0 > ymax) ymax = $i + 0 }
  if ($1 + 0 > xmax) xmax = $1 + 0
}
END {
  if (peak != "" && peak * 1.0 > ymax) ymax = peak * 1.0
  # a round top for the axis: 1, 2 or 5 times a power of ten per tick, five or so ticks
  raw = ymax / 5; if (raw <= 0) raw = 1
  mag = 1; while (mag * 10 <= raw) mag *= 10; while (mag > raw) mag /= 10
  tick = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag
  top = tick * int((ymax + tick - 1e-9) / tick); if (top < ymax) top += tick
  W = 760; H = 420; L = 70; R = 20; T = 40; B = 100
  pw = W - L - R; ph = H - T - B
  split("#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #7f7f7f", colour, " ")
  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"" \
    " font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H
  printf "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H
  printf "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>\n", L, esc(title)
  for (v = 0; v <= top + 1e-9; v += tick) {
    py = T + ph - ph * v / top
    printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", L, py, L + pw, py
    printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n", L - 6, py + 4, v
  }
  for (r = 1; r <= rows; r++) {
    px = L + pw * x[r] / xmax
    printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>\n", px, T + ph, px, T + ph + 4
    printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, T + ph + 18, x[r]
  }
  printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, T + ph, L + pw, T + ph
  printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, T, L, T + ph
  printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the first call (end of each window)</text>\n",
    L + pw / 2, T + ph + 36
  printf "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">requests/s</text>\n",
    T + ph / 2, T + ph / 2
  if (peak != "") {
    py = T + ph - ph * 0.8 * peak / top
    printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n",
      L, py, L + pw, py
    printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">0.8 of the peak (%.0f requests/s)</text>\n",
      L + pw - 4, py - 5, 0.8 * peak
  }
  for (i = 2; i <= n; i++) {
    c = colour[(i - 2) % 8 + 1]
    points = ""
    for (r = 1; r <= rows; r++) points = points sprintf("%.1f,%.1f ", L + pw * x[r] / xmax, T + ph - ph * y[r, i] / top)
    printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n", c, points
    for (r = 1; r <= rows; r++)
      printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", L + pw * x[r] / xmax,
        T + ph - ph * y[r, i] / top, c
    ly = T + ph + 56 + 16 * int((i - 2) / 2); lx = L + 330 * ((i - 2) % 2)
    printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>\n", lx, ly - 4, lx + 24,
      ly - 4, c
    printf "<text x=\"%d\" y=\"%d\">%s</text>\n", lx + 30, ly, esc(name[i])
  }
  print "</svg>"
}
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
