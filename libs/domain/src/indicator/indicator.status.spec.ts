import { at } from '../testing/decider-spec';
import type { IndicatorEvent } from './indicator.events';
import { registered, registration, reported, stateOf } from './indicator.fixtures';
import { indicatorLag, indicatorSeries, indicatorStatus, missingIndicatorReports, trajectoryFor, trajectoryLine } from './indicator.status';

const yearly = (targets: Array<[number, number]>): IndicatorEvent => ({
  type: 'YearlyTargetsSet',
  data: {
    targets: targets.map(([year, value]) => ({ year, value, previousValue: null })),
    grounds: '省下达目标',
    setBy: 'office-1',
    occurredAt: '2026-01-05T01:00:00.000Z',
  },
});

const assignedOn = (on: string, leadDepartment = 'city-eco-env-bureau'): IndicatorEvent => ({
  type: 'IndicatorAssigned',
  data: {
    leadDepartment,
    cooperatingDepartments: [],
    leaderInCharge: null,
    responsiblePerson: null,
    assignedOn: on,
    assignedBy: 'office-1',
    occurredAt: `${on}T01:00:00.000Z`,
  },
});

const reassignedOn = (on: string, leadDepartment: string): IndicatorEvent => ({
  type: 'IndicatorReassigned',
  data: {
    leadDepartment,
    cooperatingDepartments: [],
    leaderInCharge: null,
    responsiblePerson: null,
    previous: { leadDepartment: 'city-eco-env-bureau', cooperatingDepartments: [], leaderInCharge: null, responsiblePerson: null },
    reason: '调整分工',
    reassignedOn: on,
    reassignedBy: 'office-1',
    occurredAt: `${on}T01:00:00.000Z`,
  },
});

const corrected = (period: string, previousValue: number, value: number): IndicatorEvent => ({
  type: 'IndicatorValueCorrected',
  data: {
    period,
    previousValue,
    value,
    unit: 'μg/m³',
    source: '省站审核数据',
    reason: '审核更正',
    correctedOn: '2026-06-01',
    correctedBy: 'lead-1',
    correctedByName: '填报员',
    correctedByDepartment: 'city-eco-env-bureau',
    occurredAt: '2026-06-01T01:00:00.000Z',
  },
});

const pm25 = registered('IND-06');
const pm = (period: string, value: number) => reported(period, value, 'μg/m³');
const statusOf = (events: IndicatorEvent[]) => indicatorStatus(stateOf(events));

describe('trajectory (序时进度)', () => {
  it('runs in a straight line from the 2020 baseline to the 2025 target, then stays at the target', () => {
    expect(trajectoryLine(stateOf([pm25]))).toEqual([
      { year: 2021, value: 30.8, source: 'INTERPOLATED' },
      { year: 2022, value: 30.6, source: 'INTERPOLATED' },
      { year: 2023, value: 30.4, source: 'INTERPOLATED' },
      { year: 2024, value: 30.2, source: 'INTERPOLATED' },
      { year: 2025, value: 30, source: 'PLAN_TARGET' },
    ]);
    expect(trajectoryFor(stateOf([pm25]), 2026)).toEqual({ value: 30, source: 'PLAN_TARGET', labelZh: '2025年规划目标' });
    expect(trajectoryLine(stateOf([registered('IND-05')])).map((p) => p.value)).toEqual([92.44, 92.78, 93.12, 93.46, 93.8]);
  });

  it('is the target in every year where the baseline already meets it', () => {
    expect(trajectoryLine(stateOf([registered('IND-02')])).map((p) => [p.value, p.source])).toEqual(Array(5).fill([0, 'PLAN_TARGET']));
    expect(trajectoryFor(stateOf([registered('TG-08')]), 2022)).toMatchObject({ value: 95, source: 'PLAN_TARGET' });
  });

  it('takes a yearly target where one is set, and the last one after the plan', () => {
    const state = stateOf([
      pm25,
      yearly([
        [2023, 30.5],
        [2025, 29.5],
      ]),
    ]);
    expect(trajectoryFor(state, 2023)).toEqual({ value: 30.5, source: 'YEARLY_TARGET', labelZh: '2023年年度目标' });
    expect(trajectoryFor(state, 2024)).toMatchObject({ value: 30.2, source: 'INTERPOLATED' });
    expect(trajectoryFor(state, 2026)).toEqual({ value: 29.5, source: 'YEARLY_TARGET', labelZh: '2025年年度目标' });
  });

  it('has nothing to interpolate without a baseline, and nothing at all for a target in words until the province’s figures come', () => {
    expect(trajectoryFor(stateOf([registered('IND-08')]), 2023)).toBeNull();
    expect(trajectoryFor(stateOf([registered('IND-08')]), 2025)).toMatchObject({ value: 93, source: 'PLAN_TARGET' });
    expect(trajectoryLine(stateOf([registered('IND-12')]))).toEqual([]);
    expect(trajectoryFor(stateOf([registered('IND-18')]), 2023)).toMatchObject({ value: 17007.56, source: 'BASELINE' });
    expect(trajectoryFor(stateOf([registered('IND-09')]), 2023)).toBeNull();
  });
});

describe('indicator status: latest value against the year’s trajectory', () => {
  it('is 无数据 before any report', () => {
    expect(statusOf([pm25])).toEqual({ status: 'NO_DATA', latest: null, targetMet: null, reasonZh: '尚未报送数值。' });
  });

  it('judges a ≤ indicator (PM2.5): 达标 at or below the line, 接近 within 2 %, 滞后 beyond', () => {
    expect(statusOf([pm25, pm('2023-07', 30)]).status).toBe('ON_TARGET');
    const close = statusOf([pm25, pm('2023-07', 30.9)]);
    expect(close.status).toBe('CLOSE');
    expect(close.latest?.gap).toBe(0.5);
    const lagging = statusOf([pm25, pm('2023-07', 32)]);
    expect(lagging).toMatchObject({ status: 'LAGGING', latest: { gap: 1.6, yardstick: { value: 30.4, source: 'INTERPOLATED' } } });
    expect(lagging.reasonZh).toBe('2023年7月：32μg/m³，落后于2023年序时进度（30.4μg/m³）');
  });

  it('judges a ≥ indicator (优良天数) the other way round', () => {
    const goodDays = registered('IND-05');
    expect(statusOf([goodDays, reported('2023-12', 93.5)]).status).toBe('ON_TARGET');
    expect(statusOf([goodDays, reported('2023-12', 92)]).status).toBe('CLOSE');
    expect(statusOf([goodDays, reported('2023-12', 90)]).status).toBe('LAGGING');
  });

  it('leaves no band around a target of 0 (劣Ⅴ类)', () => {
    const worst = registered('IND-02');
    expect(statusOf([worst, reported('2024-06', 0)]).status).toBe('ON_TARGET');
    expect(statusOf([worst, reported('2024-06', 0.1)]).status).toBe('LAGGING');
  });

  it('counts the band as met for a target the plan words as 左右 (秸秆 90%左右)', () => {
    const straw = registered('TG-03');
    expect(statusOf([straw, reported('2025', 89)]).status).toBe('ON_TARGET');
    expect(statusOf([straw, reported('2025', 87)]).status).toBe('LAGGING');
  });

  it('cannot judge a year before 2025 without a baseline until a yearly target is set', () => {
    const straw = registered('TG-03');
    const unset = statusOf([straw, reported('2023', 84)]);
    expect(unset.status).toBe('NOT_ASSESSABLE');
    expect(unset.reasonZh).toBe('2023年：84%；规划未给出2020年基准值，无法计算2023年序时进度，请录入年度目标。');
    expect(statusOf([straw, yearly([[2023, 85]]), reported('2023', 84)]).status).toBe('ON_TARGET');
  });

  it('judges 完成省定目标任务值 only against the province’s figures', () => {
    const co2 = registered('IND-12');
    const unset = statusOf([co2, reported('2023', 3.9)]);
    expect(unset.status).toBe('NOT_ASSESSABLE');
    expect(unset.reasonZh).toContain('尚未录入2023年省定目标值');
    expect(statusOf([co2, yearly([[2023, 4]]), reported('2023', 3.9)]).status).toBe('LAGGING');
    expect(statusOf([co2, yearly([[2023, 4]]), reported('2023', 3.95)]).status).toBe('CLOSE');
    const after = statusOf([co2, yearly([[2025, 4.5]]), reported('2026', 4.6)]);
    expect(after).toMatchObject({ status: 'ON_TARGET', targetMet: true, latest: { yardstick: { labelZh: '2025年年度目标' } } });
  });

  it('judges 不降低 against the baseline with no band: any decline lags', () => {
    const redLine = registered('IND-18');
    expect(statusOf([redLine, reported('2024', 17007.56)])).toMatchObject({ status: 'ON_TARGET', targetMet: true });
    expect(statusOf([redLine, reported('2024', 17007)]).status).toBe('LAGGING');
  });

  it('cannot judge 保持现状 without a baseline until the present value is set as a yearly target', () => {
    const groundwater = registered('IND-10');
    expect(statusOf([groundwater, reported('2024', 10)]).status).toBe('NOT_ASSESSABLE');
    expect(statusOf([groundwater, yearly([[2024, 10]]), reported('2024', 10.1)]).status).toBe('LAGGING');
  });

  it('judges 稳中向好 (EQI) against the previous value: steady within the band counts as met', () => {
    const eqi = registered('IND-15');
    const series = indicatorSeries(
      stateOf([eqi, reported('2022', 62), reported('2023', 61.5), reported('2024', 58), reported('2025', 63)]),
    );
    expect(series.map((s) => s.status)).toEqual(['NOT_ASSESSABLE', 'ON_TARGET', 'LAGGING', 'ON_TARGET']);
    expect(series[2].reasonZh).toBe('2024年：58，落后于上期（2023年）数值（61.5）');
  });

  it('judges a qualitative indicator by the reported 达到 / 未达到', () => {
    const land = registered('IND-09');
    expect(statusOf([land, reported('2024', 'MET')])).toMatchObject({
      status: 'ON_TARGET',
      targetMet: true,
      reasonZh: '2024年：达到（目标：有效保障）',
    });
    expect(statusOf([land, reported('2024', 'NOT_MET')])).toMatchObject({ status: 'LAGGING', targetMet: false });
  });

  it('tells apart being on the year’s line and having met the 2025 target', () => {
    expect(statusOf([pm25, pm('2023-07', 29.5)])).toMatchObject({ status: 'ON_TARGET', targetMet: true });
    expect(statusOf([pm25, pm('2023-07', 30.3)])).toMatchObject({ status: 'ON_TARGET', targetMet: false });
    expect(statusOf([registered('IND-15'), reported('2024', 60)]).targetMet).toBeNull();
  });

  it('judges the latest period by its corrected value and shows the original', () => {
    const result = statusOf([pm25, pm('2024-05', 33), corrected('2024-05', 33, 30)]);
    expect(result).toMatchObject({ status: 'ON_TARGET', latest: { value: 30, reportedValue: 33, corrected: true } });
  });

  it('takes a custom tolerance for 接近', () => {
    expect(indicatorStatus(stateOf([pm25, pm('2023-07', 30.9)]), { closeTolerance: 0.01 }).status).toBe('LAGGING');
  });
});

describe('indicatorLag: a binding indicator behind its trajectory', () => {
  it('is null for an expected (预期性) indicator, however far behind', () => {
    expect(indicatorLag(stateOf([registered('IND-03'), reported('2024-Q2', 50)]))).toBeNull();
  });

  it('is null while the latest value is on track or only 接近', () => {
    expect(indicatorLag(stateOf([pm25, pm('2026-01', 29)]))).toBeNull();
    expect(indicatorLag(stateOf([pm25, pm('2026-01', 30.5)]))).toBeNull();
  });

  it('names the first period of the run, so the same lag stays one escalation until a value is on track', () => {
    const first = indicatorLag(stateOf([pm25, pm('2026-01', 29), pm('2026-02', 33)]));
    expect(first).toEqual({
      period: '2026-02',
      lagSince: '2026-02',
      lagSinceEnd: '2026-02-28',
      itemId: 'trajectory:2026-02',
      trigger: 'indicator-lagging',
      level: 2,
      value: 33,
      yardstick: { value: 30, source: 'PLAN_TARGET', labelZh: '2025年规划目标' },
      gap: 3,
      department: null,
      reasonZh: '2026年2月：33μg/m³，落后于2025年规划目标（30μg/m³）',
    });
    const still = indicatorLag(stateOf([pm25, pm('2026-01', 29), pm('2026-02', 33), pm('2026-03', 32)]));
    expect(still).toMatchObject({ period: '2026-03', lagSince: '2026-02', itemId: 'trajectory:2026-02' });
    expect(indicatorLag(stateOf([pm25, pm('2026-02', 33), pm('2026-03', 32), pm('2026-04', 29.5)]))).toBeNull();
    const again = indicatorLag(stateOf([pm25, pm('2026-02', 33), pm('2026-03', 29.5), pm('2026-04', 31)]));
    expect(again).toMatchObject({ lagSince: '2026-04', itemId: 'trajectory:2026-04' });
  });

  it('ends when a correction brings the latest value on track', () => {
    expect(indicatorLag(stateOf([pm25, pm('2026-02', 33), corrected('2026-02', 33, 29.9)]))).toBeNull();
  });

  it('goes to the lead department once assigned', () => {
    expect(indicatorLag(stateOf([pm25, assignedOn('2026-01-10'), pm('2026-02', 33)]))?.department).toBe('city-eco-env-bureau');
  });

  it('covers a binding qualitative indicator judged 未达到', () => {
    expect(indicatorLag(stateOf([registered('IND-09'), reported('2025', 'NOT_MET')]))).toMatchObject({
      level: 2,
      yardstick: null,
      gap: null,
    });
  });

  it('stops at yellow (level 1) for a 力争 target', () => {
    const { type: _type, ...data } = { ...registration('TG-11'), attribute: 'BINDING' as const };
    const film: IndicatorEvent = { type: 'IndicatorRegistered', data: { ...data, occurredAt: '2026-01-05T01:00:00.000Z' } };
    expect(indicatorLag(stateOf([film, reported('2025', 80)]))).toMatchObject({ level: 1 });
  });
});

describe('missingIndicatorReports', () => {
  const forest = registered('IND-16');

  it('owes nothing while the indicator waits for 交办', () => {
    expect(missingIndicatorReports(stateOf([forest]), at('2026-11-30 10:00'))).toEqual([]);
  });

  it('owes the periods due on or after the first 交办, level 1 once past due', () => {
    expect(missingIndicatorReports(stateOf([forest, assignedOn('2026-03-05')]), at('2026-11-30 10:00'))).toEqual([
      {
        period: '2025',
        periodLabel: '2025年',
        periodEnd: '2025-12-31',
        dueOn: '2026-03-31',
        daysOverdue: 244,
        itemId: 'report:2025',
        trigger: 'report-missing',
        level: 1,
        department: 'city-eco-env-bureau',
      },
    ]);
    expect(missingIndicatorReports(stateOf([forest, assignedOn('2026-03-05'), reported('2025', 66.2)]), at('2026-11-30 10:00'))).toEqual(
      [],
    );
  });

  it('gives a level 0 notice in the last 7 days before a monthly report is due, nothing earlier', () => {
    const state = stateOf([pm25, assignedOn('2026-10-20')]);
    expect(missingIndicatorReports(state, at('2026-11-02 09:00'))).toEqual([]);
    expect(missingIndicatorReports(state, at('2026-11-05 09:00'))).toMatchObject([
      { period: '2026-10', dueOn: '2026-11-10', level: 0, trigger: 'report-due', daysOverdue: 0 },
    ]);
    expect(missingIndicatorReports(state, at('2026-11-30 09:00'))).toMatchObject([
      { period: '2026-10', level: 1, trigger: 'report-missing', daysOverdue: 20 },
    ]);
  });

  it('keeps what was owed before a reassignment, and sends it to the new lead department', () => {
    const state = stateOf([pm25, assignedOn('2026-10-20'), reassignedOn('2026-11-20', 'city-transport-bureau')]);
    expect(missingIndicatorReports(state, at('2026-11-30 09:00'))).toMatchObject([
      { period: '2026-10', department: 'city-transport-bureau' },
    ]);
  });

  it('takes other due days and notice days', () => {
    const state = stateOf([forest, assignedOn('2026-03-05')]);
    expect(missingIndicatorReports(state, at('2026-06-25 09:00'), { reportDueDays: { ANNUAL: 180 } })).toMatchObject([
      { dueOn: '2026-06-29', level: 0 },
    ]);
    expect(missingIndicatorReports(state, at('2026-06-25 09:00'), { reportDueDays: { ANNUAL: 180 }, noticeDays: 3 })).toEqual([]);
  });
});
