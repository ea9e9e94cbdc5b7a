import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { RegisterKeyProjectDto } from './register-key-project.dto';

export class RegisterKeyProjectCommand extends KeyProjectHttpCommand<RegisterKeyProjectDto> {}
