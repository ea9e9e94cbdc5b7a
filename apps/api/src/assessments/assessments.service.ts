import { Injectable } from '@nestjs/common';
import {
  assessDepartment,
  assessmentConfigFrom,
  departmentName,
  endOfShanghaiDay,
  escalationLevelLabels,
  indicatorSeries,
  shanghaiDate,
  type AssessedEscalation,
  type AssessedIndicator,
  type AssessmentConfig,
  type CalendarDate,
  type DepartmentAssessment,
} from '@app/domain';
import { AppConfig, Clock, ProblemException } from '@app/platform';
import { PlanSnapshotService, type PlanSnapshot } from './plan-snapshot.service';

export interface DepartmentAssessmentView extends DepartmentAssessment {
  departmentName: string;
  rank: number | null;
}

export interface YearAssessment {
  year: number;
  asOf: CalendarDate;
  config: AssessmentConfig;
  departments: DepartmentAssessmentView[];
}

/** 年度考核 for every department of a year, as of a day, from the plan snapshot at the end of that day. */
@Injectable()
export class AssessmentsService {
  readonly config: AssessmentConfig;

  constructor(
    private readonly snapshots: PlanSnapshotService,
    private readonly clock: Clock,
    appConfig: AppConfig,
  ) {
    // A wrong ASSESSMENT_CONFIG stops the process at start, naming the setting.
    this.config = assessmentConfigFrom(appConfig.ASSESSMENT_CONFIG ? JSON.parse(appConfig.ASSESSMENT_CONFIG) : undefined);
  }

  /** 12-31 of the year, or today while the year is not over. */
  defaultAsOf(year: number): CalendarDate {
    const today = shanghaiDate(this.clock.now());
    const end = `${year}-12-31`;
    return today < end ? today : end;
  }

  async year(year: number, asOf: CalendarDate = this.defaultAsOf(year)): Promise<YearAssessment> {
    if (asOf < `${year}-01-01`) {
      throw new ProblemException(
        422,
        'AS_OF_BEFORE_YEAR',
        'Unprocessable Entity',
        `考核截止日期（${asOf}）早于${year}年，请选择${year}年内或之后的日期。`,
        {
          field: 'asOf',
        },
      );
    }
    const snapshot = await this.snapshots.at(endOfShanghaiDay(asOf));
    return this.fromSnapshot(snapshot, year, asOf);
  }

  fromSnapshot(snapshot: PlanSnapshot, year: number, asOf: CalendarDate): YearAssessment {
    const indicators: AssessedIndicator[] = [...snapshot.indicators].map(([id, s]) => {
      const latest = indicatorSeries(s)
        .filter((j) => j.year === year)
        .at(-1);
      return {
        id,
        code: s.code,
        name: s.name,
        department: s.leadDepartment,
        latest: latest ? { periodLabel: latest.periodLabel, status: latest.status, reason: latest.reasonZh } : null,
      };
    });
    const escalations: AssessedEscalation[] = [...snapshot.escalations].map(([id, e]) => ({
      id,
      department: e.department,
      level: e.level,
      levelLabel: escalationLevelLabels[e.level],
      subjectCode: e.subjectCode,
      subjectName: e.subjectName,
      itemName: e.itemName,
      raisedOn: e.raisedOn,
      referredOn: e.actions.filter((a) => a.type === 'AccountabilityReferred').map((a) => shanghaiDate(new Date(a.at))),
    }));
    const departments = new Set<string>();
    for (const i of snapshot.items) if (i.department) departments.add(i.department);
    for (const i of indicators) if (i.department) departments.add(i.department);
    const results = [...departments]
      .map((department) => assessDepartment({ department, year, asOf, items: snapshot.items, indicators, escalations }, this.config))
      .filter((r) => r.score !== null)
      .sort(
        (a, b) =>
          (b.score as number) - (a.score as number) || departmentName(a.department).localeCompare(departmentName(b.department), 'zh'),
      );
    return {
      year,
      asOf,
      config: this.config,
      departments: results.map((r, i) => ({ ...r, departmentName: departmentName(r.department), rank: i + 1 })),
    };
  }
}
