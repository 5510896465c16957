import {
  parsePeople,
  parseTime,
  type PeopleDirectory,
  type PeopleValue,
  type TimeValue,
} from '@caitien/core';

/**
 * The monitoring screens parse every row's time and people texts again on each request (a teacher
 * added to the directory after approval must find their rows), and those parses were about a third
 * of the CPU of the dashboard and of Việc của tôi (BENCHMARKS.md, issue 13). Both parsers are pure, so
 * their values are kept here: time by (text, school year); people by (texts, the directory's
 * content), so a change to the directory is a new key and never a stale answer. The values are
 * shared and must not be mutated (the readers only read them). Each map is emptied when it grows
 * past {@link MAX_ENTRIES} (a coarse bound; a school's texts repeat across requests).
 */

const MAX_ENTRIES = 50_000;
const SEP = '\u0000';

const times = new Map<string, TimeValue | null>();
const people = new Map<string, PeopleValue | null>();
const fingerprints = new WeakMap<PeopleDirectory, string>();

function remember<T>(map: Map<string, T>, key: string, compute: () => T): T {
  if (map.has(key)) return map.get(key) as T;
  if (map.size >= MAX_ENTRIES) map.clear();
  const value = compute();
  map.set(key, value);
  return value;
}

/** `parseTime(text, { schoolYear }).value`, remembered. */
export function rowTimeValue(text: string, schoolYear: string | null): TimeValue | null {
  return remember(
    times,
    `${schoolYear ?? ''}${SEP}${text}`,
    () => parseTime(text, { schoolYear }).value,
  );
}

/** The directory's content as a key (computed once per directory object). */
function fingerprintOf(directory: PeopleDirectory): string {
  let found = fingerprints.get(directory);
  if (found === undefined) {
    found = JSON.stringify(directory);
    fingerprints.set(directory, found);
  }
  return found;
}

/** `parsePeople(leadText, directory, { coordinatorsText }).value`, remembered. */
export function rowPeopleValue(
  leadText: string,
  coordinatorsText: string,
  directory: PeopleDirectory,
): PeopleValue | null {
  const key = `${fingerprintOf(directory)}${SEP}${leadText}${SEP}${coordinatorsText}`;
  return remember(
    people,
    key,
    () =>
      parsePeople(leadText, directory, {
        ...(coordinatorsText.trim() ? { coordinatorsText } : {}),
      }).value,
  );
}
