/**
 * Issue 12: the assessment page of a 28-criterion TT18 school with 300 evidence items —
 * `GET /api/assessments/:id` (the whole assessment: council, standards, criteria with marks and
 * texts citing codes, computed results, the evidence summary), in process on SQLite:
 *   - uncached: each read after a write to the assessment (its content sequence moved), so the
 *     detail is read, computed and serialised again;
 *   - cached: repeated reads of unchanged content (bytes kept per content sequence, access still
 *     decided on each request).
 * Run alone: `BENCH_ONLY=assessment-page npm run bench` (results/latest-assessment-page.json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRepositories } from '@caitien/db';
import { buildApp, prepareDatabase } from '@caitien/server';

interface Session {
  cookie: string;
  csrf: string;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(3),
  );
}

export async function measureAssessmentPage(options: { iterations?: number } = {}) {
  const iterations = options.iterations ?? 200;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-bench-assessment-'));
  const { database } = await prepareDatabase({ dataDir });
  const app = await buildApp({ database, logger: false });
  try {
    const setup = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        username: 'quantri',
        displayName: 'Quản trị',
        password: 'Mat-khau-do-hieu-nang-2026',
      },
    });
    const session: Session = {
      cookie: `caitien_session=${setup.cookies.find((c) => c.name === 'caitien_session')?.value ?? ''}`,
      csrf: (setup.json() as { csrfToken: string }).csrfToken,
    };
    const send = async (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      payload?: unknown,
    ) => {
      const res = await app.inject({
        method,
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      if (res.statusCode !== 200)
        throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const province = (
      await send('POST', '/api/units', { kind: 'province', name: 'Sở GD&ĐT', parentId: null })
    ).json() as { id: string };
    const school = (
      await send('POST', '/api/units', {
        kind: 'school',
        name: 'Trường THCS Pom Lót',
        parentId: province.id,
      })
    ).json() as { id: string };
    const profile = (await send('GET', `/api/schools/${school.id}/profile`)).json() as {
      officialName: string;
      governingBody: string;
      version: number;
    };
    await send('PUT', `/api/schools/${school.id}/profile`, {
      officialName: profile.officialName,
      schoolLevels: ['thcs'],
      governingBody: profile.governingBody,
      placeName: 'Pom Lót',
      documentSymbol: 'THCSPL',
      address: '',
      phone: '',
      email: '',
      sites: [],
      supervisingUnitIds: [],
      version: profile.version,
    });
    const created = (
      await send('POST', `/api/schools/${school.id}/assessments`, { schoolYear: '2025-2026' })
    ).json() as {
      id: string;
      frameworkCode: string;
      criteria: { criterionCode: string; standardCode: string; version: number }[];
    };
    const framework = (await send('GET', `/api/frameworks/${created.frameworkCode}`)).json() as {
      standards: {
        code: string;
        criteria: {
          code: string;
          levels: { level: number; indicators: { key: string | null; repealed: unknown }[] }[];
        }[];
      }[];
    };
    // 300 evidence items spread over the criteria, each cited by its criterion and the next.
    const repositories = createRepositories(database.db);
    const codes = created.criteria.map((c) => c.criterionCode);
    const now = new Date().toISOString();
    const byCriterion = new Map<string, string[]>();
    await repositories.transaction(async (tx) => {
      for (let i = 0; i < 300; i += 1) {
        const criterionCode = codes[i % codes.length] ?? '1.1';
        const sequence = Math.floor(i / codes.length) + 1;
        const standard = criterionCode.split('.')[0];
        const code = `[H${standard}-${criterionCode}-${String(sequence).padStart(2, '0')}]`;
        byCriterion.set(criterionCode, [...(byCriterion.get(criterionCode) ?? []), code]);
        const next = codes[(i + 1) % codes.length] ?? criterionCode;
        await tx.evidence.insertEvidence({
          id: randomUUID(),
          assessmentId: created.id,
          code,
          box: Number(standard),
          primaryCriterionCode: criterionCode,
          sequence,
          name: `Minh chứng số ${i + 1}: Quyết định, biên bản, kế hoạch năm học`,
          issued: `Số ${i + 1}/QĐ-THCS ngày 05/9/2025`,
          issuer: 'Trường THCS Pom Lót',
          note: '',
          link: '',
          previousCode: null,
          carried: false,
          originEvidenceId: null,
          criterionCodes: next === criterionCode ? [criterionCode] : [criterionCode, next],
          now,
        });
      }
    });
    // Every criterion marked, with a description citing its codes and the other texts.
    for (const c of created.criteria) {
      const criterion = framework.standards
        .flatMap((s) => s.criteria)
        .find((x) => x.code === c.criterionCode);
      const marks = Object.fromEntries(
        (criterion?.levels ?? []).flatMap((l) =>
          l.indicators
            .filter((i) => i.repealed === null)
            .map((i) => [i.key ? `${l.level}.${i.key}` : String(l.level), l.level < 3] as const),
        ),
      );
      await send('PATCH', `/api/assessments/${created.id}/criteria/${c.criterionCode}`, {
        marks,
        description:
          `Nhà trường đã thực hiện đầy đủ yêu cầu của tiêu chí ${c.criterionCode}. ${(byCriterion.get(c.criterionCode) ?? []).join(' ')}`.repeat(
            3,
          ),
        strengths: 'Đội ngũ nhiệt tình, có trách nhiệm; cơ sở vật chất đáp ứng yêu cầu.',
        weaknesses: 'Một số hồ sơ lưu trữ chưa khoa học.',
        improvementPlan: 'Trong năm học, nhà trường tiếp tục rà soát, bổ sung hồ sơ.',
        version: c.version,
      });
    }
    const url = `/api/assessments/${created.id}`;
    const first = await send('GET', url);
    const bytes = first.rawPayload.length;

    const evidenceUrl = `/api/assessments/${created.id}/evidence`;
    const evidenceBytes = (await send('GET', evidenceUrl)).rawPayload.length;
    const uncached: number[] = [];
    const cached: number[] = [];
    // What the page loads besides the framework (cached by the browser): the assessment and its
    // evidence list, one after the other as the screen asks for them.
    const evidenceList: number[] = [];
    const page: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      // Move the content sequence as a write would (outside the measured time).
      await database.db
        .updateTable('assessments')
        .set((eb) => ({ content_seq: eb('content_seq', '+', 1) }))
        .where('id', '=', created.id)
        .execute();
      let started = performance.now();
      await send('GET', url);
      uncached.push(performance.now() - started);
      started = performance.now();
      await send('GET', url);
      cached.push(performance.now() - started);
      started = performance.now();
      await send('GET', evidenceUrl);
      evidenceList.push(performance.now() - started);
      await database.db
        .updateTable('assessments')
        .set((eb) => ({ content_seq: eb('content_seq', '+', 1) }))
        .where('id', '=', created.id)
        .execute();
      started = performance.now();
      await send('GET', url);
      await send('GET', evidenceUrl);
      page.push(performance.now() - started);
    }
    return {
      name: 'GET /api/assessments/:id (TT18, 28 criteria marked and written, 300 evidence items), sqlite, in process',
      criteria: created.criteria.length,
      evidence: 300,
      responseBytes: bytes,
      iterations,
      uncachedMedianMs: quantile(uncached, 0.5),
      uncachedP95Ms: quantile(uncached, 0.95),
      cachedMedianMs: quantile(cached, 0.5),
      cachedP95Ms: quantile(cached, 0.95),
      evidenceListBytes: evidenceBytes,
      evidenceListMedianMs: quantile(evidenceList, 0.5),
      evidenceListP95Ms: quantile(evidenceList, 0.95),
      pageAfterWriteMedianMs: quantile(page, 0.5),
      pageAfterWriteP95Ms: quantile(page, 0.95),
    };
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printAssessmentPage(
  result: Awaited<ReturnType<typeof measureAssessmentPage>>,
): void {
  console.log(
    `${result.name}: ${result.responseBytes} bytes; uncached median ${result.uncachedMedianMs} ms (p95 ${result.uncachedP95Ms}), cached median ${result.cachedMedianMs} ms (p95 ${result.cachedP95Ms}) over ${result.iterations} reads`,
  );
  console.log(
    `  GET …/evidence (300 items): ${result.evidenceListBytes} bytes; median ${result.evidenceListMedianMs} ms (p95 ${result.evidenceListP95Ms}); the page after a write (assessment + evidence list): median ${result.pageAfterWriteMedianMs} ms (p95 ${result.pageAfterWriteP95Ms})`,
  );
}
