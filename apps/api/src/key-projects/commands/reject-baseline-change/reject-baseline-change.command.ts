import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { RejectBaselineChangeDto } from './reject-baseline-change.dto';

export class RejectBaselineChangeCommand extends KeyProjectHttpCommand<RejectBaselineChangeDto> {}
