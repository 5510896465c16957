import type { ImportField, PlanImportErrorCode } from '@caitien/documents';
import type { Repositories } from '@caitien/db';
import { planImportPreviewSchema } from '@caitien/shared';
import { z } from 'zod';
import type { DocumentParsers, PlanPreviewInput } from '../../documents/document-parsers.ts';
import { AppError } from '../../errors.ts';
import { authorize } from '../auth/authorize.ts';
import type { ServiceContext } from '../auth/request-context.ts';
import type { UnitService } from '../units/unit.service.ts';
import { completeHeader, headerFromProfile } from './plan-defaults.ts';

/** How the importer's refusals answer over HTTP (all with the importer's Vietnamese message). */
const ERROR_CODES: Record<
  PlanImportErrorCode,
  'VALIDATION_ERROR' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE'
> = {
  EMPTY_FILE: 'VALIDATION_ERROR',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_MEDIA_TYPE',
  ENCRYPTED: 'VALIDATION_ERROR',
  CORRUPT: 'VALIDATION_ERROR',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NO_PLAN_TABLE: 'VALIDATION_ERROR',
  TOO_MANY_ROWS: 'VALIDATION_ERROR',
  INVALID_OPTIONS: 'VALIDATION_ERROR',
};

const HEADER_SCHEMA = planImportPreviewSchema.shape.plan.shape.header;
const SOURCES_SCHEMA = planImportPreviewSchema.shape.headerSources;

/**
 * The preview step of importing a Word/Excel plan (issue 7): who may create plans in the school
 * uploads the file and sees what was understood. Nothing is written; the confirmed plan is posted
 * to the interchange-JSON import, which creates the draft (and parses people against the
 * school's directory). Header fields the file leaves empty are filled from the school profile,
 * and the preview says which came from where.
 */
export function createPlanImportService(deps: {
  unitService: UnitService;
  repositories: Pick<Repositories, 'units' | 'people'>;
  /** Reads the upload (in the server: off the event loop, parse-pool.ts). */
  parsers: Pick<DocumentParsers, 'previewPlan'>;
}) {
  const { units, people } = deps.repositories;
  return {
    /**
     * Answers the preview as UTF-8 JSON (a `PlanImportPreview`): the plan and report arrive
     * checked and serialised from where the file was read, and only the completed header is
     * added here, so a plan of thousands of rows does not hold the event loop while it is
     * serialised.
     */
    /** Whether the caller may import plans into the school (throws 404/403 as `preview` does). */
    async checkAccess(ctx: ServiceContext, schoolId: string): Promise<void> {
      const school = await deps.unitService.loadSchool(ctx, schoolId);
      authorize(ctx.actor, 'plan.edit', school.path, 'Không tìm thấy trường này.');
    },

    async preview(
      ctx: ServiceContext,
      schoolId: string,
      /** The file, or a table pasted from Word/Excel as text (tab-separated rows). */
      input: PlanPreviewInput,
      options: {
        fileName?: string | undefined;
        schoolYear?: string | undefined;
        mapping?: Array<{ column: number; field: ImportField | null }> | undefined;
        /** false: text in legacy Vietnamese fonts stays as typed (converted by default). */
        legacyFonts?: boolean | undefined;
      },
    ): Promise<Buffer> {
      const school = await deps.unitService.loadSchool(ctx, schoolId);
      authorize(ctx.actor, 'plan.edit', school.path, 'Không tìm thấy trường này.');
      const importOptions = {
        ...(options.fileName ? { fileName: options.fileName } : {}),
        ...(options.schoolYear ? { schoolYear: options.schoolYear } : {}),
        ...(options.mapping ? { mapping: options.mapping } : {}),
        ...(options.legacyFonts === false ? { legacyFonts: false } : {}),
      };
      const result = await deps.parsers.previewPlan(input, importOptions);
      if (!result.ok) {
        throw new AppError(ERROR_CODES[result.error.code], result.error.message, {
          importError: result.error.code,
        });
      }
      const [profile, staff] = await Promise.all([
        units.findProfile(school.id),
        people.listPeople(school.id),
      ]);
      const supervisors = profile ? await units.findByIds(profile.supervisingUnitIds) : [];
      const fromProfile = headerFromProfile({
        profile: profile ?? { governingBody: '', documentSymbol: '', placeName: '' },
        schoolName: school.name,
        schoolYear: result.schoolYear,
        people: staff,
        supervisorNames: supervisors.map((s) => s.name),
      });
      // Without a school year the profile's subtitle would read "năm học  - ": keep the file's.
      if (!result.schoolYear) fromProfile.subtitle = '';
      const { header, sources } = completeHeader(result.header, fromProfile);
      const headerJson = JSON.stringify(z.encode(HEADER_SCHEMA, header));
      const sourcesJson = JSON.stringify(z.encode(SOURCES_SCHEMA, sources));
      // planJson is an object without `header`: the completed one goes in as its last member.
      const planBody = Buffer.from(
        result.planJson.buffer,
        result.planJson.byteOffset,
        result.planJson.byteLength,
      );
      const planIsEmpty = planBody.length === 2;
      return Buffer.concat([
        Buffer.from('{"plan":'),
        planBody.subarray(0, planBody.length - 1),
        Buffer.from(`${planIsEmpty ? '' : ','}"header":${headerJson}},"report":`),
        result.reportJson,
        Buffer.from(`,"headerSources":${sourcesJson}}`),
      ]);
    },
  };
}

export type PlanImportService = ReturnType<typeof createPlanImportService>;
