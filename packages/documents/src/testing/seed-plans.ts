import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  EMPTY_DIRECTORY,
  findFrameworkVersion,
  loadFrameworkCatalogue,
  parseRowCells,
  type FrameworkDefinition,
  type PlanLayout,
  type RowGroup,
} from '@caitien/core';
import type { PlanInterchange } from '@caitien/shared';

/**
 * Test support: the five seed plans (the real plans described in docs/PRODUCT.md §4) as plan
 * interchange JSON, built from the fixture listings (`.expected.json`, the form described in
 * packages/documents/test-fixtures/README.md) — the three Word/Excel plans in
 * packages/documents/test-fixtures/plans and the two typed from the seed text in
 * packages/documents/test-fixtures/seeds. Everything lives in the repository.
 */

/** The Word/Excel plans built from seeds 001, 003 and 004, each beside its `.expected.json`. */
export const PLAN_FIXTURES_DIR = fileURLToPath(
  new URL('../../test-fixtures/plans/', import.meta.url),
);
export const LOCAL_SEEDS_DIR = fileURLToPath(
  new URL('../../test-fixtures/seeds/', import.meta.url),
);

/** One item of a fixture listing (test-fixtures/README.md "The .expected.json form"). */
export interface ListingItem {
  group: '1-3' | '4';
  criterion: string;
  target?: string;
  solution?: string;
  lead?: string;
  time?: string;
  budget?: string;
  support?: string;
  note?: string;
  content?: string;
  responsible?: string;
  progress?: string;
  result?: string;
}

export interface PlanListing {
  source?: string;
  school: string;
  schoolYear: string;
  framework: string;
  layout: 'A' | 'B';
  documentNumber: string | null;
  signer: { title: string | null; name: string | null } | null;
  items: ListingItem[];
  /** Only in the locally typed seeds: what the header and the sections say. */
  header?: {
    governingBody?: string | null;
    schoolName?: string | null;
    documentNumber?: string | null;
    placeName?: string | null;
    documentDate?: string | null;
    title?: string | null;
    subtitle?: string | null;
    recipients?: string[] | null;
  };
  sections?: Array<{ heading: string; body: string }>;
}

export interface SeedFixture {
  /** "seed001". */
  id: string;
  listingPath: string;
  /** The Word/Excel file of the seed, when the fixtures hold one. */
  filePath: string | null;
}

/** The five seeds with the files the repository holds for each. */
export function seedFixtures(): SeedFixture[] {
  return [
    {
      id: 'seed000',
      listingPath: `${LOCAL_SEEDS_DIR}seed000-layout-a.expected.json`,
      filePath: null,
    },
    {
      id: 'seed001',
      listingPath: `${PLAN_FIXTURES_DIR}seed001-layout-b.expected.json`,
      filePath: `${PLAN_FIXTURES_DIR}seed001-layout-b.docx`,
    },
    {
      id: 'seed002',
      listingPath: `${LOCAL_SEEDS_DIR}seed002-layout-a.expected.json`,
      filePath: null,
    },
    {
      id: 'seed003',
      listingPath: `${PLAN_FIXTURES_DIR}seed003-titled.expected.json`,
      filePath: `${PLAN_FIXTURES_DIR}seed003-titled.xlsx`,
    },
    {
      id: 'seed004',
      listingPath: `${PLAN_FIXTURES_DIR}seed004-layout-a.expected.json`,
      filePath: `${PLAN_FIXTURES_DIR}seed004-layout-a.docx`,
    },
  ];
}

export function readListing(path: string): PlanListing {
  return JSON.parse(readFileSync(path, 'utf8')) as PlanListing;
}

const catalogue = loadFrameworkCatalogue();

/** The framework version a listing names (bare code → newest version). */
export function frameworkOf(listing: PlanListing): FrameworkDefinition | null {
  return findFrameworkVersion(catalogue, listing.framework);
}

const SECTIONS_2018 = [
  {
    key: 'purpose',
    heading: 'I. MỤC ĐÍCH, YÊU CẦU',
    body: '1. Xây dựng kế hoạch cải tiến chất lượng giáo dục nhằm phát huy điểm mạnh, khắc phục điểm yếu.\n2. Kế hoạch phải cụ thể, khả thi, phù hợp với điều kiện thực tế của nhà trường và địa phương.',
  },
  {
    key: 'bases',
    heading: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH',
    body: 'Căn cứ báo cáo tự đánh giá của nhà trường;\nCăn cứ các văn bản quy phạm pháp luật, văn bản hướng dẫn hiện hành.',
  },
  { key: 'content', heading: 'III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', body: '' },
  {
    key: 'organisation',
    heading: 'IV. TỔ CHỨC THỰC HIỆN',
    body: '1. Hiệu trưởng: chỉ đạo, tổ chức thực hiện kế hoạch.\n2. Hội đồng tự đánh giá: theo dõi, đôn đốc thực hiện.',
  },
];

/** The interchange JSON of a listing: texts into their row fields, parsed cells computed. */
export function interchangeFromListing(listing: PlanListing): PlanInterchange {
  const schoolYear = listing.schoolYear;
  const [y1, y2] = schoolYear.split('-');
  const framework = frameworkOf(listing);
  const rows = listing.items.map((item) => {
    const level4 = item.group === '4';
    const group: RowGroup = level4 ? 'level_4' : 'levels_1_3';
    const lead = listing.layout === 'B' ? (item.responsible ?? '') : (item.lead ?? '');
    const texts = {
      currentState: '',
      content: item.content ?? '',
      target: item.target ?? '',
      tasks: item.solution ?? '',
      indicator: '',
      lead,
      coordinators: '',
      support: item.support ?? '',
      evidence: '',
      progress: item.progress ?? '',
      result: item.result ?? '',
      note: item.note ?? '',
    };
    const parsed = parseRowCells(
      { time: item.time ?? '', budget: item.budget ?? '', lead, coordinators: '' },
      { schoolYear, directory: EMPTY_DIRECTORY },
    );
    return {
      group,
      standardCode: level4 ? null : (item.criterion.split('.')[0] ?? null),
      criterionCode: level4 ? null : item.criterion,
      level4Key: level4 ? item.criterion : null,
      ...texts,
      ...parsed,
      carryCount: 0,
    };
  });
  const header = listing.header ?? {};
  const sections = listing.sections
    ? listing.sections.map((s, i) => ({
        key: /NỘI DUNG/iu.test(s.heading) ? 'content' : `section${i + 1}`,
        heading: s.heading,
        body: s.body,
      }))
    : SECTIONS_2018;
  const layout: PlanLayout = listing.layout;
  return {
    formatVersion: 1,
    generator: 'CaiTien test fixtures',
    exportedAt: '2026-11-23T00:00:00.000Z',
    plan: {
      schoolYear,
      regime: '2018',
      frameworkId: framework ? `${framework.code}@${framework.version}` : null,
      status: 'approved',
      revisionNumber: 0,
      layout,
      hiddenColumns: [],
      snapshotHash: null,
    },
    school: { name: listing.school, governingBody: '', placeName: '', documentSymbol: '' },
    header: {
      governingBody: header.governingBody ?? '',
      schoolName: header.schoolName ?? listing.school.toLocaleUpperCase('vi'),
      documentNumber: header.documentNumber ?? listing.documentNumber ?? '',
      placeName: header.placeName ?? '',
      documentDate: header.documentDate ?? null,
      title: header.title ?? 'KẾ HOẠCH',
      subtitle: header.subtitle ?? `Cải tiến chất lượng giáo dục năm học ${y1} - ${y2}`,
      signerPrefix: '',
      signerTitle: listing.signer?.title ?? 'HIỆU TRƯỞNG',
      signerName: listing.signer?.name ?? '',
      recipients: header.recipients ?? ['Phòng GDĐT (để b/c);', 'Lưu: VT.'],
    },
    sections,
    rows,
    focusIssues: [],
    reviews: [],
  };
}
