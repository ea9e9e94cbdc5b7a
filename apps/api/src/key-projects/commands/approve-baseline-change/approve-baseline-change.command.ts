import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { ApproveBaselineChangeDto } from './approve-baseline-change.dto';

export class ApproveBaselineChangeCommand extends KeyProjectHttpCommand<ApproveBaselineChangeDto> {}
