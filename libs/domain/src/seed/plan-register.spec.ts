import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_INDICATORS } from './plan-indicators';
import { planItemKindLabels, SEED_DEPARTMENTS, SEED_KEY_PROJECTS, type SeedKeyProject } from './plan-register';

const byCode = (code: string): SeedKeyProject => {
  const item = SEED_KEY_PROJECTS.find((p) => p.code === code);
  if (!item) throw new Error(`no seed item ${code}`);
  return item;
};

describe('plan register seed', () => {
  it('holds the 23 key projects of 专栏1–9 and the 10 dated commitments, each code once', () => {
    const codes = SEED_KEY_PROJECTS.map((p) => p.code);
    expect(new Set(codes).size).toBe(33);
    expect(SEED_KEY_PROJECTS.filter((p) => p.kind === 'KEY_PROJECT')).toHaveLength(23);
    expect(SEED_KEY_PROJECTS.filter((p) => p.kind === 'COMMITMENT').map((p) => p.code)).toEqual([
      'DC-01',
      'DC-02',
      'DC-03',
      'DC-04',
      'DC-05',
      'DC-06',
      'DC-07',
      'DC-08',
      'DC-09',
      'DC-10',
    ]);
  });

  it('cites a source in the plan for every item: its 专栏 first, then chapter passages', () => {
    const passage =
      /^(专栏[1-9](（[一二三]）)?|第[一二三四]章( [一二三四五六七八九]（[一二三四五六七]）\d?(、[一二三四五六七八九]（[一二三四五六七]）\d?)*| 一| [一二三四五六七八九]（[一二三四五六七]）)?)$/;
    for (const item of SEED_KEY_PROJECTS) {
      const parts = item.source.split('；');
      parts.forEach((part) => expect({ code: item.code, part, ok: passage.test(part) }).toEqual({ code: item.code, part, ok: true }));
      if (item.planBox !== null) expect(parts[0]).toMatch(new RegExp(`^专栏${item.planBox}`));
    }
  });

  it('makes exactly the items the plan words as 争取… strive targets (争取类)', () => {
    const strive = SEED_KEY_PROJECTS.filter((p) => p.planItemKind === 'STRIVE').map((p) => p.code);
    expect(strive).toEqual(['DC-01', 'DC-03']);
    for (const item of SEED_KEY_PROJECTS) {
      expect({ code: item.code, strive: item.description.includes('争取') }).toEqual({
        code: item.code,
        strive: item.planItemKind === 'STRIVE',
      });
    }
  });

  it('gives every item a kind with a reason', () => {
    for (const item of SEED_KEY_PROJECTS) {
      expect(['PROJECT', 'TASK', 'STRIVE']).toContain(item.planItemKind);
      expect(item.planItemKindReason).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(byCode('ZL8-1').planItemKind).toBe('PROJECT');
    expect(byCode('ZL1-2').planItemKind).toBe('TASK');
  });

  it('leaves the department empty (待交办) where only a place or an owner is named in the title', () => {
    for (const code of ['ZL3-3', 'ZL7-3', 'ZL7-4', 'ZL8-3', 'ZL9-1', 'DC-04']) {
      expect({ code, leadDepartment: byCode(code).leadDepartment }).toEqual({ code, leadDepartment: null });
    }
    expect(byCode('ZL7-3').implementingUnit).toBe('黑龙江绥阳林业局有限公司');
  });

  it('keeps a lead department only with the plan passage that names it', () => {
    const assigned = SEED_KEY_PROJECTS.filter((p) => p.leadDepartment !== null);
    expect(assigned.map((p) => [p.code, p.leadDepartment])).toEqual([
      ['DC-02', 'ning-an-city'],
      ['DC-03', 'ning-an-city'],
    ]);
    for (const item of SEED_KEY_PROJECTS) {
      expect(item.leadDepartmentSource === null).toBe(item.leadDepartment === null);
      if (item.leadDepartment !== null) {
        expect(SEED_DEPARTMENTS.map((d) => d.id)).toContain(item.leadDepartment);
        expect(item.leadDepartmentSource).toContain('宁安市先行先试');
      }
      expect(item.cooperatingDepartments).toEqual([]);
    }
    expect(SEED_KEY_PROJECTS.filter((p) => p.leadDepartment === null)).toHaveLength(31);
  });

  it('weights each item’s milestones to 100 with unique keys, dated only where the plan dates them', () => {
    for (const item of SEED_KEY_PROJECTS) {
      expect(item.milestones.reduce((sum, m) => sum + m.weight, 0)).toBe(100);
      expect(new Set(item.milestones.map((m) => m.key)).size).toBe(item.milestones.length);
      item.milestones.forEach((m) => expect(m.key.startsWith(`${item.code}-M`)).toBe(true));
      expect(item.plannedStart).toBeNull();
      expect(item.plannedInvestmentWanYuan).toBeNull();
    }
    expect(byCode('DC-04').plannedEnd).toBe('2022-12-31');
    expect(byCode('DC-09').plannedEnd).toBe('2023-12-31');
    expect(byCode('ZL8-1').plannedEnd).toBeNull();
  });

  it('tracks the 农村生活污水治理率 (表2 no. 11) as an indicator, not as a milestone of ZL6-2', () => {
    expect(byCode('ZL6-2').milestones.map((m) => m.name)).toEqual(['完成省定目标数量行政村环境综合整治']);
  });
});

describe('docs/plan-register.md', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/plan-register.md'), 'utf8');
  const row = (code: string) => doc.split('\n').find((line) => line.startsWith(`| ${code} |`));

  it('lists every seeded item, indicator and target with its source, and every item with its kind and department', () => {
    for (const item of SEED_KEY_PROJECTS) {
      expect({ code: item.code, row: row(item.code) }).toEqual({ code: item.code, row: expect.stringContaining(`| ${item.source} |`) });
      expect(row(item.code)).toContain(`| ${planItemKindLabels[item.planItemKind]} |`);
      if (item.leadDepartment === null) expect(row(item.code)).toContain('| 待交办 |');
    }
    for (const indicator of SEED_INDICATORS) {
      expect({ code: indicator.code, row: row(indicator.code) }).toEqual({
        code: indicator.code,
        row: expect.stringContaining(`| ${indicator.source} |`),
      });
    }
  });
});
