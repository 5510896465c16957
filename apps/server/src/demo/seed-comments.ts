import type { DemoExtension } from './demo-extension.ts';

const OFFICE_REMARKS = [
  'Đề nghị nêu rõ chỉ số đo kết quả của nội dung này.',
  'Thời gian thực hiện chưa cụ thể, đề nghị ghi rõ tháng bắt đầu và kết thúc.',
  'Kinh phí cần tách theo nguồn (ngân sách, xã hội hóa).',
  'Đề nghị bổ sung người phối hợp thực hiện.',
];
const SCHOOL_ANSWERS = [
  'Nhà trường đã tiếp thu và bổ sung trong lần điều chỉnh tới.',
  'Nhà trường xin giải trình: nội dung này đã có trong kế hoạch năm học.',
];

/**
 * The demo's comments (issue 14): on about one approved plan in three, the school's office (its
 * xã, else the Sở) comments on one row and, for some, on the whole plan; the principal answers
 * about half of them and marks some resolved. Deterministic (ids from `newId`, chance from
 * `random`); notifications are not seeded (the demo reader opens the threads themselves).
 */
export const seedCommentsExtension: DemoExtension = {
  name: 'comments',
  async seed(context) {
    const { db } = context;
    const schools = new Map(context.schools.map((s) => [s.schoolId, s]));
    const officeOf = (unitId: string | null) =>
      unitId ? context.officeUsers.find((u) => u.unitId === unitId) : undefined;
    let threads = 0;
    let comments = 0;
    const at = (minutes: number) =>
      new Date(context.now.getTime() - minutes * 60_000).toISOString();
    for (const plan of context.plans) {
      if (plan.status !== 'approved' || plan.rowIds.length === 0) continue;
      if (context.random() >= 1 / 3) continue;
      const school = schools.get(plan.schoolId);
      if (!school) continue;
      const office = officeOf(school.communeId) ?? officeOf(school.provinceId);
      if (!office) continue;
      const rowIndex = Math.floor(context.random() * plan.rowIds.length);
      const row = await db
        .selectFrom('plan_rows')
        .select(['track_id', 'criterion_code'])
        .where('id', '=', plan.rowIds[rowIndex] ?? '')
        .executeTakeFirst();
      if (!row) continue;
      const officeName =
        (
          await db
            .selectFrom('users')
            .select('display_name')
            .where('id', '=', office.userId)
            .executeTakeFirst()
        )?.display_name ?? 'Cán bộ quản lý';
      const principalName =
        (
          await db
            .selectFrom('users')
            .select('display_name')
            .where('id', '=', school.principalUserId)
            .executeTakeFirst()
        )?.display_name ?? 'Hiệu trưởng';
      const targets = [
        {
          target: 'plan_row',
          ref: row.track_id ?? '',
          label: row.criterion_code
            ? `Dòng ${rowIndex + 1} – Tiêu chí ${row.criterion_code}`
            : `Dòng ${rowIndex + 1}`,
        },
        ...(context.random() < 0.5
          ? [{ target: 'document', ref: '', label: 'Cả văn bản: Kế hoạch cải tiến chất lượng' }]
          : []),
      ];
      for (const target of targets) {
        const threadId = context.newId();
        const answered = context.random() < 0.5;
        const resolved = answered && context.random() < 0.5;
        const remark = OFFICE_REMARKS[Math.floor(context.random() * OFFICE_REMARKS.length)] ?? '';
        const answer = SCHOOL_ANSWERS[Math.floor(context.random() * SCHOOL_ANSWERS.length)] ?? '';
        await db
          .insertInto('comment_threads')
          .values({
            id: threadId,
            school_id: plan.schoolId,
            document_kind: 'plan',
            document_id: plan.planId,
            target: target.target,
            target_ref: target.ref,
            target_label: target.label,
            submission_id: null,
            office_unit_id: office.unitId,
            status: resolved ? 'resolved' : 'open',
            created_by_user_id: office.userId,
            created_at: at(600),
            updated_at: at(answered ? 300 : 600),
            version: 1 + (answered ? 1 : 0) + (resolved ? 1 : 0),
          })
          .execute();
        await db
          .insertInto('comments')
          .values({
            id: context.newId(),
            thread_id: threadId,
            side: 'office',
            author_user_id: office.userId,
            author_name: officeName,
            unit_id: office.unitId,
            body: remark,
            created_at: at(600),
          })
          .execute();
        threads += 1;
        comments += 1;
        if (answered) {
          await db
            .insertInto('comments')
            .values({
              id: context.newId(),
              thread_id: threadId,
              side: 'school',
              author_user_id: school.principalUserId,
              author_name: principalName,
              unit_id: plan.schoolId,
              body: answer,
              created_at: at(300),
            })
            .execute();
          comments += 1;
        }
      }
    }
    return { commentThreads: threads, comments };
  },
};
