import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { CompleteKeyProjectDto } from './complete-key-project.dto';

export class CompleteKeyProjectCommand extends KeyProjectHttpCommand<CompleteKeyProjectDto> {}
