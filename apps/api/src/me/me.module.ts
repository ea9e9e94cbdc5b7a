import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { TodoService } from './todo.service';

/** What waits on the signed-in user (待办) and what was sent to them (消息). */
@Module({
  controllers: [MeController],
  providers: [TodoService],
  exports: [TodoService],
})
export class MeModule {}
