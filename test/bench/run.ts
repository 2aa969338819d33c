/**
 * `npm run bench`: runs every benchmark in this folder and prints its figures. Benchmarks print
 * numbers (and ratios to a peer measured in the same run); they never fail on time.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
for (const file of benches) {
  console.log(`\n## ${file}`);
  await import(pathToFileURL(join(here, file)).href);
}
