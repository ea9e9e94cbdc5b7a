import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { RequestBaselineChangeDto } from './request-baseline-change.dto';

export class RequestBaselineChangeCommand extends KeyProjectHttpCommand<RequestBaselineChangeDto> {}
