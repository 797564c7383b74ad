// Checks on a synced local folder (vdir layout: one item per file, dot-files are not items).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * @returns {Promise<{ files: number, uids: Map<string, number>, recurrenceIds: number, versions: Map<string, string>, texts: Map<string, string> }>}
 */
export async function scanFolder(dir) {
  const out = { files: 0, uids: new Map(), recurrenceIds: 0, versions: new Map(), texts: new Map() };
  let names;
  try {
    names = (await fs.readdir(dir)).filter((n) => !n.startsWith('.'));
  } catch (e) {
    if (e.code === 'ENOENT') return out;
    throw e;
  }
  const batch = 256;
  for (let i = 0; i < names.length; i += batch) {
    await Promise.all(
      names.slice(i, i + batch).map(async (n) => {
        const p = join(dir, n);
        const st = await fs.stat(p, { bigint: true });
        if (!st.isFile()) return;
        const text = await fs.readFile(p, 'utf8');
        out.files++;
        out.versions.set(n, `${st.ino}-${st.mtimeNs}-${st.size}`);
        out.texts.set(n, text.replace(/\r?\n[ \t]/g, '')); // unfolded
        const uid = /^UID:(.*?)\r?$/m.exec(text)?.[1];
        if (uid !== undefined) out.uids.set(uid, (out.uids.get(uid) ?? 0) + 1);
        if (/^RECURRENCE-ID[;:]/m.test(text)) out.recurrenceIds++;
      }),
    );
  }
  return out;
}

/** Problems with a folder after a full sync of `items` (the generated set): missing/extra/duplicate UIDs etc. */
export function checkAgainst(scan, items) {
  const problems = [];
  if (scan.files !== items.length) problems.push(`${scan.files} files, expected ${items.length}`);
  let missing = 0;
  let dup = 0;
  const want = new Set(items.map((i) => i.uid));
  for (const it of items) if (!scan.uids.has(it.uid)) missing++;
  for (const [, n] of scan.uids) if (n > 1) dup++;
  const extra = [...scan.uids.keys()].filter((u) => !want.has(u)).length;
  if (missing) problems.push(`${missing} UIDs missing`);
  if (extra) problems.push(`${extra} unexpected UIDs`);
  if (dup) problems.push(`${dup} UIDs in more than one file`);
  const recurring = items.filter((i) => i.recurring).length;
  if (scan.recurrenceIds !== recurring)
    problems.push(`${scan.recurrenceIds} files with RECURRENCE-ID, expected ${recurring}`);
  return problems;
}

const norm = (t) =>
  t
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .replace(/\n+$/, '');

/** uid -> normalized text, from the items the server returned. */
export function serverTexts(items) {
  const m = new Map();
  for (const it of items) {
    const uid = /^UID:(.*?)\r?$/m.exec(it.data)?.[1];
    if (uid !== undefined) m.set(uid, norm(it.data));
  }
  return m;
}

/** Files whose content (unfolded, line endings normalized) differs from the server's copy: [count, example file]. */
export function contentDiffs(scan, server) {
  let n = 0;
  let example;
  for (const [name, text] of scan.texts) {
    const uid = /^UID:(.*?)\r?$/m.exec(text)?.[1];
    const want = uid === undefined ? undefined : server.get(uid);
    if (want === undefined) continue;
    if (norm(text) !== want) {
      n++;
      example ??= name;
    }
  }
  return [n, example];
}

/** How many files the two scans disagree on (added, removed or rewritten). */
export function changedFiles(before, after) {
  let n = 0;
  for (const [name, v] of after.versions) if (before.versions.get(name) !== v) n++;
  for (const name of before.versions.keys()) if (!after.versions.has(name)) n++;
  return n;
}

/** For each marker, the number of files containing it. */
export function markerHits(scan, markers) {
  const hits = new Map(markers.map((m) => [m, 0]));
  for (const text of scan.texts.values()) {
    if (!text.includes('benchedit-')) continue;
    for (const m of markers) if (text.includes(m)) hits.set(m, hits.get(m) + 1);
  }
  return hits;
}
