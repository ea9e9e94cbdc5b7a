import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { SuspendKeyProjectDto } from './suspend-key-project.dto';

export class SuspendKeyProjectCommand extends KeyProjectHttpCommand<SuspendKeyProjectDto> {}
