import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { PlanMilestoneDto } from './plan-milestone.dto';

export class PlanMilestoneCommand extends KeyProjectHttpCommand<PlanMilestoneDto> {}
