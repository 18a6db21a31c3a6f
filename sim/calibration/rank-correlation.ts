// Spearman's rank correlation of two equally long series: how alike the orders are (1: the same
// order, -1: reversed). bench:validate uses it for the issue's "ranking of rows close to the
// published one". Tied values share the mean of their ranks.
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
    for (let j = start; j <= end; j++) out[order[j][1]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return out;
}

// Pearson's correlation of the ranks (the form that stays right with ties).
export function rankCorrelation(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2) throw new Error(`rankCorrelation: two series of one length (at least 2) expected, got ${a.length} and ${b.length}`);
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (a.length + 1) / 2;
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [ra[i] - mean, rb[i] - mean];
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}
