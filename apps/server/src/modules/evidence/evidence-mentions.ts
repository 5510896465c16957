import { checkCitedCodes, findEvidenceCodes, type Regime } from '@caitien/core';
import type { AssessmentText, EvidenceRecord } from '@caitien/db';
import type { EvidenceMentions, EvidenceTextLocation } from '@caitien/shared';

type CitedCode = EvidenceMentions['criteria'][number]['codes'][number];
type Warning = EvidenceMentions['warnings'][number];

const REGIME_NAMES: Record<Regime, string> = {
  '2018': 'quy định năm 2018 ([Hn-a.b-cc])',
  '2026': 'Thông tư 57 (MC.a.b.cc)',
};

function locationOf(text: AssessmentText): EvidenceTextLocation {
  return { kind: text.kind, key: text.key, field: text.field };
}

function placeOf(text: AssessmentText): string {
  switch (text.kind) {
    case 'criterion':
      return `Tiêu chí ${text.key}`;
    case 'standard':
      return `Tiêu chuẩn ${text.key}`;
    case 'level4':
      return `Mức 4 (${text.key})`;
    case 'report':
      return 'Phần chung của báo cáo';
  }
}

/**
 * The evidence codes written inside an assessment's texts (issue 12: "(MC.1.1.01, MC.1.1.02)",
 * "[H1-1.1-01; H1-1.1-02]"), read with the core's `findEvidenceCodes`, linked to the evidence that
 * has each code, with warnings — an unknown code, a criterion mentioning an evidence it does not
 * cite, a code of the other regime, a code written loosely. Texts are only read, never changed.
 */
export function collectMentions(
  regime: Regime,
  texts: readonly AssessmentText[],
  evidence: readonly EvidenceRecord[],
): EvidenceMentions {
  const byCode = new Map(evidence.map((e) => [e.code, e]));
  const known = evidence.map((e) => e.code);
  const groups = new Map<
    string,
    { kind: AssessmentText['kind']; key: string; codes: Map<string, CitedCode> }
  >();
  const warnings: Warning[] = [];
  for (const text of texts) {
    const occurrences = findEvidenceCodes(text.text);
    if (occurrences.length === 0) continue;
    const groupKey = `${text.kind}\u0000${text.key}`;
    const group = groups.get(groupKey) ?? { kind: text.kind, key: text.key, codes: new Map() };
    groups.set(groupKey, group);
    const location = locationOf(text);
    for (const occurrence of occurrences) {
      const found = byCode.get(occurrence.code);
      const cited = group.codes.get(occurrence.code) ?? {
        code: occurrence.code,
        evidenceId: found?.id ?? null,
        fields: [],
      };
      if (!cited.fields.includes(text.field)) cited.fields.push(text.field);
      group.codes.set(occurrence.code, cited);
      if (occurrence.regime !== regime) {
        warnings.push({
          location,
          code: occurrence.code,
          kind: 'wrong_regime',
          message: `${placeOf(text)}: mã ${occurrence.code} viết theo mẫu khác với mẫu của báo cáo này (${REGIME_NAMES[regime]}).`,
        });
      }
      if (found && text.kind === 'criterion' && !found.criterionCodes.includes(text.key)) {
        warnings.push({
          location,
          code: occurrence.code,
          kind: 'not_cited',
          message: `Tiêu chí ${text.key} nhắc mã ${occurrence.code} (${found.name}) nhưng minh chứng này chưa được gắn với tiêu chí ${text.key}.`,
        });
      }
    }
    // checkCitedCodes gives, per code, "unknown" and the notes of a loosely written code: a
    // warning that is one of the occurrence's notes is about the form, any other about the code.
    const notesAt = new Map(occurrences.map((o) => [o.start, new Set(o.notes)]));
    for (const warning of checkCitedCodes(text.text, known)) {
      const isNote = notesAt.get(warning.start)?.has(warning.message) ?? false;
      warnings.push({
        location,
        code: warning.code,
        kind: isNote ? 'nonstandard_form' : 'unknown_code',
        message: `${placeOf(text)}: ${warning.message}`,
      });
    }
  }
  const criteria: EvidenceMentions['criteria'] = [];
  const others: EvidenceMentions['others'] = [];
  for (const group of groups.values()) {
    const codes = [...group.codes.values()];
    if (group.kind === 'criterion') criteria.push({ criterionCode: group.key, codes });
    else others.push({ kind: group.kind, key: group.key, codes });
  }
  return { criteria, others, warnings };
}

/** Where a text mentions one of these codes (for a refused delete). */
export function mentionsOf(texts: readonly AssessmentText[], code: string): EvidenceTextLocation[] {
  return texts
    .filter((t) => findEvidenceCodes(t.text).some((o) => o.code === code))
    .map(locationOf);
}
