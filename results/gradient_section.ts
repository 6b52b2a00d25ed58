// The gradient section: per pair, the two runs' gradients.svg side by side (copied next to results.md) and a
// sentence computed from their trace records.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gradientProfile, pairSentence, type GradientProfile } from './gradient_summary.js';
import { readResult, readTraces } from './run_record.js';
import type { TracePair } from './trace_runs.js';
import { flagsText } from './recipe_table.js';

export interface PictureTarget {
  /** Where the pictures are written (OUT/results). */
  dir: string;
  /** How results.md links them (results). */
  link: string;
}

export function gradientSection(pairs: TracePair[], runsDir: string, pictures: PictureTarget): string {
  const out = [
    '## Gradients: why depth needed relu and shortcuts',
    '',
    "Each pair is trained briefly with `netc train --trace-grad N`, which records every N steps each layer's gradient norm and " +
      'activation statistics into `metrics.jsonl` and draws `gradients.svg` (layers × steps, log-scale colour of the gradient norm). ' +
      "The seed's claim — products of small derivatives starve the bottom layers — is read here from netc's own numbers.",
  ];
  if (pairs.length === 0) return '';
  for (const pair of pairs) {
    out.push('', `### ${pair.title}`, '', `${pair.question[0].toUpperCase()}${pair.question.slice(1)}.`, '');
    const sides = pair.runs.map((run) => {
      const dir = join(runsDir, run.name);
      const finished = readResult(dir) !== undefined;
      const traces = finished ? readTraces(dir) : [];
      const svg = join(dir, 'gradients.svg');
      const picture = `${run.name}.gradients.svg`;
      const hasPicture = finished && existsSync(svg);
      if (hasPicture) copyFileSync(svg, join(pictures.dir, picture));
      return { run, finished, profile: gradientProfile(traces), picture: hasPicture ? `${pictures.link}/${picture}` : undefined };
    });
    const [a, b] = sides;
    if (!a.finished || !b.finished) {
      out.push(`Not run yet (${sides.filter((s) => !s.finished).map((s) => s.run.name).join(', ')}): \`npm run results\` trains it when this netc has \`--trace-grad\`.`);
      continue;
    }
    if (a.profile && b.profile) out.push(pairSentence({ label: a.run.label, profile: a.profile as GradientProfile }, { label: b.run.label, profile: b.profile as GradientProfile }));
    else out.push('The runs finished but their metrics.jsonl holds no trace records with two or more layers.');
    out.push('', `| ${a.run.label} | ${b.run.label} |`, '| --- | --- |', `| ${img(a.picture, a.run.label)} | ${img(b.picture, b.run.label)} |`);
    out.push('', ...pair.runs.map((r) => `- ${r.label}: \`netc train ${r.file} ${flagsText(r)} --trace-grad ${r.traceEvery}\` — ${r.why}`));
  }
  return out.join('\n');
}

const img = (path: string | undefined, alt: string) => (path ? `![${alt}](${path})` : '(no gradients.svg)');
