import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { CancelKeyProjectDto } from './cancel-key-project.dto';

export class CancelKeyProjectCommand extends KeyProjectHttpCommand<CancelKeyProjectDto> {}
