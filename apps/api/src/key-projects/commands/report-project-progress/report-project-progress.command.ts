import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { ReportProjectProgressDto } from './report-project-progress.dto';

export class ReportProjectProgressCommand extends KeyProjectHttpCommand<ReportProjectProgressDto> {}
