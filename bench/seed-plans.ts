/**
 * Bench data for the plan figures of issue 5: 300 schools × 3 school years × 40 rows, plus one
 * 60-row plan to read. Written straight through the repositories in one transaction (the API would
 * only add minutes to the set-up, not to what is measured).
 */
import { randomUUID } from 'node:crypto';
import { createRepositories, type DatabaseHandle, type RowColumns } from '@caitien/db';
import {
  DEFAULT_LAYOUTS,
  EMPTY_DIRECTORY,
  formatSchoolYear,
  parseRowCells,
  regimeOfSchoolYear,
} from '@caitien/core';

const SAMPLE_ROWS = [
  {
    criterionCode: '1.1',
    tasks: 'Rà soát, điều chỉnh kế hoạch phát triển nhà trường',
    time: '10 – 01',
    budget: 'Không',
    lead: 'Hiệu trưởng',
  },
  {
    criterionCode: '1.3',
    tasks: 'Cập nhật cơ sở dữ liệu ngành',
    time: 'Từ tháng 9/2024 đến tháng 5/2025',
    budget: '7.000.000',
    lead: 'Phó hiệu trưởng',
  },
  {
    criterionCode: '2.2',
    tasks: 'Bồi dưỡng chuyên môn cho giáo viên',
    time: 'Học kỳ I',
    budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
    lead: 'Tổ trưởng chuyên môn',
  },
  {
    criterionCode: '4.1',
    tasks: 'Sửa chữa phòng học, bổ sung thiết bị',
    time: 'Tháng 6 đến tháng 9 hằng năm',
    budget: '100 triệu',
    lead: 'Kế toán',
  },
];

function row(i: number, schoolYear: string): RowColumns {
  const sample = SAMPLE_ROWS[i % SAMPLE_ROWS.length] ?? SAMPLE_ROWS[0]!;
  const parsed = parseRowCells(
    {
      time: sample.time,
      budget: sample.budget,
      lead: sample.lead,
      coordinators: 'Các tổ chuyên môn',
    },
    { schoolYear, directory: EMPTY_DIRECTORY },
  );
  return {
    rowGroup: 'tt57',
    standardCode: sample.criterionCode.split('.')[0] ?? null,
    criterionCode: sample.criterionCode,
    level4Key: null,
    currentState: `Hiện trạng dòng ${i + 1}: nhà trường đã thực hiện nhưng còn hạn chế.`,
    content: `Nội dung cải tiến ${i + 1}`,
    target: `Mục tiêu ${i + 1}: 100% giáo viên đạt yêu cầu.`,
    tasks: `${sample.tasks} (dòng ${i + 1})`,
    indicator: 'Tỷ lệ hoàn thành',
    timeText: sample.time,
    timeStart: parsed.time.start,
    timeEnd: parsed.time.end,
    leadText: sample.lead,
    coordinatorsText: 'Các tổ chuyên môn',
    parsed,
    budgetText: sample.budget,
    budgetAmount: parsed.budget.amount,
    budgetSource: parsed.budget.source,
    support: '',
    evidence: 'Biên bản, báo cáo',
    progress: i % 3 === 0 ? 'Hoàn thành' : 'Đang thực hiện',
    result: '',
    note: '',
  };
}

/** Seeds the bench organisation; returns the school and the 60-row plan to read. */
export async function seedPlanBench(
  database: DatabaseHandle,
  options: { schools: number; years: number; rows: number },
) {
  const repos = createRepositories(database.db);
  const now = new Date().toISOString();
  const header = {
    governingBody: 'UBND XÃ ĐỊNH HIỆP',
    schoolName: 'TRƯỜNG TIỂU HỌC',
    documentNumber: '67/KH-TH',
    placeName: 'Định Hiệp',
    documentDate: null,
    title: 'KẾ HOẠCH',
    subtitle: 'Cải tiến chất lượng giáo dục năm học',
    signerPrefix: '',
    signerTitle: 'HIỆU TRƯỞNG',
    signerName: 'Nguyễn Văn An',
    recipients: ['Lưu: VT.'],
  };
  const provinceId = randomUUID();
  const communeId = randomUUID();
  let target = { schoolId: '', planId: '' };
  await repos.transaction(async (tx) => {
    await tx.units.insert({
      id: provinceId,
      kind: 'province',
      name: 'Sở GD&ĐT',
      parentId: null,
      path: `/${provinceId}/`,
      now,
    });
    await tx.units.insert({
      id: communeId,
      kind: 'commune',
      name: 'UBND xã',
      parentId: provinceId,
      path: `/${provinceId}/${communeId}/`,
      now,
    });
    for (let s = 0; s < options.schools; s += 1) {
      const schoolId = randomUUID();
      await tx.units.insert({
        id: schoolId,
        kind: 'school',
        name: `Trường Tiểu học số ${s + 1}`,
        parentId: communeId,
        path: `/${provinceId}/${communeId}/${schoolId}/`,
        now,
      });
      await tx.units.insertProfile({
        schoolId,
        schoolLevels: ['tieu_hoc'],
        governingBody: 'UBND XÃ',
        placeName: 'Định Hiệp',
        documentSymbol: 'TH',
        address: '',
        phone: '',
        email: '',
        sites: [],
        supervisingUnitIds: [],
        updatedAt: now,
      });
      const years = s === 0 ? options.years + 1 : options.years;
      for (let y = 0; y < years; y += 1) {
        const start = 2023 + y;
        const schoolYear = formatSchoolYear(start);
        const regime = regimeOfSchoolYear(schoolYear) ?? '2018';
        const planId = randomUUID();
        await tx.plans.insertPlan({
          id: planId,
          lineageId: planId,
          revisionNumber: 0,
          schoolId,
          schoolYear,
          regime,
          frameworkId: regime === '2026' ? 'TT57-PT@1' : 'TT17@2',
          frameworkReason: '',
          status: 'draft',
          layout: DEFAULT_LAYOUTS[regime],
          hiddenColumns: [],
          header,
          sections: [],
          carriedFromPlanId: null,
          submittedAt: null,
          approvedAt: null,
          approvedByUserId: null,
          now,
          createdByUserId: null,
        });
        // The extra plan of the first school has 60 rows: the one the benchmark reads and edits.
        const rowCount = s === 0 && y === years - 1 ? 60 : options.rows;
        for (let r = 0; r < rowCount; r += 1) {
          await tx.plans.insertRow({
            ...row(r, schoolYear),
            id: randomUUID(),
            planId,
            position: r,
            originRowId: null,
            carryCount: 0,
            now,
          });
        }
        if (s === 0 && y === years - 1) target = { schoolId, planId };
      }
    }
  });
  return target;
}
