import { actor, at, context, DeciderSpecification } from '../testing/decider-spec';
import type { AssignIndicator, ReportIndicatorValue } from './indicator.commands';
import { indicatorDecider, sameUnit } from './indicator.decider';
import type { IndicatorAssigned, IndicatorEvent } from './indicator.events';
import { registered, registration, reported } from './indicator.fixtures';

const office = actor({ roles: ['supervision-office'], userId: 'office-1', displayName: '督查办王' });
const reporter = actor({ roles: ['project-lead'], userId: 'lead-1', displayName: '市生态环境局填报员', department: 'city-eco-env-bureau' });
const now = at('2026-11-30 10:00');
const spec = DeciderSpecification(indicatorDecider, context(now, office));
const asReporter = { actor: reporter };

const pm25 = registered('IND-06');
const goodDays = registered('IND-05');
const redLine = registered('IND-18');
const constructionLand = registered('IND-09');
const co2 = registered('IND-12');

const assign: AssignIndicator = {
  type: 'AssignIndicator',
  leadDepartment: 'city-eco-env-bureau',
  cooperatingDepartments: ['city-housing-urban-rural-bureau', 'city-transport-bureau'],
  leaderInCharge: { name: '张某', title: '副市长' },
  responsiblePerson: '大气环境科科长',
};
const assigned: IndicatorAssigned = {
  type: 'IndicatorAssigned',
  data: {
    leadDepartment: 'city-eco-env-bureau',
    cooperatingDepartments: ['city-housing-urban-rural-bureau', 'city-transport-bureau'],
    leaderInCharge: { name: '张某', title: '副市长' },
    responsiblePerson: '大气环境科科长',
    assignedOn: '2026-11-30',
    assignedBy: 'office-1',
    occurredAt: now.toISOString(),
  },
};

const report = (period: string, value: unknown, extra: Partial<ReportIndicatorValue> = {}): ReportIndicatorValue => ({
  type: 'ReportIndicatorValue',
  period,
  value: value as number,
  unit: null,
  source: '国控站点自动监测',
  note: null,
  ...extra,
});

describe('indicator decider: registration from the plan', () => {
  it('registers an indicator with the plan’s data; it waits for 交办', () => {
    spec
      .given([])
      .when(registration('IND-06'))
      .thenState((s, events) => {
        expect(events).toEqual([{ type: 'IndicatorRegistered', data: { ...pm25.data, occurredAt: now.toISOString() } }]);
        expect(s).toMatchObject({
          status: 'UNASSIGNED',
          code: 'IND-06',
          name: '细颗粒物（PM2.5）浓度',
          unit: 'μg/m³',
          attribute: 'BINDING',
          direction: 'AT_MOST',
          baseline: { year: 2020, value: 31 },
          target: { year: 2025, value: 30 },
          leadDepartment: null,
        });
      });
  });

  it('registers once', () => {
    spec.given([pm25]).when(registration('IND-06')).thenThrows({ kind: 'conflict', code: 'INDICATOR_ALREADY_REGISTERED' });
  });

  it('refuses a numeric indicator without a direction', () => {
    spec
      .given([])
      .when({ ...registration('IND-06'), direction: null })
      .thenThrows({ kind: 'invalid', code: 'INVALID_DIRECTION' });
  });

  it('refuses a numeric target without its number, and a number next to a target in words', () => {
    const pm = registration('IND-06');
    spec
      .given([])
      .when({ ...pm, target: { ...pm.target, value: null } })
      .thenThrows({ kind: 'invalid', code: 'INVALID_TARGET' });
    const provincial = registration('IND-12');
    spec
      .given([])
      .when({ ...provincial, target: { ...provincial.target, value: 3 } })
      .thenThrows({ kind: 'invalid', code: 'INVALID_TARGET' });
  });

  it('refuses a qualitative indicator with a unit', () => {
    spec
      .given([])
      .when({ ...registration('IND-09'), unit: '%' })
      .thenThrows({ kind: 'invalid', code: 'INVALID_TARGET' });
  });

  it('refuses a baseline outside the unit’s range', () => {
    const share = registration('IND-01');
    spec
      .given([])
      .when({ ...share, baseline: { ...share.baseline, value: 175 } })
      .thenThrows({ kind: 'invalid', code: 'INVALID_BASELINE' });
  });

  it('answers any other command on an unknown indicator with 404', () => {
    spec.given([]).when(assign).thenThrows({ kind: 'not-found', code: 'STREAM_NOT_FOUND' });
    spec.given([]).when(report('2025', 30)).thenThrows({ kind: 'not-found', code: 'STREAM_NOT_FOUND' });
  });
});

describe('indicator decider: 交办', () => {
  it('assigns the lead and cooperating departments with the leader in charge, dated by the Shanghai calendar', () => {
    spec.given([pm25]).when(assign).then([assigned]);
    spec
      .given([pm25])
      .when(assign, { now: new Date('2026-11-29T16:30:00Z') })
      .thenState((s) => {
        expect(s.status).toBe('ASSIGNED');
        expect(s.assignedOn).toBe('2026-11-30');
        expect(s.assignments).toHaveLength(1);
      });
  });

  it('refuses a second 交办: that is a reassignment with a reason', () => {
    const error = spec.given([pm25, assigned]).when(assign).thenThrows({ kind: 'conflict', code: 'INDICATOR_ALREADY_ASSIGNED' });
    expect(error.detail).toContain('重新交办');
  });

  it('refuses the lead department among the cooperating ones, and duplicates', () => {
    spec
      .given([pm25])
      .when({ ...assign, cooperatingDepartments: ['city-eco-env-bureau'] })
      .thenThrows({ kind: 'invalid', code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING' });
    spec
      .given([pm25])
      .when({ ...assign, cooperatingDepartments: ['city-transport-bureau', 'city-transport-bureau'] })
      .thenThrows({ kind: 'invalid', code: 'DUPLICATE_ID' });
  });

  it('reassigns with a reason and keeps the previous assignment in the event', () => {
    spec
      .given([pm25, assigned])
      .when({
        ...assign,
        type: 'ReassignIndicator',
        leadDepartment: 'city-housing-urban-rural-bureau',
        cooperatingDepartments: [],
        reason: '扬尘为首要来源',
      })
      .thenState((s, events) => {
        expect(events[0]).toMatchObject({
          type: 'IndicatorReassigned',
          data: {
            leadDepartment: 'city-housing-urban-rural-bureau',
            previous: {
              leadDepartment: 'city-eco-env-bureau',
              cooperatingDepartments: ['city-housing-urban-rural-bureau', 'city-transport-bureau'],
            },
            reason: '扬尘为首要来源',
          },
        });
        expect(s.leadDepartment).toBe('city-housing-urban-rural-bureau');
        expect(s.assignments.map((a) => a.reason)).toEqual([null, '扬尘为首要来源']);
      });
  });

  it('refuses a reassignment of an unassigned indicator, without a reason, or that changes nothing', () => {
    const reassign = { ...assign, type: 'ReassignIndicator' as const, reason: '调整分工' };
    spec.given([pm25]).when(reassign).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
    spec
      .given([pm25, assigned])
      .when({ ...reassign, leadDepartment: 'city-transport-bureau', cooperatingDepartments: [], reason: ' ' })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
    spec.given([pm25, assigned]).when(reassign).thenThrows({ kind: 'invalid', code: 'ASSIGNMENT_UNCHANGED' });
  });
});

describe('indicator decider: yearly targets (序时进度)', () => {
  it('sets the province’s yearly figures and records what each replaced', () => {
    spec
      .given([co2])
      .when({
        type: 'SetYearlyTargets',
        targets: [
          { year: 2022, value: 4.2 },
          { year: 2021, value: 4 },
        ],
        grounds: '省下达“十四五”碳排放强度目标',
      })
      .then([
        {
          type: 'YearlyTargetsSet',
          data: {
            targets: [
              { year: 2021, value: 4, previousValue: null },
              { year: 2022, value: 4.2, previousValue: null },
            ],
            grounds: '省下达“十四五”碳排放强度目标',
            setBy: 'office-1',
            occurredAt: now.toISOString(),
          },
        },
      ]);
  });

  it('changes one year and keeps the others', () => {
    const first: IndicatorEvent = {
      type: 'YearlyTargetsSet',
      data: {
        targets: [
          { year: 2021, value: 4, previousValue: null },
          { year: 2022, value: 4.2, previousValue: null },
        ],
        grounds: 'a',
        setBy: 'x',
        occurredAt: now.toISOString(),
      },
    };
    spec
      .given([co2, first])
      .when({ type: 'SetYearlyTargets', targets: [{ year: 2022, value: 4.5 }], grounds: '省调整2022年目标' })
      .thenState((s, events) => {
        expect(events[0].data).toMatchObject({ targets: [{ year: 2022, value: 4.5, previousValue: 4.2 }] });
        expect(s.yearlyTargets).toEqual([
          { year: 2021, value: 4 },
          { year: 2022, value: 4.5 },
        ]);
      });
    spec
      .given([co2, first])
      .when({ type: 'SetYearlyTargets', targets: [{ year: 2022, value: 4.2 }], grounds: '重复' })
      .thenThrows({ kind: 'invalid', code: 'TRAJECTORY_UNCHANGED' });
  });

  it('refuses years outside the plan, duplicates, values that are not numbers, and a missing ground', () => {
    const set = (targets: unknown, grounds = '依据') => ({ type: 'SetYearlyTargets' as const, targets: targets as [], grounds });
    spec
      .given([co2])
      .when(set([{ year: 2026, value: 4 }]))
      .thenThrows({ kind: 'invalid', code: 'YEAR_OUTSIDE_PLAN' });
    spec
      .given([co2])
      .when(set([{ year: 2020, value: 4 }]))
      .thenThrows({ kind: 'invalid', code: 'YEAR_OUTSIDE_PLAN' });
    spec.given([co2]).when(set([])).thenThrows({ kind: 'invalid', code: 'TARGETS_REQUIRED' });
    spec
      .given([co2])
      .when(
        set([
          { year: 2021, value: 4 },
          { year: 2021, value: 5 },
        ]),
      )
      .thenThrows({ kind: 'invalid', code: 'DUPLICATE_YEAR' });
    spec
      .given([co2])
      .when(set([{ year: 2021, value: '4%' }]))
      .thenThrows({ kind: 'invalid', code: 'VALUE_NOT_A_NUMBER' });
    spec
      .given([co2])
      .when(set([{ year: 2021, value: 4 }], ''))
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });

  it('refuses a 2025 target weaker than the plan’s, in the indicator’s direction', () => {
    const error = spec
      .given([pm25])
      .when({ type: 'SetYearlyTargets', targets: [{ year: 2025, value: 31 }], grounds: '放宽' })
      .thenThrows({ kind: 'invalid', code: 'TRAJECTORY_WEAKER_THAN_PLAN' });
    expect(error.detail).toContain('规划目标');
    spec
      .given([pm25])
      .when({ type: 'SetYearlyTargets', targets: [{ year: 2025, value: 29 }], grounds: '省定更严目标' })
      .thenState((s) => expect(s.yearlyTargets).toEqual([{ year: 2025, value: 29 }]));
  });

  it('refuses yearly figures for a qualitative indicator', () => {
    spec
      .given([constructionLand])
      .when({ type: 'SetYearlyTargets', targets: [{ year: 2024, value: 1 }], grounds: 'x' })
      .thenThrows({ kind: 'conflict', code: 'QUALITATIVE_INDICATOR_HAS_NO_TRAJECTORY' });
  });
});

describe('indicator decider: reporting a value', () => {
  it('records the value with its source and reporter, in the indicator’s unit', () => {
    spec
      .given([pm25, assigned])
      .when(report('2026-10', 28.6, { unit: 'μg/m³', note: '1—10月累计均值' }), asReporter)
      .then([
        {
          type: 'IndicatorValueReported',
          data: {
            period: '2026-10',
            value: 28.6,
            unit: 'μg/m³',
            source: '国控站点自动监测',
            note: '1—10月累计均值',
            reportedOn: '2026-11-30',
            reportedBy: 'lead-1',
            reportedByName: '市生态环境局填报员',
            reportedByDepartment: 'city-eco-env-bureau',
            occurredAt: now.toISOString(),
          },
        },
      ]);
  });

  it('refuses a value that is not a number where the indicator is numeric, naming the unit', () => {
    for (const value of ['28.6', null, Number.NaN, 'MET']) {
      const error = spec.given([pm25]).when(report('2026-10', value)).thenThrows({ kind: 'invalid', code: 'VALUE_NOT_A_NUMBER' });
      expect(error.detail).toContain('μg/m³');
    }
  });

  it('refuses a value in another unit, and takes the usual spellings of its own', () => {
    const error = spec
      .given([pm25])
      .when(report('2026-10', 0.0286, { unit: 'mg/m³' }))
      .thenThrows({ kind: 'invalid', code: 'UNIT_MISMATCH' });
    expect(error.detail).toBe('“细颗粒物（PM2.5）浓度”的计量单位为“μg/m³”，填写的单位“mg/m³”不符，请换算为“μg/m³”后再填写。');
    expect(sameUnit('µg/m³', 'μg/m³')).toBe(true);
    expect(sameUnit('ug/m3', 'μg/m³')).toBe(true);
    expect(sameUnit('％', '%')).toBe(true);
    expect(sameUnit('mg/m3', 'μg/m³')).toBe(false);
    spec
      .given([pm25])
      .when(report('2026-10', 28.6, { unit: 'ug/m3' }))
      .thenState((s) => expect(s.values[0]).toMatchObject({ value: 28.6, unit: 'μg/m³' }));
  });

  it('refuses a share above 100 %', () => {
    const error = spec.given([goodDays]).when(report('2026-10', 120)).thenThrows({ kind: 'invalid', code: 'VALUE_OUT_OF_RANGE' });
    expect(error.detail).toContain('0 到 100%之间');
  });

  it('refuses a period in the future or not yet ended (Shanghai calendar)', () => {
    spec.given([pm25]).when(report('2027-01', 28)).thenThrows({ kind: 'invalid', code: 'PERIOD_NOT_ENDED' });
    const error = spec.given([pm25]).when(report('2026-11', 28)).thenThrows({ kind: 'invalid', code: 'PERIOD_NOT_ENDED' });
    expect(error.detail).toBe('统计期“2026年11月”尚未结束（截至 2026-11-30），结束后方可报送该期数值。');
    spec
      .given([pm25])
      .when(report('2026-11', 28), { now: new Date('2026-11-30T16:00:00Z') })
      .thenState((s) => expect(s.values.map((v) => v.period)).toEqual(['2026-11']));
  });

  it('refuses a period of the wrong frequency or format, and the baseline year', () => {
    const error = spec.given([pm25]).when(report('2025', 29)).thenThrows({ kind: 'invalid', code: 'INVALID_PERIOD' });
    expect(error.detail).toBe('“细颗粒物（PM2.5）浓度”按月报送，统计期格式应为 YYYY-MM（如 2024-07）。');
    spec.given([redLine]).when(report('2025-12', 17007.56)).thenThrows({ kind: 'invalid', code: 'INVALID_PERIOD' });
    spec.given([pm25]).when(report('2025-13', 29)).thenThrows({ kind: 'invalid', code: 'INVALID_PERIOD' });
    spec.given([pm25]).when(report('2020-12', 31)).thenThrows({ kind: 'invalid', code: 'PERIOD_BEFORE_PLAN' });
  });

  it('refuses a period already reported: a change is a correction', () => {
    const error = spec
      .given([pm25, reported('2026-10', 28.6, 'μg/m³')])
      .when(report('2026-10', 29.1))
      .thenThrows({ kind: 'conflict', code: 'PERIOD_ALREADY_REPORTED' });
    expect(error.detail).toBe('统计期“2026年10月”已于 2026-01-05 报送数值 28.6μg/m³；如需修改，请提交更正并说明理由。');
  });

  it('needs the source of the figure', () => {
    spec
      .given([pm25])
      .when(report('2026-10', 28.6, { source: '  ' }))
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });

  it('takes 达到 / 未达到 for a qualitative indicator, and nothing else', () => {
    spec
      .given([constructionLand])
      .when(report('2025', 'MET', { source: '市生态环境局土壤污染状况调查' }))
      .thenState((s) => expect(s.values[0]).toMatchObject({ period: '2025', value: 'MET', unit: null }));
    const error = spec.given([constructionLand]).when(report('2025', 1)).thenThrows({ kind: 'invalid', code: 'ASSESSMENT_REQUIRED' });
    expect(error.detail).toContain('有效保障');
    spec
      .given([constructionLand])
      .when(report('2025', 'MET', { unit: '%' }))
      .thenThrows({ kind: 'invalid', code: 'UNIT_MISMATCH' });
  });

  it('keeps the periods in order whatever order they are reported in', () => {
    spec
      .given([redLine, reported('2024', 17010, '平方公里')])
      .when(report('2022', 17007.56, { source: '自然资源部门年度变更调查' }))
      .thenState((s) => expect(s.values.map((v) => v.period)).toEqual(['2022', '2024']));
  });
});

describe('indicator decider: correcting a value', () => {
  const original = reported('2026-10', 32.4, 'μg/m³');

  it('records the correction with its reason and keeps the original', () => {
    spec
      .given([pm25, assigned, original])
      .when(
        { type: 'CorrectIndicatorValue', period: '2026-10', value: 29.8, unit: null, source: '省站审核数据', reason: '剔除沙尘天气影响' },
        asReporter,
      )
      .thenState((s, events) => {
        expect(events).toEqual([
          {
            type: 'IndicatorValueCorrected',
            data: {
              period: '2026-10',
              previousValue: 32.4,
              value: 29.8,
              unit: 'μg/m³',
              source: '省站审核数据',
              reason: '剔除沙尘天气影响',
              correctedOn: '2026-11-30',
              correctedBy: 'lead-1',
              correctedByName: '市生态环境局填报员',
              correctedByDepartment: 'city-eco-env-bureau',
              occurredAt: now.toISOString(),
            },
          },
        ]);
        expect(s.values[0]).toMatchObject({
          value: 29.8,
          source: '省站审核数据',
          reported: { value: 32.4, source: '国控站点自动监测' },
          corrections: [{ previousValue: 32.4, value: 29.8, reason: '剔除沙尘天气影响' }],
        });
      });
  });

  it('chains corrections, each from the value in force, and keeps the source when none is given', () => {
    const first: IndicatorEvent = {
      type: 'IndicatorValueCorrected',
      data: {
        ...original.data,
        previousValue: 32.4,
        value: 29.8,
        reason: '审核',
        correctedOn: '2026-11-01',
        correctedBy: 'a',
        correctedByName: 'a',
        correctedByDepartment: null,
      },
    };
    spec
      .given([pm25, original, first])
      .when({ type: 'CorrectIndicatorValue', period: '2026-10', value: 30.1, unit: 'μg/m³', source: null, reason: '复核' })
      .thenState((s, events) => {
        expect(events[0].data).toMatchObject({ previousValue: 29.8, value: 30.1, source: '国控站点自动监测' });
        expect(s.values[0].reported.value).toBe(32.4);
        expect(s.values[0].corrections.map((c) => c.value)).toEqual([29.8, 30.1]);
      });
  });

  it('refuses to correct a period never reported', () => {
    const error = spec
      .given([pm25, original])
      .when({ type: 'CorrectIndicatorValue', period: '2026-09', value: 29, unit: null, source: null, reason: '补充' })
      .thenThrows({ kind: 'conflict', code: 'PERIOD_NOT_REPORTED' });
    expect(error.detail).toBe('统计期“2026年9月”尚未报送数值，无法更正；请先报送该期数值。');
  });

  it('refuses a correction that changes nothing, one without a reason, and a value in the wrong unit', () => {
    spec
      .given([pm25, original])
      .when({ type: 'CorrectIndicatorValue', period: '2026-10', value: 32.4, unit: null, source: null, reason: '核对' })
      .thenThrows({ kind: 'invalid', code: 'CORRECTION_UNCHANGED' });
    spec
      .given([pm25, original])
      .when({ type: 'CorrectIndicatorValue', period: '2026-10', value: 30, unit: null, source: null, reason: '' })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
    spec
      .given([pm25, original])
      .when({ type: 'CorrectIndicatorValue', period: '2026-10', value: 0.03, unit: 'mg/m³', source: null, reason: '换算' })
      .thenThrows({ kind: 'invalid', code: 'UNIT_MISMATCH' });
  });

  it('may correct only the source of a figure', () => {
    spec
      .given([pm25, original])
      .when({
        type: 'CorrectIndicatorValue',
        period: '2026-10',
        value: 32.4,
        unit: null,
        source: '《2026年牡丹江市环境质量月报》',
        reason: '以正式月报为准',
      })
      .thenState((s) => expect(s.values[0]).toMatchObject({ value: 32.4, source: '《2026年牡丹江市环境质量月报》' }));
  });
});

describe('indicator decider: contributing projects', () => {
  const link = {
    type: 'LinkContributingProject' as const,
    projectId: 'p-zl6-2',
    projectCode: 'ZL6-2',
    projectName: '农村环境综合整治',
    note: null,
  };

  it('links a key project once', () => {
    spec
      .given([registered('IND-11')])
      .when(link)
      .then([
        {
          type: 'ContributingProjectLinked',
          data: {
            projectId: 'p-zl6-2',
            projectCode: 'ZL6-2',
            projectName: '农村环境综合整治',
            note: null,
            linkedBy: 'office-1',
            occurredAt: now.toISOString(),
          },
        },
      ]);
    spec
      .given([registered('IND-11'), { type: 'ContributingProjectLinked', data: { ...link, linkedBy: 'x', occurredAt: now.toISOString() } }])
      .when(link)
      .thenThrows({ kind: 'conflict', code: 'PROJECT_ALREADY_LINKED' });
  });

  it('needs the project’s id, code and name', () => {
    spec
      .given([registered('IND-11')])
      .when({ ...link, projectCode: '' })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });
});

describe('indicator decider: who may send what', () => {
  const otherLead = actor({
    roles: ['project-lead'],
    userId: 'lead-9',
    displayName: '市林草局填报员',
    department: 'city-forestry-grassland-bureau',
  });
  const cooperatingLead = actor({ roles: ['project-lead'], userId: 'lead-2', department: 'city-transport-bureau' });
  const leader = actor({ roles: ['leadership'], userId: 'leader-1' });

  it('lets the lead and the cooperating departments report, and refuses any other department, naming the lead by name', () => {
    spec
      .given([pm25, assigned])
      .when(report('2026-10', 28.6), { actor: cooperatingLead })
      .thenState((s) => expect(s.values).toHaveLength(1));
    const error = spec
      .given([pm25, assigned])
      .when(report('2026-10', 28.6), { actor: otherLead })
      .thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
    expect(error.rule).toBe('AUTH-DEPT-1');
    expect(error.detail).toContain('牡丹江市生态环境局');
  });

  it('accepts no report from a project lead while the indicator waits for 交办; the supervision office may enter one', () => {
    spec.given([pm25]).when(report('2026-10', 28.6), asReporter).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
    spec
      .given([pm25])
      .when(report('2026-10', 28.6))
      .thenState((s) => expect(s.values).toHaveLength(1));
  });

  it('keeps 交办, yearly targets and links to the supervision office', () => {
    for (const who of [reporter, leader]) {
      const error = spec.given([pm25]).when(assign, { actor: who }).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
      expect(error.rule).toBe('AUTH-ROLE-1');
    }
  });

  it('withholds a correction until a value is reported, and says why', () => {
    const error = spec
      .given([pm25, assigned])
      .when({ type: 'CorrectIndicatorValue', period: '2026-10', value: 29.8, unit: null, source: null, reason: '复核' }, asReporter)
      .thenThrows({ kind: 'conflict', code: 'NO_VALUE_REPORTED' });
    expect(error.rule).toBe('IND-CORRECT-1');
  });
});
