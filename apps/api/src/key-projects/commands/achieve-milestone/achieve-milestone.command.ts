import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { AchieveMilestoneDto } from './achieve-milestone.dto';

export class AchieveMilestoneCommand extends KeyProjectHttpCommand<AchieveMilestoneDto> {}
