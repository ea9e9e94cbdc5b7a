import { Module, type OnModuleInit } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { documentRegisterEventTypes } from '@app/domain';
import { EventTypeRegistry } from '@app/event-store';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** 公文 and the 文号 register (streams document-register-<kind><year>, read through the command path's reader). */
@Module({ imports: [AssessmentsModule], controllers: [DocumentsController], providers: [DocumentsService], exports: [DocumentsService] })
export class DocumentsModule implements OnModuleInit {
  constructor(private readonly eventTypes: EventTypeRegistry) {}

  onModuleInit(): void {
    this.eventTypes.register(...documentRegisterEventTypes);
  }
}
