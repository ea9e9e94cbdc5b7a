import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { AcceptKeyProjectDto } from './accept-key-project.dto';

export class AcceptKeyProjectCommand extends KeyProjectHttpCommand<AcceptKeyProjectDto> {}
