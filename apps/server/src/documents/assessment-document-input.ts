import type { Evidence, FrameworkVersionId } from '@caitien/core';
import type { EvidenceRecord, FrameworkRepository, Repositories } from '@caitien/db';
import type { AssessmentDocumentInput } from '@caitien/documents';
import { AppError } from '../errors.ts';
import type { ServiceContext } from '../kernel/service-context.ts';
import type { AssessmentService } from '../modules/assessments/assessment.service.ts';
import type { UnitService } from '../modules/units/unit.service.ts';

/** An evidence as the core (and the documents) see it. */
export function toCoreEvidence(record: EvidenceRecord): Evidence {
  return {
    id: record.id,
    code: record.code,
    box: record.box,
    primaryCriterionCode: record.primaryCriterionCode,
    sequence: record.sequence,
    name: record.name,
    issued: record.issued,
    issuer: record.issuer,
    note: record.note,
    link: record.link,
    criterionCodes: record.criterionCodes,
    previousCode: record.previousCode,
    carried: record.carried,
    files: record.files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
    })),
  };
}

/**
 * What the self-assessment documents are rendered from (`AssessmentDocumentInput` of
 * @caitien/documents), read for a caller who may read the assessment: the assessment as its page
 * shows it (texts, marks and the levels the core computed), the school from its profile and staff
 * directory (the active Hiệu trưởng signs), the framework version it was assessed against, and its
 * evidence. What the software does not know (website, founding year, scale, the report's date) is
 * left empty, which the documents print as a blank to fill, never invented.
 */
export function createAssessmentDocumentInput(deps: {
  assessmentService: Pick<AssessmentService, 'getAssessment'>;
  unitService: Pick<UnitService, 'loadSchool'>;
  repositories: Pick<Repositories, 'units' | 'people' | 'evidence'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersion'>;
}) {
  const { assessmentService, unitService, repositories, frameworkRepository } = deps;
  return async function documentInput(
    ctx: ServiceContext,
    assessmentId: string,
  ): Promise<AssessmentDocumentInput> {
    const detail = await assessmentService.getAssessment(ctx, assessmentId);
    const [school, profile, people, framework, evidence] = await Promise.all([
      unitService.loadSchool(ctx, detail.schoolId),
      repositories.units.findProfile(detail.schoolId),
      repositories.people.listPeople(detail.schoolId),
      frameworkRepository.findVersion(detail.frameworkId as FrameworkVersionId),
      repositories.evidence.listEvidence(detail.id),
    ]);
    if (!framework)
      throw new AppError(
        'NOT_FOUND',
        `Không tìm thấy bộ tiêu chí ${detail.frameworkId} của báo cáo tự đánh giá này.`,
      );
    const principal = people.find((p) => p.isActive && /^hiệu trưởng$/iu.test(p.position.trim()));
    const level = profile?.schoolLevels[0] ?? framework.definition.schoolLevels[0] ?? 'tieu_hoc';
    return {
      school: {
        name: school.name,
        parentAgency: profile?.governingBody ?? '',
        level,
        address: profile?.address ?? '',
        phone: profile?.phone ?? '',
        email: profile?.email ?? '',
        website: '',
        ownership: '',
        founded: '',
        principalName: principal?.fullName ?? '',
        place: profile?.placeName ?? '',
        shortName: profile?.documentSymbol ?? '',
        scale: {
          classes: null,
          learners: null,
          staffTotal: null,
          managers: null,
          teachers: null,
          supportStaff: null,
        },
      },
      schoolYear: detail.schoolYear,
      regime: detail.regime,
      framework: framework.definition,
      status: detail.status,
      reportDate: '',
      council: detail.council,
      workPlan: detail.workPlan,
      texts: detail.report,
      standards: detail.standards.map(({ version: _version, ...standard }) => standard),
      criteria: detail.criteria.map((c) => {
        const result = detail.results.criteria[c.criterionCode];
        return {
          criterionCode: c.criterionCode,
          standardCode: c.standardCode,
          marks: c.marks,
          texts: {
            description: c.description,
            levelDescriptions: c.levelDescriptions,
            strengths: c.strengths,
            weaknesses: c.weaknesses,
            improvementPlan: c.improvementPlan,
          },
          assigneeMemberId: c.assigneeMemberId,
          assigneeGroupId: c.assigneeGroupId,
          carriedFields: c.carriedFields,
          level: result?.level ?? null,
          levelReason: result?.reason ?? '',
        };
      }),
      level4: detail.level4.map((l) => ({ key: l.key, met: l.met, description: l.description })),
      evidence: evidence.map(toCoreEvidence),
      results: {
        schoolLevel: detail.results.unmarkedCount > 0 ? null : detail.results.school.schoolLevel,
        reason: detail.results.school.reason,
        summaryLines: detail.results.summary,
      },
    };
  };
}

export type AssessmentDocumentInputLoader = ReturnType<typeof createAssessmentDocumentInput>;
