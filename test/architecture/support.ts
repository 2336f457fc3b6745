import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** Every file under a folder (relative to the repository), depth first. */
export function filesUnder(folder: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(path)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, folder));
  return out.sort();
}

export const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The feature a file under src/ belongs to: its first folder ('core' for the kernel), or '.' for the composition files. */
export const featureOf = (path: string) => {
  const parts = path.split('/');
  return parts.length > 2 ? (parts[1] ?? '.') : '.';
};
