import { KeyProjectHttpCommand } from '../../shared/key-project-command';
import type { ResumeKeyProjectDto } from './resume-key-project.dto';

export class ResumeKeyProjectCommand extends KeyProjectHttpCommand<ResumeKeyProjectDto> {}
