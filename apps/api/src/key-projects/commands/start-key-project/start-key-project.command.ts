import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { StartKeyProjectDto } from './start-key-project.dto';

export class StartKeyProjectCommand extends KeyProjectHttpCommand<StartKeyProjectDto> {}
