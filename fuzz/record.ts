/** Writes a script's figures into its section of docs/reliability.md (between marker comments). */
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../docs/reliability.md', import.meta.url);

export function recordFigures(section: string, figures: object): void {
  const start = `<!-- ${section}:start -->`;
  const end = `<!-- ${section}:end -->`;
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/reliability.md has no ${start} … ${end} section`);
  const body = `\n\`\`\`json\n${JSON.stringify(figures, null, 2)}\n\`\`\`\n`;
  writeFileSync(file, text.slice(0, from + start.length) + body + text.slice(to));
}
