import type { Row } from "./results.js";
import { VARIANTS, type Variant } from "./variants.js";

const COLORS: Record<Variant, string> = { graph: "#d1495b", "graph-cached": "#8f2d56", "graph-no-budget": "#f4a6b0", "graph-redis": "#6d2e46", "graphql-js": "#00798c", "graphql-jit": "#edae49", mesh: "#66a182" };

/**
 * A grouped bar chart of req/s per scenario and variant, one panel per vendor latency, as a standalone SVG
 * (written here, so that no chart service or library is involved).
 */
export function reqPerSecChart(rows: readonly Row[], title: string): string {
  const latencies = [...new Set(rows.map((r) => r.latencyMs))].sort((a, b) => a - b);
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  const variants = VARIANTS.filter((v) => rows.some((r) => r.variant === v));
  const bar = 9;
  const group = variants.length * bar + 10;
  const left = 60;
  const panelWidth = scenarios.length * group;
  const panelHeight = 220;
  const top = 50;
  const gap = 150;
  const width = Math.max(left + panelWidth + 20, 720);
  const height = top + latencies.length * (panelHeight + gap);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  variants.forEach((v, i) => {
    const x = left + i * 120;
    out.push(`<rect x="${x}" y="30" width="10" height="10" fill="${COLORS[v]}"/><text x="${x + 14}" y="39">${v}</text>`);
  });
  latencies.forEach((latency, p) => {
    const y0 = top + p * (panelHeight + gap) + 20;
    const panel = rows.filter((r) => r.latencyMs === latency);
    const max = niceMax(Math.max(1, ...panel.map((r) => r.reqPerSec)));
    out.push(`<text x="${left}" y="${y0 - 6}" font-weight="bold">vendor latency ${latency} ms: requests per second</text>`);
    for (let t = 0; t <= 4; t++) {
      const y = y0 + panelHeight - (t / 4) * panelHeight;
      out.push(`<line x1="${left}" x2="${left + panelWidth}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
      out.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${Math.round((t / 4) * max)}</text>`);
    }
    scenarios.forEach((scenario, s) => {
      const gx = left + s * group + 5;
      variants.forEach((v, i) => {
        const r = panel.find((x) => x.scenario === scenario && x.variant === v);
        if (!r) return;
        const h = (r.reqPerSec / max) * panelHeight;
        out.push(
          `<rect x="${gx + i * bar}" y="${(y0 + panelHeight - h).toFixed(1)}" width="${bar - 1}" height="${h.toFixed(1)}" fill="${COLORS[v]}"><title>${escape(`${scenario} ${v}: ${r.reqPerSec.toFixed(0)} req/s`)}</title></rect>`,
        );
      });
      const lx = gx + (variants.length * bar) / 2;
      const ly = y0 + panelHeight + 8;
      out.push(`<text x="${lx}" y="${ly}" text-anchor="end" transform="rotate(-45 ${lx} ${ly})">${escape(scenario)}</text>`);
    });
  });
  out.push("</svg>");
  return out.join("\n");
}

function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 2.5, 5, 10];
  return steps.map((s) => s * magnitude).find((s) => s >= value) ?? 10 * magnitude;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
