import { indicatorDecider } from '../indicator/indicator.decider';
import { actor, at, context } from '../testing/decider-spec';
import { SEED_INDICATORS } from './plan-indicators';
import { SEED_KEY_PROJECTS } from './plan-register';

const seed = (code: string) => {
  const item = SEED_INDICATORS.find((i) => i.code === code);
  if (!item) throw new Error(`no seed indicator ${code}`);
  return item;
};

describe('plan indicators seed', () => {
  it('holds the 24 indicators of 表2 in its order and the 15 further 2025 targets, each code once', () => {
    const codes = SEED_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(39);
    expect(codes.slice(0, 24)).toEqual(Array.from({ length: 24 }, (_, n) => `IND-${String(n + 1).padStart(2, '0')}`));
    expect(codes.slice(24)).toEqual(Array.from({ length: 15 }, (_, n) => `TG-${String(n + 1).padStart(2, '0')}`));
    SEED_INDICATORS.slice(0, 24).forEach((i, n) => expect(i.source.startsWith(`表2 第${n + 1}项`)).toBe(true));
  });

  it('registers every item through the indicator decider', () => {
    const ctx = context(at('2026-01-05 09:00'), actor({ roles: ['supervision-office'], userId: 'system:seed' }));
    for (const item of SEED_INDICATORS) {
      const { contributingProjectCodes: _links, ...fields } = item;
      const events = indicatorDecider.decide(
        { type: 'RegisterIndicator', indicatorId: item.code, ...fields },
        indicatorDecider.initialState(),
        ctx,
      );
      expect(events.map((e) => e.type)).toEqual(['IndicatorRegistered']);
    }
  });

  it('takes 约束性 / 预期性 from 表2 only: the chapter targets have none', () => {
    expect(SEED_INDICATORS.filter((i) => i.attribute === 'BINDING').map((i) => i.code)).toEqual([
      'IND-01',
      'IND-02',
      'IND-04',
      'IND-05',
      'IND-06',
      'IND-07',
      'IND-08',
      'IND-09',
      'IND-12',
      'IND-13',
      'IND-16',
      'IND-18',
      'IND-21',
      'IND-22',
      'IND-23',
      'IND-24',
    ]);
    SEED_INDICATORS.filter((i) => i.code.startsWith('TG')).forEach((i) => expect(i.attribute).toBeNull());
  });

  it('derives ≤ for what should fall (PM2.5, 劣Ⅴ类, 黑臭水体, 重度污染, 地下水Ⅴ类) and ≥ for the rest', () => {
    const atMost = SEED_INDICATORS.filter((i) => i.direction === 'AT_MOST').map((i) => i.code);
    expect(atMost).toEqual(['IND-02', 'IND-03', 'IND-06', 'IND-07', 'IND-10']);
    SEED_INDICATORS.filter((i) => i.measure === 'QUALITATIVE').forEach((i) => expect(i.direction).toBeNull());
  });

  it('keeps the plan’s figures: baselines and targets of 表2', () => {
    expect(seed('IND-01')).toMatchObject({ unit: '%', baseline: { value: 75 }, target: { value: 83.3, basis: 'VALUE' } });
    expect(seed('IND-05')).toMatchObject({ baseline: { value: 92.1 }, target: { value: 93.8 } });
    expect(seed('IND-06')).toMatchObject({ unit: 'μg/m³', baseline: { value: 31 }, target: { value: 30 } });
    expect(seed('IND-16')).toMatchObject({ baseline: { value: 65 }, target: { value: 66 } });
    expect(seed('IND-17')).toMatchObject({ unit: '亿m³', baseline: { value: 3.2 }, target: { value: 3.7 } });
    expect(seed('IND-18')).toMatchObject({
      unit: '平方公里',
      baseline: { value: 17007.56 },
      target: { wording: '不降低', basis: 'BASELINE' },
    });
    expect(seed('IND-20')).toMatchObject({ measure: 'QUALITATIVE', baseline: { wording: '未发生' }, target: { wording: '避免发生' } });
    for (const code of ['IND-07', 'IND-12', 'IND-13', 'IND-14', 'IND-21', 'IND-22', 'IND-23', 'IND-24']) {
      expect(seed(code).target).toMatchObject({ value: null, wording: '完成省定目标任务值', basis: 'PROVINCIAL_VALUE' });
    }
  });

  it('quotes the plan for every chapter target, with its figure and its 左右 / 力争', () => {
    for (const item of SEED_INDICATORS.filter((i) => i.code.startsWith('TG'))) {
      expect(item.planText).toMatch(/^到2025年，/);
      if (item.target.value !== null) expect(item.planText).toContain(`${item.target.value}%`);
      expect({ code: item.code, about: item.target.qualifier === 'ABOUT' }).toEqual({
        code: item.code,
        about: item.target.wording.includes('左右'),
      });
      expect({ code: item.code, strive: item.target.qualifier === 'STRIVE' }).toEqual({
        code: item.code,
        strive: item.planText?.includes('力争') ?? false,
      });
    }
    expect(seed('TG-07').target.wording).toBe('达到95%以上');
  });

  it('says why wherever the baseline is unknown', () => {
    for (const item of SEED_INDICATORS.filter((i) => i.baseline.value === null && i.baseline.wording === null)) {
      expect({ code: item.code, note: item.note }).toEqual({ code: item.code, note: expect.stringMatching(/未列/) });
    }
  });

  it('links only projects that are seeded', () => {
    const codes = SEED_KEY_PROJECTS.map((p) => p.code);
    const links = SEED_INDICATORS.flatMap((i) => i.contributingProjectCodes);
    expect(links).toEqual(['ZL6-2']);
    links.forEach((code) => expect(codes).toContain(code));
  });
});
