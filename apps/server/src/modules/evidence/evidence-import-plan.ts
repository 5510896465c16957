import { foldVietnamese, nextEvidenceCode, parseEvidenceCode, type Regime } from '@caitien/core';
import type { EvidenceRecord } from '@caitien/db';
import type { EvidenceImportResult } from '@caitien/shared';

/** One row of an imported list, as the importer of @caitien/documents reads it. */
export interface ImportedEvidenceEntry {
  criterionCode: string | null;
  code: string;
  name: string;
  issued: string;
  issuer: string;
  note: string;
  storage: string;
  source: string;
}

type PlannedEntry = EvidenceImportResult['entries'][number];

/** What an import will write for one evidence (an entry of the plan with its numbering). */
export interface ImportAction {
  entry: PlannedEntry;
  /** For `create`/`uncited`: where it is numbered; for `merge`: the criteria to add. */
  primaryCriterionCode: string;
  box: number | null;
  sequence: number;
  previousCode: string | null;
  link: string;
  /** The known criteria that will cite it (for `merge`: the ones not citing it yet). */
  citeCriteria: string[];
}

const isUrl = (text: string) => /^(https?:\/\/|www\.)\S+$/iu.test(text.trim());

/**
 * Decides what importing an evidence list does (issue 12), against the assessment's criteria and
 * its current evidence. Rows are grouped into one evidence per code (a code repeated under several
 * criteria is one document cited by each; rows without a code, by their name):
 * - a code the assessment already has (or had before a regime change: its `previousCode`) →
 *   `merge`: the missing citations are added, the evidence's own texts are kept;
 * - otherwise `create`, with the file's code when it is a code of this regime and free, else a new
 *   code under its first criterion (the file's code kept as `previousCode`);
 * - criteria the framework does not have are warned about and cite nothing; an evidence none of
 *   whose criteria exists is still created (`uncited`), numbered under the criterion its code or
 *   row names, so nothing of the list is lost;
 * - a row with neither a code nor a criterion cannot be numbered: `skip`, with its warning.
 */
export function planEvidenceImport(input: {
  regime: Regime;
  criteria: readonly string[];
  existing: readonly EvidenceRecord[];
  entries: readonly ImportedEvidenceEntry[];
}): { actions: ImportAction[]; result: Omit<EvidenceImportResult, 'applied' | 'warnings'> } {
  const known = new Set(input.criteria);
  const byCode = new Map<string, EvidenceRecord>();
  for (const e of input.existing) {
    byCode.set(e.code, e);
    if (e.previousCode) {
      const previous = parseEvidenceCode(e.previousCode)?.code ?? e.previousCode;
      if (!byCode.has(previous)) byCode.set(previous, e);
    }
  }
  const taken = new Set(input.existing.map((e) => e.code));

  // One group per evidence, in the file's order.
  const groups = new Map<string, ImportedEvidenceEntry[]>();
  for (const entry of input.entries) {
    const parsed = entry.code.trim() === '' ? null : parseEvidenceCode(entry.code);
    const key = parsed
      ? `code:${parsed.code}`
      : entry.code.trim() !== ''
        ? `raw:${entry.code.trim()}`
        : `name:${foldVietnamese(entry.name.normalize('NFC'))}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }

  const actions: ImportAction[] = [];
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const warnings: string[] = [];
    // Rows sharing a code make one evidence under the first row's texts: a row naming another
    // document under that code is not imported, and the entry says so (the reader's file-level
    // warning alone said both rows were kept).
    const firstName = foldVietnamese(first.name.normalize('NFC'));
    for (const other of rows.slice(1))
      if (foldVietnamese(other.name.normalize('NFC')) !== firstName)
        warnings.push(
          `Dòng ${other.source} cùng mã ${first.code.trim()} nhưng tên khác (“${other.name.slice(0, 80)}”): chỉ nhập tên “${first.name.slice(0, 80)}”; nếu đó là văn bản khác, hãy thêm minh chứng này bằng tay.`,
        );
    const parsed = first.code.trim() === '' ? null : parseEvidenceCode(first.code);
    if (first.code.trim() !== '' && !parsed)
      warnings.push(`“${first.code}” (${first.source}) không đọc được là mã minh chứng.`);
    for (const note of parsed?.notes ?? []) warnings.push(`${first.source}: ${note}`);
    const criterionCodes = [
      ...new Set(rows.flatMap((r) => (r.criterionCode ? [r.criterionCode] : []))),
    ];
    const unknown = criterionCodes.filter((c) => !known.has(c));
    for (const c of unknown)
      warnings.push(
        `Tiêu chí ${c} (${rows.find((r) => r.criterionCode === c)?.source ?? first.source}) không có trong bộ tiêu chí của báo cáo này: minh chứng vẫn được nhập nhưng tiêu chí này không được gắn.`,
      );
    const cite = criterionCodes.filter((c) => known.has(c));
    const storage = first.storage.trim();
    const link = isUrl(storage) ? storage : '';
    const note = [first.note, link === '' ? first.storage : '']
      .filter((t) => t.trim() !== '')
      .join('\n');
    const base = {
      sourceCode: first.code,
      name: first.name,
      issued: first.issued,
      issuer: first.issuer,
      note,
      criterionCodes,
    };

    const holder = parsed ? byCode.get(parsed.code) : undefined;
    if (holder) {
      const citeCriteria = cite.filter((c) => !holder.criterionCodes.includes(c));
      actions.push({
        entry: { ...base, code: holder.code, action: 'merge', evidenceId: holder.id, warnings },
        primaryCriterionCode: holder.primaryCriterionCode,
        box: holder.box,
        sequence: holder.sequence,
        previousCode: holder.previousCode,
        link,
        citeCriteria,
      });
      continue;
    }

    let code: string;
    let primary: string;
    let box: number | null;
    let sequence: number;
    let previousCode: string | null = null;
    if (parsed && parsed.regime === input.regime && !taken.has(parsed.code)) {
      ({ code } = parsed);
      primary = parsed.criterionCode;
      box = parsed.box;
      sequence = parsed.sequence;
    } else {
      const under = cite[0] ?? criterionCodes[0] ?? parsed?.criterionCode ?? null;
      if (!under) {
        actions.push({
          entry: {
            ...base,
            code: '',
            action: 'skip',
            evidenceId: null,
            warnings: [
              ...warnings,
              `“${first.name}” (${first.source}) không có mã và không rõ thuộc tiêu chí nào: chưa nhập; hãy thêm minh chứng này bằng tay.`,
            ],
          },
          primaryCriterionCode: '',
          box: null,
          sequence: 0,
          previousCode: null,
          link,
          citeCriteria: [],
        });
        continue;
      }
      box = input.regime === '2018' ? (parsed?.box ?? Number(under.split('.')[0])) : null;
      code = nextEvidenceCode(input.regime, taken, under, box);
      primary = under;
      sequence = parseEvidenceCode(code)?.sequence ?? 1;
      if (first.code.trim() !== '') {
        previousCode = first.code.trim();
        warnings.push(
          parsed && parsed.regime !== input.regime
            ? `Mã ${parsed.code} theo mẫu khác với báo cáo này: cấp mã mới ${code}, mã cũ được giữ lại.`
            : `Mã ${parsed?.code ?? first.code} đã có minh chứng khác dùng hoặc không hợp lệ: cấp mã mới ${code}, mã cũ được giữ lại.`,
        );
      }
    }
    taken.add(code);
    actions.push({
      entry: {
        ...base,
        code,
        action: cite.length > 0 ? 'create' : 'uncited',
        evidenceId: null,
        warnings,
      },
      primaryCriterionCode: primary,
      box,
      sequence,
      previousCode,
      link,
      citeCriteria: cite,
    });
  }
  const count = (a: PlannedEntry['action']) => actions.filter((x) => x.entry.action === a).length;
  return {
    actions,
    result: {
      entries: actions.map((a) => a.entry),
      counts: {
        create: count('create'),
        merge: count('merge'),
        uncited: count('uncited'),
        skip: count('skip'),
      },
    },
  };
}
